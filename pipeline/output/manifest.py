"""The run manifest: what a run read, used and produced."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Literal

from pipeline import __version__
from pipeline.events import Event
from pipeline.prompts import prompt_versions
from pipeline.records import (
    Document,
    DocumentEntry,
    EventEntry,
    ExtractionResult,
    ModelInfo,
    Provenance,
    Rejection,
    RunChanges,
    RunManifest,
    Verdict,
    VerdictLabel,
)


def verdict_counts(verdicts: list[Verdict]) -> dict[str, int]:
    counts = Counter(v.verdict.value for v in verdicts)
    return {label.value: counts.get(label.value, 0) for label in VerdictLabel}


def event_entry(event: Event, verdicts: list[Verdict]) -> EventEntry:
    mine = [v for v in verdicts if v.event_id == event.event_id]
    return EventEntry(
        event_id=event.event_id,
        label=event.label,
        doc_ids=list(event.doc_ids),
        first_date=event.first_date,
        last_date=event.last_date,
        counts={k: n for k, n in verdict_counts(mine).items() if n},
    )


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def provenance(model: ModelInfo, embedder: ModelInfo, encoder: ModelInfo) -> Provenance:
    return Provenance(
        model=model.name,
        model_sha256=model.sha256,
        embedder=embedder.name,
        embedder_sha256=embedder.sha256,
        encoder=encoder.name,
        encoder_sha256=encoder.sha256,
        prompts=prompt_versions(),
        pipeline_version=__version__,
    )


def document_entry(
    doc: Document, result: ExtractionResult | None, copy_of: str | None = None, event_id: str | None = None
) -> DocumentEntry:
    status: Literal["ok", "partial", "failed"]
    error: str | None
    if result is None:
        status, error, claims = "failed", "not processed", 0
    else:
        claims, error = len(result.claims), result.error
        read = [c for c in result.claims if c.extraction_error is None]
        status = "ok" if error is None else ("failed" if not read else "partial")
    notes = []
    sent = 0 if result is None else result.sentences - result.skipped
    if result is not None and result.candidates > sent:
        notes.append(
            f"claims taken from the {sent} of {result.candidates} claim-bearing sentences with the most "
            f"figures and names (FACTCHECK_MAX_CLAIMS); all {len(doc.sentences)} sentences serve as "
            "evidence for other documents' claims"
        )
    if doc.aside:
        notes.append(
            f"{len(doc.aside)} sentence(s) written to a model rather than to readers (instructions, chat "
            "markers, JSON or code) were set aside: no claims are taken from them and they are never evidence"
        )
    if doc.encoding != "utf-8":
        notes.append(f"not valid UTF-8: read as {doc.encoding}")
    return DocumentEntry(
        doc_id=doc.doc_id,
        event_id=event_id,
        path=doc.path,
        title=doc.title,
        source=doc.source,
        date=doc.date,
        url=doc.url,
        sha256=doc.sha256,
        chars=len(doc.text),
        claims=claims,
        status=status,
        copy_of=copy_of,
        error=error,
        sentences=len(doc.sentences),
        sent_to_model=sent,
        encoding=doc.encoding,
        notes=notes,
    )


def build_manifest(
    *,
    run_id: str,
    started_at: str,
    inputs: list[str],
    model: ModelInfo,
    embedder: ModelInfo,
    encoder: ModelInfo,
    events: list[Event],
    documents: list[Document],
    extractions: dict[str, ExtractionResult],
    rejected: list[Rejection],
    verdicts: list[Verdict],
    timings: dict[str, float],
    model_stats: dict[str, float],
    copy_of: dict[str, str] | None = None,
    changes: RunChanges | None = None,
) -> RunManifest:
    copies = copy_of or {}
    event_of = {doc_id: e.event_id for e in events for doc_id in e.doc_ids}
    entries = [
        document_entry(d, extractions.get(d.doc_id), copies.get(d.doc_id), event_of.get(d.doc_id))
        for d in documents
    ]
    counts = {
        "inputs_rejected": len(rejected),
        "documents": len(documents),
        "documents_failed": sum(e.status == "failed" for e in entries),
        "claims": len(verdicts),
        "claim_mentions": sum(len(v.sources) for v in verdicts),
        "documents_copied": len(copies),
        "events": len(events),
        **verdict_counts(verdicts),
    }
    return RunManifest(
        run_id=run_id,
        started_at=started_at,
        finished_at=now(),
        pipeline_version=__version__,
        model=model,
        embedder=embedder,
        encoder=encoder,
        prompts=prompt_versions(),
        inputs=inputs,
        events=[event_entry(e, verdicts) for e in events],
        documents=entries,
        rejected=rejected,
        counts=counts,
        timings={k: round(v, 3) for k, v in timings.items()},
        model_stats=model_stats,
        changes=changes or RunChanges(),
    )
