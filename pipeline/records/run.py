"""Records of a run: out/run.json (documents, events, what changed) and the model files used."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pipeline.records.core import Record, Rejection


class EventEntry(Record):
    """Documents about one event: claims are checked only against the other documents of theirs."""

    event_id: str
    label: str = Field(description="The title of the event's most central document.")
    doc_ids: list[str]
    first_date: str | None = Field(description="Earliest publication date among its documents (YYYY-MM-DD).")
    last_date: str | None
    counts: dict[str, int] = Field(default_factory=dict, description="Verdicts of its claims, by label.")


class DocumentEntry(Record):
    doc_id: str
    event_id: str | None = Field(default=None, description="The event the document was grouped into.")
    path: str
    title: str
    source: str
    date: str | None
    url: str | None = Field(default=None, description="The article's link when the input gives one.")
    sha256: str
    chars: int
    claims: int
    status: Literal["ok", "partial", "failed"]
    copy_of: str | None = Field(
        default=None, description="The document this one nearly duplicates (a syndicated copy)."
    )
    error: str | None = None
    sentences: int = Field(default=0, ge=0, description="Sentences read; every one is evidence for others.")
    sent_to_model: int = Field(default=0, ge=0, description="Sentences the model read for this one's claims.")
    encoding: str = "utf-8"
    notes: list[str] = Field(
        default_factory=list, description="What a reader should know: claims capped, a legacy encoding."
    )


class ModelInfo(Record):
    name: str
    path: str
    sha256: str


class DocumentChanges(Record):
    """Input paths compared with the previous run on the same output directory."""

    new: list[str] = Field(default_factory=list)
    changed: list[str] = Field(default_factory=list, description="Same path, other content.")
    unchanged: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list, description="Gone from the inputs: claims retired.")
    rejected: list[str] = Field(default_factory=list)


class VerdictChanges(Record):
    new: int = 0
    changed: int = Field(default=0, description="Claims whose verdict label changed.")
    unchanged: int = 0
    retired: int = Field(default=0, description="Verdict files moved to retired/.")
    changed_claims: list[str] = Field(default_factory=list, description="Ids of the changed ones.")


class EventChanges(Record):
    """Which events a run had to recompute, against the previous run on the same output folder."""

    recomputed: list[str] = Field(
        default_factory=list,
        description="Events that are new, gained or lost a document, or had a claim judged anew by the "
        "model; every other event's verdicts came from the cache without a model call.",
    )
    unchanged: int = Field(default=0, description="Events with the same documents and no new judgment.")
    closed: list[str] = Field(
        default_factory=list, description="Events of the last run with no document now."
    )


class RunChanges(Record):
    """What this run did that the previous one had not: the incremental part."""

    documents: DocumentChanges = Field(default_factory=DocumentChanges)
    extracted: int = Field(default=0, description="Documents sent to the model for claims.")
    reused: int = Field(default=0, description="Documents whose earlier extraction was re-used.")
    claims_rechecked: int = Field(default=0, description="Claims that needed new model judgments.")
    events: EventChanges = Field(default_factory=EventChanges)
    verdicts: VerdictChanges = Field(default_factory=VerdictChanges)


class RunManifest(Record):
    """out/run.json: what a run read, used and produced."""

    run_id: str
    started_at: str
    finished_at: str
    pipeline_version: str
    model: ModelInfo
    embedder: ModelInfo
    encoder: ModelInfo
    prompts: dict[str, str]
    inputs: list[str]
    events: list[EventEntry] = Field(default_factory=list)
    documents: list[DocumentEntry]
    rejected: list[Rejection]
    counts: dict[str, int]
    timings: dict[str, float] = Field(description="Seconds per stage and in total.")
    model_stats: dict[str, float] = Field(description="Model calls, tokens and busy seconds.")
    changes: RunChanges = Field(default_factory=RunChanges)
