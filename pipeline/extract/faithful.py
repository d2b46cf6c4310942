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
    if len(new) > settings.max_new_words:
        # A rephrasing needs a word or so of its own; several are the model adding its own story.
        return "words not in the sentence: " + ", ".join(new)
    return None


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
