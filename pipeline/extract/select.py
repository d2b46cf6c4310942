"""Which sentences of a document go to the model for claims."""

from __future__ import annotations

import re

from pipeline.records import Document, Span
from pipeline.settings import Settings


def is_candidate(sentence: str, settings: Settings) -> bool:
    """Sentences that can carry a checkable claim: long enough, not a question or a bare heading."""
    words = sentence.split()
    if len(words) < settings.min_claim_words or sentence.rstrip().endswith("?"):
        return False
    return any(c.islower() for c in sentence)


def candidates(doc: Document, settings: Settings) -> list[Span]:
    """The sentences that may state a claim, in document order; never one written to a model."""
    aside = set(doc.aside)
    return [s for i, s in enumerate(doc.sentences) if i not in aside and is_candidate(s.text, settings)]


def densest(picked: list[Span], limit: int) -> list[Span]:
    """`picked` in document order; past `limit`, those with the most numbers and names."""
    if len(picked) <= limit:
        return picked

    def weight(s: Span) -> int:
        return len(re.findall(r"\d+", s.text)) * 2 + len(re.findall(r"\b[A-Z][a-z]+", s.text))

    return sorted(sorted(picked, key=weight, reverse=True)[:limit], key=lambda s: s.start)


def select_sentences(doc: Document, settings: Settings, limit: int | None = None) -> list[Span]:
    """Candidate sentences in document order; past the limit (max_claims), the densest."""
    return densest(candidates(doc, settings), settings.max_claims if limit is None else limit)
