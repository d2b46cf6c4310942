"""The clauses of a claim that joins several facts: "Tensions escalated on Sunday as the US military
brought down the jet near Raqqa, and Iran launched missiles at Islamic State targets". A source that
states one of them in its own words ("A US warplane brought down a Syrian jet in southern Raqqa")
says part of the claim, which the sentence encoder does not see when it reads the whole: three facts
in one vector are far from any one of them. Cut at the words that join clauses, never inside one
(a relative clause, "which has recaptured ...", qualifies its noun and stays)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from pipeline.check.retrieve import SentenceIndex, coverage, meaning_vectors, term_weights
from pipeline.settings import Settings
from pipeline.text import terms

if TYPE_CHECKING:
    from pipeline.embeddings import WordMatcher

# Where one clause ends and another begins: a semicolon; ", and" or ", but"; a contrast or a cause
# opening a clause, not a participle or a phrase ("while flying a mission", "because of the storm");
# "as" opening a clause on what happened at the same time ("escalated on Sunday as the US military
# brought down the jet"), not "such as the", "known as the". "After" and "since" are as often
# prepositions ("after a short battle") and are left alone.
_JOINS = re.compile(
    r";\s+"
    r"|,\s+(?:and|but)\s+"
    r"|,?\s+(?:while|whereas|although|though)\s+(?!\w+(?:ing|ed)\b)"
    r"|,?\s+because\s+(?!of\b)"
    r"|(?<!\bsuch)(?<!\bknown)(?<!\bwell)(?<!\bsame)(?<!\bmuch)(?<!\bmany)(?<!\bsoon)(?<!\bjust)"
    r"(?<!\bserved)(?<!\bseen)(?<!\bdescribed)(?<!\bregarded)(?<!\bidentified)"
    r",?\s+as\s+(?=(?:the|its|their|his|her|it|they|he|she|we)\s)",
    re.IGNORECASE,
)
# Content words a clause needs to state a fact of its own.
_MIN_WORDS = 3


def clauses(claim: str) -> list[str]:
    """The claim's clauses, each with enough words to state something, when it has two or more;
    otherwise none (the claim is one fact)."""
    text = " ".join(claim.split())
    found = [part.strip(" ,;.") for part in _JOINS.split(text) if len(set(terms(part))) >= _MIN_WORDS]
    return found if len(found) >= 2 else []


@dataclass(frozen=True)
class Part:
    """One clause of a claim that joins several facts, with its word weights and meaning vectors."""

    text: str
    weights: dict[str, float]
    meaning: np.ndarray


def claim_parts(claim: str, indexes: list[SentenceIndex]) -> list[Part]:
    """The claim's clauses, each with its word weights over the corpus and its meaning vectors;
    none for a claim of one fact."""
    texts = clauses(claim)
    if not texts:
        return []
    vectors = meaning_vectors(texts)
    return [Part(t, term_weights(t, indexes), v) for t, v in zip(texts, vectors, strict=True)]


def stating_parts(
    parts: list[Part],
    index: SentenceIndex,
    candidates: list[int],
    matcher: WordMatcher,
    settings: Settings,
) -> list[tuple[float, int, str]]:
    """(cosine, sentence number, clause) for each passage of the source that states a clause of the
    claim, closest first: as close in meaning as restatements are, or holding most of the clause's
    words and close to it, as for a whole claim."""
    found: dict[int, tuple[float, int, str]] = {}
    for part in parts:
        hits = index.search(part.text, settings.top_k)
        numbers = [
            i for i in dict.fromkeys([h.number for h in hits] + candidates) if i not in index.doc.aside
        ]
        meanings = dict(zip(numbers, index.meanings(part.meaning, numbers).tolist(), strict=True))
        worded = {
            h.number
            for h in hits
            if h.number in meanings
            and coverage(part.weights, matcher.credits(part.weights, h.terms, index.sentence_terms(h.number)))
            >= settings.min_passage
            and meanings[h.number] >= settings.min_meaning_worded
        }
        for i, cosine in meanings.items():
            if (cosine >= settings.min_meaning or i in worded) and cosine > found.get(i, (-1.0,))[0]:
                found[i] = (cosine, i, part.text)
    return sorted(found.values(), key=lambda f: (-f[0], f[1]))
