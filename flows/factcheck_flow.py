"""The Prefect flow: ingest -> extract (per document) -> cross-check (per claim) -> verdicts -> emit.

Tasks only wire the pure stages of `pipeline`; the model is looked up in the per-process cache of
`pipeline.models` by name, never passed (or pickled) as a task input."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.utilities.annotations import unmapped

from flows import progress
from pipeline import models
from pipeline.cluster import near_duplicates
from pipeline.crosscheck import calibration, crosscheck_claim
from pipeline.emit import (
    render_report,
    write_documents,
    write_manifest,
    write_report,
    write_verdicts,
)
from pipeline.extract import extract_claims
from pipeline.ingest import IngestResult, ingest
from pipeline.manifest import build_manifest, now, provenance
from pipeline.records import (
    Claim,
    Document,
    ExtractionResult,
    RunManifest,
    SourceStance,
    StanceLabel,
    Verdict,
)
from pipeline.retrieve import SentenceIndex
from pipeline.settings import Settings
from pipeline.verdict import CorpusInfo, build_verdicts, unverified


class Corpus:
    """The documents' sentence indexes, handed to every cross-check task as one opaque object."""

    def __init__(self, documents: list[Document]) -> None:
        self.indexes = [SentenceIndex(d) for d in documents]


def _model(settings: Settings) -> Any:
    return models.load(settings.model, settings)[1]


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(paths: list[str]) -> IngestResult:
    return ingest(paths)


@task(name="extract-claims", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def extract_task(doc: Document, settings: Settings, total: int) -> ExtractionResult:
    result = extract_claims(doc, _model(settings), settings)
    progress.advance("extract", total)
    return result


@task(name="calibrate", cache_policy=NO_CACHE, retries=1)
def calibrate_task(settings: Settings) -> dict[StanceLabel, float] | None:
    chat = _model(settings)
    return calibration(chat, settings) if getattr(chat, "supports_grammar", False) else None


@task(name="cross-check", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def crosscheck_task(
    claim: Claim,
    corpus: Corpus,
    settings: Settings,
    prior: dict[StanceLabel, float] | None,
    total: int,
) -> list[SourceStance]:
    stances = crosscheck_claim(claim, corpus.indexes, _model(settings), settings, prior)
    progress.advance("cross-check", total)
    return stances


@task(name="emit", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def emit_task(out_dir: str, manifest: RunManifest, verdicts: list[Verdict], documents: list[Document]) -> str:
    out = Path(out_dir)
    write_documents(out, documents)
    write_verdicts(out, verdicts, documents)
    write_report(out, manifest, verdicts, documents)
    return str(write_manifest(out, manifest))


def _failure(future: PrefectFuture[Any]) -> str | None:
    future.wait()
    state = future.state
    return None if state.is_completed() else (state.message or state.name or "task failed")


@flow(name="factcheck", log_prints=False)
def factcheck(
    paths: list[str], out_dir: str = "out", model: str = "gemma3-270m", prompt_style: str = "auto"
) -> RunManifest:
    """Fact-check the articles under `paths` against each other; write verdicts to `out_dir`."""
    started, t0 = now(), time.perf_counter()
    settings = Settings.from_env(model=model, prompt_style=prompt_style)
    timings: dict[str, float] = {}
    progress.reset()

    mark = time.perf_counter()
    model_file, chat = models.load(settings.model, settings)
    stats = getattr(chat, "stats", None)
    before = stats.as_dict() if stats else {}
    timings["model_load"] = time.perf_counter() - mark

    mark = time.perf_counter()
    corpus = ingest_task(paths)
    docs = corpus.documents
    timings["ingest"] = time.perf_counter() - mark

    mark = time.perf_counter()
    futures = extract_task.map(docs, unmapped(settings), unmapped(len(docs)))
    extractions: dict[str, ExtractionResult] = {}
    for doc, future in zip(docs, futures, strict=True):
        error = _failure(future)
        extractions[doc.doc_id] = (
            future.result()
            if error is None
            else ExtractionResult(doc_id=doc.doc_id, error=f"extraction crashed: {error}")
        )
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
    if claims:
        prior = calibrate_task(settings)
        index = Corpus(docs)
        stance_futures = crosscheck_task.map(
            claims, unmapped(index), unmapped(settings), unmapped(prior), unmapped(len(claims))
        )
        stances: dict[str, list[SourceStance]] = {}
        for claim, future in zip(claims, stance_futures, strict=True):
            error = _failure(future)
            if error is None:
                stances[claim.claim_id] = future.result()
            else:
                verdicts.append(unverified(claim, by_id[claim.doc_id], f"cross-check crashed: {error}", prov))
        verdicts += build_verdicts(claims, stances, CorpusInfo(by_id, copy_of), prov)
    timings["crosscheck"] = time.perf_counter() - mark

    after = stats.as_dict() if stats else {}
    model_stats = {k: round(v - before.get(k, 0), 3) for k, v in after.items()}
    timings["total"] = time.perf_counter() - t0
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
    )
    emit_task(out_dir, manifest, verdicts, docs)
    create_markdown_artifact(
        key="factcheck-report",
        markdown=render_report(manifest, verdicts, docs),
        description=f"Fact-check of {len(docs)} document(s) into {out_dir}",
    )
    return manifest
