"""The Prefect flow: ingest -> extract (per document) -> cross-check (per claim) -> verdicts -> emit.

Tasks only wire the pure stages of `pipeline` (see tasks.py and steps.py); the model is passed in as
a `ModelSource` (loaded by the CLI, or by the flow from a model name for a deployment).

Runs are incremental: what an earlier run on the same output directory finished (a document's
claims, a claim's model judgments) is kept in out/.cache and re-used; only documents not seen
before and claims that need new judgments become tasks. The driver alone writes to the output
directory, so workers need no access to it."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from prefect import flow

from flows import progress, runners
from flows.steps import Meter, check_claims, decide_verdicts, extract_documents, in_process
from flows.tasks import emit_task, group_task, ingest_task, publish
from pipeline.encoder import encoder
from pipeline.files import output_lock
from pipeline.llm import ModelSource
from pipeline.output import (
    build_manifest,
    document_changes,
    event_changes,
    now,
    previous_manifest,
    verdict_changes,
)
from pipeline.prompts import prompt_versions
from pipeline.records import RunChanges, RunManifest
from pipeline.settings import Settings
from pipeline.store import ResultStore


@flow(name="factcheck", log_prints=False)
def factcheck(
    paths: list[str],
    out_dir: str = "out",
    model: str | ModelSource = "gemma3-270m",
    prompt_style: str = "auto",
    wait_for_lock: float = 0.0,
    task_runner: str = "threads",
    dask_address: str | None = None,
    workers: int | None = None,
) -> RunManifest:
    """Fact-check the articles under `paths` against each other; write verdicts to `out_dir`.

    `model` is a known model name or .gguf path (a deployment), or a ModelSource already loaded (the
    CLI, tests). A run on an output directory that holds earlier results re-uses them. Another run
    writing to the same directory is waited for up to `wait_for_lock` seconds, then this one refuses.
    `task_runner` processes or dask (at `dask_address`, else a local cluster of `workers`) runs the
    work as a subflow on that runner: how a deployment chooses where its tasks run."""
    if task_runner != "threads" and in_process():
        runner = runners.task_runner(task_runner, dask_address, workers)
        return factcheck.with_options(task_runner=runner)(
            paths, out_dir, model, prompt_style, wait_for_lock, task_runner, dask_address, workers
        )
    if isinstance(model, ModelSource):
        source = model
    else:
        settings = Settings.from_env(model=model, prompt_style=prompt_style)
        source = ModelSource.resolve(model, settings, load=False)
    out = Path(out_dir)
    with output_lock(out, wait=wait_for_lock):
        return run(paths, out, source)


def run(paths: list[str], out: Path, source: ModelSource) -> RunManifest:
    """The pipeline once over `paths` into `out`, inside the flow."""
    settings, started, clock = source.settings, now(), Clock()
    progress.reset()
    with clock("model_load"):
        meter = Meter.start(source)  # loads the model here when tasks run in this process
        # The sentence encoder too, so that a missing one stops the run before any work is done.
        encoding = encoder().info
    store = ResultStore(out, source.file.info(), prompt_versions(), source.file.prompt_style, settings)
    previous = previous_manifest(out)
    with clock("ingest"):
        corpus = ingest_task(paths)
    docs = corpus.documents
    with clock("events"):
        events, embedder = group_task(docs, store.events(), settings)
        store.save_events({doc_id: e.event_id for e in events for doc_id in e.doc_ids})
    with clock("extract"):
        extractions, extracted = extract_documents(docs, store, source, settings, meter)
    with clock("crosscheck"):
        claims = [c for d in docs for c in extractions[d.doc_id].claims]
        checked = check_claims(claims, docs, events, store, source, settings, meter)
        verdicts, copy_of = decide_verdicts(claims, checked, docs, events, out, source, embedder)
    model_stats = meter.total()
    changes = RunChanges(
        documents=document_changes(previous, docs, corpus.rejected),
        extracted=extracted,
        reused=len(docs) - extracted,
        claims_rechecked=checked.rechecked,
        events=event_changes(previous, {e.event_id: set(e.doc_ids) for e in events}, checked.judged_events),
        verdicts=verdict_changes(out, verdicts),
    )
    manifest = build_manifest(
        run_id=uuid.uuid4().hex[:12],
        started_at=started,
        inputs=[str(p) for p in paths],
        model=source.file.info(),
        embedder=embedder,
        encoder=encoding,
        events=events,
        documents=docs,
        extractions=extractions,
        rejected=corpus.rejected,
        verdicts=verdicts,
        copy_of=copy_of,
        timings=clock.done(),
        model_stats=model_stats,
        changes=changes,
    )
    emit_task(str(out), manifest, verdicts, docs)
    store.prune({d.doc_id for d in docs}, {c.claim_id for c in claims})
    publish(manifest, verdicts, docs, str(out))
    return manifest


class Clock:
    """Seconds per stage of a run, and in total."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.timings: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        mark = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = time.perf_counter() - mark

    def done(self) -> dict[str, float]:
        return {**self.timings, "total": time.perf_counter() - self.started}
