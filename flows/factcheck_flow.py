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
from pathlib import Path

from prefect import flow

from flows import progress, runners
from flows.steps import Meter, check_claims, extract_documents, in_process
from flows.tasks import emit_task, ingest_task, publish
from pipeline.files import output_lock
from pipeline.llm import ModelSource
from pipeline.output import (
    build_manifest,
    document_changes,
    now,
    previous_manifest,
    provenance,
    verdict_changes,
)
from pipeline.prompts import prompt_versions
from pipeline.records import RunChanges, RunManifest
from pipeline.settings import Settings
from pipeline.store import ResultStore
from pipeline.verdict import CorpusInfo, build_verdicts, near_duplicates, unverified


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
    settings, started, t0 = source.settings, now(), time.perf_counter()
    progress.reset()
    timings: dict[str, float] = {}
    mark = time.perf_counter()
    meter = Meter.start(source)  # loads the model here when tasks run in this process
    timings["model_load"] = time.perf_counter() - mark
    store = ResultStore(out, source.file.info(), prompt_versions(), source.file.prompt_style, settings)
    previous = previous_manifest(out)

    mark = time.perf_counter()
    corpus = ingest_task(paths)
    docs, by_id = corpus.documents, {d.doc_id: d for d in corpus.documents}
    timings["ingest"] = time.perf_counter() - mark

    mark = time.perf_counter()
    extractions, extracted = extract_documents(docs, store, source, settings, meter)
    timings["extract"] = time.perf_counter() - mark

    mark = time.perf_counter()
    all_claims = [c for d in docs for c in extractions[d.doc_id].claims]
    claims = [c for c in all_claims if c.extraction_error is None]
    prov = provenance(source.file.info())
    verdicts = [
        unverified(c, by_id[c.doc_id], f"claim extraction failed: {c.extraction_error}", prov)
        for c in all_claims
        if c.extraction_error is not None
    ]
    checked = check_claims(claims, docs, store, source, settings, meter)
    verdicts += [
        unverified(c, by_id[c.doc_id], f"cross-check crashed: {checked.crashed[c.claim_id]}", prov)
        for c in claims
        if c.claim_id in checked.crashed
    ]
    copy_of = near_duplicates(docs, settings)
    existing = frozenset(p.stem for p in (out / "verdicts").glob("*.json"))
    verdicts += build_verdicts(claims, checked.stances, CorpusInfo(by_id, copy_of, existing), prov)
    timings["crosscheck"] = time.perf_counter() - mark

    model_stats = meter.total()
    timings["total"] = time.perf_counter() - t0
    changes = RunChanges(
        documents=document_changes(previous, docs, corpus.rejected),
        extracted=extracted,
        reused=len(docs) - extracted,
        claims_rechecked=checked.rechecked,
        verdicts=verdict_changes(out, verdicts),
    )
    manifest = build_manifest(
        run_id=uuid.uuid4().hex[:12],
        started_at=started,
        inputs=[str(p) for p in paths],
        model=source.file.info(),
        documents=docs,
        extractions=extractions,
        rejected=corpus.rejected,
        verdicts=verdicts,
        copy_of=copy_of,
        timings=timings,
        model_stats=model_stats,
        changes=changes,
    )
    emit_task(str(out), manifest, verdicts, docs)
    store.prune({d.doc_id for d in docs}, {c.claim_id for c in claims})
    publish(manifest, verdicts, docs, str(out))
    return manifest
