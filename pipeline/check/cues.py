"""Deterministic stance cues: a source that calls a claim a hoax, or only reports it as a rumour.

Measured on FNC-1 (see README): the embedded 270M model's label probabilities barely differ between
agreeing, disagreeing and discussing bodies, while the density of debunking and hedging words in the
part of the source that talks about the claim separates them. These cues decide before the model."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.check.retrieve import SentenceIndex
from pipeline.records import Span
from pipeline.settings import Settings
from pipeline.text import terms

DENIAL_WORDS = (
    "fake",
    "fakes",
    "faked",
    "fraud",
    "fraudulent",
    "hoax",
    "hoaxes",
    "hoaxer",
    "false",
    "falsely",
    "deny",
    "denies",
    "denied",
    "denying",
    "refute",
    "refutes",
    "refuted",
    "debunk",
    "debunks",
    "debunked",
    "debunking",
    "bogus",
    "untrue",
    "not true",
    "no evidence",
    "prank",
    "pranks",
    "retract",
    "retracts",
    "retracted",
    "retraction",
    "satire",
    "satirical",
    "myth",
    "myths",
    "misleading",
    "doctored",
    "photoshopped",
    "fabricated",
    "fabrication",
    "unfounded",
    "baseless",
)
# Words of a source that reports something without vouching for it: hedges, rumours ("rumor" once
# counted as a denial: moving it here raised Emergent's and FNC-1's macro-F1), "is said to", and
# unnamed sources. Plain attribution to a named party ("according to", "said", "reports") is left out:
# news states most facts that way.
HEDGE_WORDS = (
    "reportedly",
    "allegedly",
    "alleged",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "unconfirmed",
    "unverified",
    "purportedly",
    "purported",
    "purports",
    "could not be verified",
    "rumor",
    "rumors",
    "rumored",
    "rumour",
    "rumours",
    "rumoured",
    "apparently",
    "appears",
    "believed",
    "speculation",
    "speculates",
    "speculated",
    "unclear",
    "may",
    "might",
    "said to",
    "reported to",
    "thought to",
    "sources say",
    "source says",
    "sources said",
    "a source",
    "report says",
    "new report",
)


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


_DENIAL = _pattern(DENIAL_WORDS)
_HEDGE = _pattern(HEDGE_WORDS)


@dataclass(frozen=True)
class Cue:
    """How densely the claim's part of a source uses a kind of word, and its strongest sentence."""

    per_1000_words: float
    sentence: Span | None
    words: tuple[str, ...]


@dataclass(frozen=True)
class SourceCues:
    denial: Cue
    hedge: Cue


def source_cues(
    claim: str, index: SentenceIndex, settings: Settings, claimer: str | None = None
) -> SourceCues:
    """Denial and hedge density over the sentences of the source that share a content word with
    the claim. Denials count only in sentences that share `denial_min_shared` words with it, so that
    a source denying something else in passing does not deny this claim, and not where the claim's
    own claimer is the one denying ("officials in Damascus deny the US claims, stating that their
    plane was downed while striking ISIS" denies the US account, not Damascus's)."""
    query = set(terms(claim))
    related = index.related(query)
    words = max(1, sum(index.words[i] for i, _ in related))
    party = frozenset(terms(claimer or ""))
    denials = [
        (i, n)
        for i, n in related
        if n >= settings.denial_min_shared and not (party and _denier_is(party, index.doc.sentences[i].text))
    ]
    return SourceCues(denial=_cue(index, _DENIAL, denials, words), hedge=_cue(index, _HEDGE, related, words))


def _denier_is(party: frozenset[str], sentence: str) -> bool:
    """The party is named before the sentence's first debunking word: it is the one denying."""
    found = _DENIAL.search(sentence)
    return found is not None and bool(party & frozenset(terms(sentence[: found.start()])))


def _cue(index: SentenceIndex, pattern: re.Pattern[str], sentences: list[tuple[int, int]], words: int) -> Cue:
    matches = index.matches(pattern)
    found: list[str] = []
    best: tuple[int, int, Span] | None = None
    for i, shared in sentences:
        hits = matches[i]
        if not hits:
            continue
        found += hits
        if best is None or (shared, len(hits)) > best[:2]:
            best = (shared, len(hits), index.doc.sentences[i])
    return Cue(
        per_1000_words=1000 * len(found) / words,
        sentence=best[2] if best else None,
        words=tuple(dict.fromkeys(found)),
    )
