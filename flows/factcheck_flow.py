"""The Prefect flow: ingest -> extract (per document) -> cross-check (per claim) -> verdicts -> emit.

Tasks only wire the pure stages of `pipeline`; the model is looked up in the per-process cache of
`pipeline.models` by name, never passed (or pickled) as a task input, so a Dask or process worker
loads it once and keeps it for every task it runs.

Runs are incremental: what an earlier run on the same output directory finished (a document's
claims, a claim's model judgments) is kept in out/.cache and re-used; only documents not seen
before and claims that need new judgments become tasks. The driver alone writes to the output
directory, so workers need no access to it."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import unmapped

from flows import progress, runners
from pipeline import models
from pipeline.cluster import near_duplicates
from pipeline.crosscheck import ModelNeeded, calibration, crosscheck_claim
from pipeline.emit import (
    output_lock,
    render_report,
    write_documents,
    write_manifest,
    write_report,
    write_verdicts,
)
from pipeline.extract import extract_claims
from pipeline.history import append_history, document_changes, previous_manifest, verdict_changes
from pipeline.ingest import IngestResult, ingest
from pipeline.manifest import build_manifest, now, provenance
from pipeline.prompts import prompt_versions
from pipeline.records import (
    Claim,
    Document,
    ExtractionResult,
    RunChanges,
    RunManifest,
    SourceStance,
    StanceLabel,
    Verdict,
)
from pipeline.retrieve import SentenceIndex
from pipeline.settings import Settings
from pipeline.store import CALIBRATION, Judgments, ResultStore
from pipeline.verdict import CorpusInfo, build_verdicts, unverified

T = TypeVar("T")

Stats = dict[str, float]


class Corpus:
    """The documents' sentence indexes, handed to every cross-check task as one opaque object."""

    def __init__(self, documents: list[Document]) -> None:
        self.indexes = [SentenceIndex(d) for d in documents]


def _model(settings: Settings) -> Any:
    return models.load(settings.model, settings)[1]


def _stats(chat: Any) -> Stats:
    stats = getattr(chat, "stats", None)
    return stats.as_dict() if stats is not None else {}


def _delta(after: Stats, before: Stats) -> Stats:
    return {k: round(v - before.get(k, 0), 3) for k, v in after.items()}


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(paths: list[str]) -> IngestResult:
    return ingest(paths)


@task(name="extract-claims", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def extract_task(doc: Document, settings: Settings) -> tuple[ExtractionResult, Stats]:
    chat = _model(settings)
    before = _stats(chat)
    result = extract_claims(doc, chat, settings)
    return result, _delta(_stats(chat), before)


@task(name="calibrate", cache_policy=NO_CACHE, retries=1)
def calibrate_task(settings: Settings) -> tuple[Judgments, Stats]:
    chat = _model(settings)
    before, memo = _stats(chat), {}
    if getattr(chat, "supports_grammar", False):
        calibration(chat, settings, memo)
    return memo, _delta(_stats(chat), before)


@task(name="cross-check", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def crosscheck_task(
    claim: Claim,
    memo: Judgments,
    corpus: Corpus,
    settings: Settings,
    prior: dict[StanceLabel, float] | None,
) -> tuple[list[SourceStance], Judgments, Stats]:
    chat = _model(settings)
    before = _stats(chat)
    stances = crosscheck_claim(claim, corpus.indexes, chat, settings, prior, memo)
    return stances, memo, _delta(_stats(chat), before)


@task(name="emit", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def emit_task(out_dir: str, manifest: RunManifest, verdicts: list[Verdict], documents: list[Document]) -> str:
    out = Path(out_dir)
    write_documents(out, documents)
    write_verdicts(out, verdicts, documents)
    write_report(out, manifest, verdicts, documents)
    path = write_manifest(out, manifest)
    append_history(out, manifest)
    return str(path)


def _as_completed(
    items: list[T], futures: list[PrefectFuture[Any]]
) -> Iterator[tuple[T, PrefectFuture[Any]]]:
    """Each item with its future as the futures finish, so that each result is saved as soon as it
    exists: in submission order, a run killed late could lose results finished long before."""
    owner = {id(future): item for item, future in zip(items, futures, strict=True)}
    for future in as_completed(futures):
        yield owner[id(future)], future


def _failure(future: PrefectFuture[Any]) -> str | None:
    future.wait()
    state = future.state
    return None if state.is_completed() else (state.message or state.name or "task failed")


def _in_process() -> bool:
    """Whether tasks run in this process (threads), so the model's own counters see every call."""
    context = FlowRunContext.get()
    return context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)


@flow(name="factcheck", log_prints=False)
def factcheck(
    paths: list[str],
    out_dir: str = "out",
    model: str = "gemma3-270m",
    prompt_style: str = "auto",
    wait_for_lock: float = 0.0,
    task_runner: str = "threads",
    dask_address: str | None = None,
    workers: int | None = None,
) -> RunManifest:
    """Fact-check the articles under `paths` against each other; write verdicts to `out_dir`.

    A run on an output directory that holds earlier results re-uses them. Another run writing to
    the same directory is waited for up to `wait_for_lock` seconds, then this one refuses.
    `task_runner` processes or dask (at `dask_address`, else a local cluster of `workers`) runs the
    work as a subflow on that runner: how a deployment chooses where its tasks run."""
    if task_runner != "threads" and _in_process():
        runner = runners.task_runner(task_runner, dask_address, workers)
        return factcheck.with_options(task_runner=runner)(
            paths, out_dir, model, prompt_style, wait_for_lock, task_runner, dask_address, workers
        )
    out = Path(out_dir)
    with output_lock(out, wait=wait_for_lock):
        return _run(paths, out, Settings.from_env(model=model, prompt_style=prompt_style))


def _run(paths: list[str], out: Path, settings: Settings) -> RunManifest:
    started, t0 = now(), time.perf_counter()
    timings: dict[str, float] = {}
    progress.reset()
    in_process = _in_process()
    task_stats: list[Stats] = []

    mark = time.perf_counter()
    if in_process:
        model_file, chat = models.load(settings.model, settings)
    else:
        # Workers load their own copy; the driver only needs to know which file it is.
        model_file, chat = models.resolve(settings.model, settings), None
    before = _stats(chat)
    timings["model_load"] = time.perf_counter() - mark
    store = ResultStore(out, model_file.info(), prompt_versions(), model_file.prompt_style, settings)
    previous = previous_manifest(out)

    mark = time.perf_counter()
    corpus = ingest_task(paths)
    docs = corpus.documents
    timings["ingest"] = time.perf_counter() - mark

    mark = time.perf_counter()
    extractions: dict[str, ExtractionResult] = {}
    todo = []
    for doc in docs:
        cached = store.extraction(doc.doc_id)
        if cached is not None:
            extractions[doc.doc_id] = cached
        else:
            todo.append(doc)
    futures = extract_task.map(todo, unmapped(settings))
    for doc, future in _as_completed(todo, list(futures)):
        error = _failure(future)
        if error is None:
            result, stats = future.result()
            store.save_extraction(result)  # at once: a run killed later re-uses it
            task_stats.append(stats)
        else:
            result = ExtractionResult(doc_id=doc.doc_id, error=f"extraction crashed: {error}")
        extractions[doc.doc_id] = result
        progress.advance("extract", len(todo))
    timings["extract"] = time.perf_counter() - mark

    mark = time.perf_counter()
    all_claims = [c for d in docs for c in extractions[d.doc_id].claims]
    claims = [c for c in all_claims if c.extraction_error is None]
    by_id = {d.doc_id: d for d in docs}
    prov = provenance(model_file.info())
    verdicts = [
        unverified(c, by_id[c.doc_id], f"claim extraction failed: {c.extraction_error}", prov)
        for c in all_claims
        if c.extraction_error is not None
    ]
    copy_of = near_duplicates(docs)
    rechecked = 0
    if claims:
        prior = _prior(store, settings, task_stats)
        index = Corpus(docs)
        stances: dict[str, list[SourceStance]] = {}
        pending: list[tuple[Claim, Judgments]] = []
        for claim in claims:
            memo = store.judgments(claim.claim_id)
            try:
                stances[claim.claim_id] = crosscheck_claim(claim, index.indexes, None, settings, prior, memo)
            except ModelNeeded:
                pending.append((claim, memo))
        rechecked = len(pending)
        stance_futures = crosscheck_task.map(
            [c for c, _ in pending],
            [m for _, m in pending],
            unmapped(index),
            unmapped(settings),
            unmapped(prior),
        )
        crashed: dict[str, Verdict] = {}
        for (claim, _), future in _as_completed(pending, list(stance_futures)):
            error = _failure(future)
            if error is None:
                found, memo, stats = future.result()
                stances[claim.claim_id] = found
                store.save_judgments(claim.claim_id, memo)  # at once: a run killed later re-uses it
                task_stats.append(stats)
            else:
                crashed[claim.claim_id] = unverified(
                    claim, by_id[claim.doc_id], f"cross-check crashed: {error}", prov
                )
            progress.advance("cross-check", len(pending))
        verdicts += [crashed[c.claim_id] for c, _ in pending if c.claim_id in crashed]
        existing = frozenset(p.stem for p in (out / "verdicts").glob("*.json"))
        verdicts += build_verdicts(claims, stances, CorpusInfo(by_id, copy_of, existing), prov)
    timings["crosscheck"] = time.perf_counter() - mark

    if in_process:
        model_stats = _delta(_stats(chat), before)
    else:
        model_stats = {}
        for stats in task_stats:
            for key, value in stats.items():
                model_stats[key] = round(model_stats.get(key, 0) + value, 3)
    timings["total"] = time.perf_counter() - t0
    changes = RunChanges(
        documents=document_changes(previous, docs, corpus.rejected),
        extracted=len(todo),
        reused=len(docs) - len(todo),
        claims_rechecked=rechecked,
        verdicts=verdict_changes(out, verdicts),
    )
    manifest = build_manifest(
        run_id=uuid.uuid4().hex[:12],
        started_at=started,
        inputs=[str(p) for p in paths],
        model=model_file.info(),
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
    _publish(manifest, verdicts, docs, out)
    return manifest


def _prior(
    store: ResultStore, settings: Settings, task_stats: list[Stats]
) -> dict[StanceLabel, float] | None:
    memo = store.judgments(CALIBRATION)
    if not memo:
        memo, stats = calibrate_task(settings)
        task_stats.append(stats)
        if not memo:
            return None  # a model without label scores: nothing to calibrate
        store.save_judgments(CALIBRATION, memo)
    return calibration(None, settings, memo)


def _publish(manifest: RunManifest, verdicts: list[Verdict], docs: list[Document], out: Path) -> None:
    """The run's outcome in the Prefect UI: the report as markdown, the verdicts as a table."""
    create_markdown_artifact(
        key="factcheck-report",
        markdown=render_report(manifest, verdicts, docs),
        description=f"Fact-check of {len(docs)} document(s) into {out}",
    )
    titles = {d.doc_id: d.title for d in docs}
    rows: list[dict[str, Any]] = [
        {
            "claim_id": v.claim_id,
            "verdict": v.verdict.value,
            "confidence": v.confidence,
            "claim": v.claim,
            "claimer": v.claimer,
            "sources": "; ".join(titles.get(s.doc_id, s.doc_id) for s in v.sources),
            "supports": sum(s.stance is StanceLabel.supports for s in v.stances),
            "contradicts": sum(s.stance is StanceLabel.contradicts for s in v.stances),
        }
        for v in verdicts
    ]
    create_table_artifact(
        key="factcheck-verdicts",
        table=rows,
        description=f"{len(verdicts)} verdict(s) of run {manifest.run_id} in {out}",
    )
