"""Checks on the model's restatement against its sentence: a restatement may rephrase, never add a
fact or drop a figure; a claimer must be someone the sentence (or title) names."""

from __future__ import annotations

import re

from pipeline.settings import Settings
from pipeline.text import terms

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def added_facts(claim: str, sentence: str, context: str, settings: Settings) -> str | None:
    """Why the restatement says more than the sentence (and its article's title/date), or None."""
    known_text = f"{sentence} {context}".lower()
    for number in NUMBER.findall(claim):
        if number not in known_text:
            return f"number {number} is not in the sentence"
    known = set(terms(known_text)) | set(_MONTHS) | {"outlet"}
    words = terms(claim)
    if not words:
        return "no content words"
    share = sum(w in known for w in words) / len(words)
    if share < settings.min_known_share:
        return f"only {share:.0%} of its words are in the sentence"
    new = sorted({w for w in words if w not in known})
    # "Syria" for "Syrian", "Iraq" for "Iraqi": the same name in another form is not new.
    names = sorted(n for n in set(new) & _names(claim) if not any(_same_stem(n, k) for k in known))
    if names:
        # A name is a fact: "Russian officials" for "Coalition officials" is another claim.
        return "names not in the sentence: " + ", ".join(names)
    if len(new) > settings.max_new_words:
        # A rephrasing needs a word or so of its own; several are the model adding its own story.
        return "words not in the sentence: " + ", ".join(new)
    return None


def _same_stem(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short)


def _names(text: str) -> set[str]:
    """Lower-cased content words written with a capital (a sentence's first word too: a new
    capitalised content word there is as much a new name or fact)."""
    return {w for token in text.split() if token[:1].isupper() for w in terms(token)}


def reordered(claim: str, sentence: str) -> float:
    """How much the restatement reorders the sentence's words it keeps: the share of pairs of them
    that come in the opposite order. Who did what to whom is word order in English, so "the Syrian
    army shot down ... according to the US-led coalition" for "the US-led coalition shot down ...
    according to the Syrian army" scores high while a faithful rephrasing keeps it near 0."""
    known = terms(sentence)
    first: dict[str, int] = {}
    for i, t in enumerate(known):
        first.setdefault(t, i)
    kept = [first[t] for t in dict.fromkeys(terms(claim)) if t in first]
    pairs = len(kept) * (len(kept) - 1) // 2
    if not pairs:
        return 0.0
    inverted = sum(1 for i in range(len(kept)) for j in range(i + 1, len(kept)) if kept[i] > kept[j])
    return inverted / pairs


def dropped_figures(claim: str, sentence: str) -> str | None:
    """Why the restatement loses a figure of the sentence, or None: figures are what sources most
    often disagree on, so a restatement that drops one would hide the disagreement."""
    kept = set(NUMBER.findall(claim))
    for number in NUMBER.findall(sentence):
        if number not in kept:
            return f"figure {number} of the sentence is missing"
    return None


def clean_claimer(claimer: str, sentence: str, title: str, settings: Settings) -> str:
    """The model's claimer when it names someone the sentence (or title) mentions, else 'unattributed'."""
    claimer = " ".join(claimer.split()).strip(" .,:;")
    if claimer.lower() in ("the outlet", "outlet"):
        return "the outlet"
    words = terms(claimer)
    if not words or len(claimer.split()) > settings.max_claimer_words:
        return "unattributed"
    known = set(terms(f"{sentence} {title}"))
    return claimer if any(w in known for w in words) else "unattributed"
