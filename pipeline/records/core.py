"""Records of articles, claims, stances and verdicts (see the package docstring)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A piece of a document's text with its character offsets, so that document[start:end] == text."""

    text: str = Field(description="The exact text of the span.")
    start: int = Field(ge=0, description="Offset of the first character in the document text.")
    end: int = Field(ge=0, description="Offset one past the last character in the document text.")


class Document(Record):
    """One article as read: its text (offsets refer to it) and its sentences."""

    doc_id: str = Field(description="Stable id: the first 16 hex digits of the text's sha256.")
    path: str = Field(
        description="Where the article was read from (a CSV/JSONL row adds #row=N, a feed entry #entry=N)."
    )
    title: str
    source: str = Field(description="The outlet or file the article came from.")
    date: str | None = Field(default=None, description="Publication date when known (YYYY-MM-DD).")
    url: str | None = Field(
        default=None, description="The article's link when the input gives one (a feed entry, a saved page)."
    )
    sha256: str = Field(description="sha256 of the document text (UTF-8).")
    text: str
    body_start: int = Field(default=0, ge=0, description="Where the article body starts after headers.")
    sentences: list[Span] = Field(default_factory=list)
    aside: list[int] = Field(
        default_factory=list,
        description="Sentences (by number) written to a model rather than to readers (instructions, chat "
        "markers, JSON or code): never claims, never evidence.",
    )
    encoding: str = Field(
        default="utf-8", description="How the bytes were read: utf-8, or cp1252/iso-8859-1 when not UTF-8."
    )


class Rejection(Record):
    """An input that was not processed, and why."""

    path: str
    reason: str


# ---- what the model is asked to produce (grammar-constrained, then validated) ----


# Claimers meaning "the article states it in its own voice" (no named party asserts it).
OWN_VOICE = ("the outlet", "unattributed")


class ExtractedClaim(Record):
    """One sentence of an article restated as a checkable, self-contained claim."""

    claimer: str = Field(
        max_length=80,
        description="Who asserts the claim: the person or organisation the sentence attributes it to, "
        "or 'the outlet' when the article states it in its own voice.",
    )
    claim: str = Field(
        max_length=600,
        description="The sentence's claim as one self-contained sentence that names who did what, "
        "where and when.",
    )


class StanceLabel(StrEnum):
    supports = "supports"
    contradicts = "contradicts"
    not_mentioned = "not_mentioned"


class StanceOutput(Record):
    """Whether a passage supports the claim, contradicts it, or does not mention it."""

    stance: StanceLabel


# ---- what the pipeline writes ----


class Claim(Record):
    """A claim extracted from one document and grounded in its text."""

    claim_id: str
    claim: str
    claimer: str
    doc_id: str
    quote: Span = Field(description="The sentence of the document the claim was extracted from.")
    rewrite: Literal["model", "quote"] = Field(
        description="model: the model's restatement; quote: the sentence itself, kept because the "
        "restatement added facts the sentence does not state."
    )
    extraction_error: str | None = Field(
        default=None,
        description="Why the model gave no valid restatement (the claim is then its sentence, as is).",
    )


class ExtractionResult(Record):
    """The claims of one document, or why extraction failed."""

    doc_id: str
    claims: list[Claim] = Field(default_factory=list)
    sentences: int = Field(default=0, ge=0, description="Sentences in the document body.")
    skipped: int = Field(default=0, ge=0, description="Sentences not sent to the model.")
    candidates: int = Field(
        default=0, ge=0, description="Sentences that may state a claim; past max_claims the densest are sent."
    )
    kept_quote: int = Field(default=0, ge=0, description="Restatements replaced by their sentence.")
    error: str | None = None
    seconds: float = 0.0


class Figures(Record):
    """Two values given for the same kind of count: what the claim says and what the source says."""

    claim_says: str
    source_says: str

    def swapped(self) -> Figures:
        """The same conflict seen from the source's claim."""
        return Figures(claim_says=self.source_says, source_says=self.claim_says)

    def note(self) -> str:
        return f"claim says {self.claim_says}, source says {self.source_says}"

    @classmethod
    def from_note(cls, note: str) -> Figures | None:
        """The figures a stance's note gives (verdict files keep the note, not the object)."""
        match = re.fullmatch(r"claim says (.+?), source says (.+)", note)
        return cls(claim_says=match.group(1), source_says=match.group(2)) if match else None


class SourceStance(Record):
    """What one other source says about a claim."""

    doc_id: str
    stance: StanceLabel
    evidence: Span | None = Field(description="The passage of that source the stance rests on.")
    score: float = Field(ge=0.0, le=1.0, description="Probability of the stance.")
    method: Literal[
        "meaning", "model", "numeric", "accounts", "place", "denial", "hedged", "retrieval", "error"
    ] = Field(
        description="What decided the stance: a passage saying the claim in the sentence encoder's "
        "judgment, the model's judgment, a count that differs between the "
        "claim and the passage, the source setting another party's version against the claim, a "
        "passage about the same event naming the place the claim gives it, the "
        "source debunking it, the source only reporting it as someone's unconfirmed claim, retrieval "
        "finding no relevant passage, or a failed check."
    )
    note: str | None = Field(default=None, description="What a deterministic check found.")
    # Typed for the stages that follow (the verdict mirrors a conflict onto the other claim); the
    # files carry it as `note`, rendered from it.
    figures: SkipJsonSchema[Figures | None] = Field(default=None, exclude=True)
    claimer: str | None = Field(
        default=None,
        description="Who the evidence attributes its statement to, when it was extracted as a claim.",
    )
    part: str | None = Field(
        default=None,
        description="The clause of the claim that the evidence states, when the claim joins several "
        "facts and the source states only this one.",
    )
    error: str | None = None


class VerdictLabel(StrEnum):
    corroborated = "corroborated"
    contradicted = "contradicted"
    disputed = "disputed"
    single_source = "single_source"
    unverified = "unverified"


class SourceRef(Record):
    doc_id: str
    title: str


class Provenance(Record):
    model: str
    model_sha256: str
    embedder: str = Field(description="The sentence-embedding model that grouped documents into events.")
    embedder_sha256: str
    encoder: str = Field(description="The sentence encoder that decided which passages state a claim.")
    encoder_sha256: str
    prompts: dict[str, str] = Field(description="Prompt name -> version used.")
    pipeline_version: str


class ClaimSource(Record):
    """One source that states the claim, in its own words."""

    doc_id: str
    title: str
    claim_id: str
    claim: str
    claimer: str
    quote: Span


class Account(Record):
    """What one claimer's statements do to the claim, and in which sources."""

    claimer: str
    position: Literal["states", "supports", "contradicts"]
    doc_ids: list[str]


class Verdict(Record):
    """The verdict on one claim across all other sources.

    The same claim stated by several sources is one verdict: `sources` lists each of them with its
    own quote (the first is the canonical wording, repeated in claim/claimer/source/quote)."""

    claim_id: str
    event_id: str = Field(description="The event of the claim's document; only its sources are checked.")
    claim: str
    claimer: str
    source: SourceRef
    quote: Span
    rewrite: Literal["model", "quote"]
    verdict: VerdictLabel
    confidence: float = Field(ge=0.0, le=1.0)
    reason: str = Field(description="Why this verdict, in one line.")
    sources: list[ClaimSource] = Field(min_length=1, description="Every source that states the claim.")
    independent_sources: int = Field(
        ge=0,
        description="Sources that state or support the claim, near-duplicate copies of one story once.",
    )
    accounts: list[Account] = Field(
        description="Who asserts, backs or contradicts the claim: competing accounts stay apart."
    )
    stances: list[SourceStance] = Field(
        description="One per other source of the event that does not state the claim."
    )
    provenance: Provenance
