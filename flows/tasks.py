"""The flow's tasks: each wraps one pure stage of `pipeline` and receives the model it needs.

The model travels as a `ModelSource`: in this process it is the loaded model itself; a Dask or
process-pool worker receives the file's reference and loads it once, on its first task. Tasks
return their results with the model's counters for their calls, so that a run on other processes
can still report model calls and tokens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from pipeline.check import Probabilities, Screening, calibration_probe, judge_missing
from pipeline.embeddings import embedder
from pipeline.events import Event, group_documents
from pipeline.extract import extract_claims
from pipeline.ingest import IngestResult, ingest
from pipeline.llm import ModelSource
from pipeline.output import (
    append_history,
    render_report,
    write_documents,
    write_manifest,
    write_report,
    write_verdicts,
)
from pipeline.records import Document, ExtractionResult, ModelInfo, RunManifest, StanceLabel, Verdict
from pipeline.settings import Settings
from pipeline.store import Judgments

Stats = dict[str, float]


def model_stats(chat: Any) -> Stats:
    """The chat model's own counters (calls, tokens, busy seconds); none for a model without them."""
    stats = getattr(chat, "stats", None)
    return stats.as_dict() if stats is not None else {}


def stats_delta(after: Stats, before: Stats) -> Stats:
    return {k: round(v - before.get(k, 0), 3) for k, v in after.items()}


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(paths: list[str]) -> IngestResult:
    return ingest(paths)


@task(name="group-events", cache_policy=NO_CACHE)
def group_task(
    docs: list[Document], known: dict[str, str], settings: Settings
) -> tuple[list[Event], ModelInfo]:
    """The documents' events (those an earlier run grouped keep theirs), and the embedder used."""
    model = embedder()
    return group_documents(docs, model, settings, known), model.info


@task(name="extract-claims", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def extract_task(doc: Document, source: ModelSource, settings: Settings) -> tuple[ExtractionResult, Stats]:
    chat = source.chat()
    before = model_stats(chat)
    result = extract_claims(doc, chat, settings)
    return result, stats_delta(model_stats(chat), before)


@task(name="calibrate", cache_policy=NO_CACHE, retries=1)
def calibrate_task(source: ModelSource, settings: Settings) -> tuple[Probabilities | None, Stats]:
    chat = source.chat()
    before = model_stats(chat)
    prior = calibration_probe(chat, settings)
    return prior, stats_delta(model_stats(chat), before)


@task(name="cross-check", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def judge_task(
    screening: Screening, memo: Judgments, source: ModelSource, settings: Settings
) -> tuple[Judgments, dict[str, str], Stats]:
    """The model's judgments of the passages a claim's screening left to it."""
    chat = source.chat()
    before = model_stats(chat)
    memo, failures = judge_missing(screening, chat, settings, memo)
    return memo, failures, stats_delta(model_stats(chat), before)


@task(name="emit", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def emit_task(out_dir: str, manifest: RunManifest, verdicts: list[Verdict], documents: list[Document]) -> str:
    out = Path(out_dir)
    write_documents(out, documents)
    write_verdicts(out, verdicts, documents)
    write_report(out, manifest, verdicts, documents)
    path = write_manifest(out, manifest)
    append_history(out, manifest)
    return str(path)


def publish(manifest: RunManifest, verdicts: list[Verdict], docs: list[Document], out: str) -> None:
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
