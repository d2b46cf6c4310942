"""Deterministic numeric check: the same kind of count given two different values is a conflict.

"killed over 60 Syrian soldiers" against "killed more than 80 Syrian troops" conflicts: both count
something "syrian" next to a different number. Years are dates, not counts, and are left alone."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.settings import Settings
from pipeline.text import terms

_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!\d)")
_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_WORD_NUMBER = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.IGNORECASE)
# Durations and distances say when or where, rarely what was counted: "six years" in one sentence
# and "three years" in another are usually different spans of time, not a disagreement.
_NOT_COUNTS = frozenset(
    ["year", "month", "week", "day", "hour", "minute", "second", "time", "km", "mile", "kilometer", "old"]
)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: frozenset[str]
    text: str


def quantities(text: str, unit_words: int) -> list[Quantity]:
    """Counts in the text with the first `unit_words` content words that follow them (years excluded)."""
    found: list[tuple[int, int, float]] = []
    for m in _NUMBER.finditer(text):
        value = float(m.group(1).replace(",", ""))
        if value.is_integer() and 1900 <= value <= 2100:
            continue
        found.append((m.start(), m.end(), value))
    for m in _WORD_NUMBER.finditer(text):
        found.append((m.start(), m.end(), float(_WORDS[m.group(1).lower()])))
    out = []
    for start, end, value in sorted(found):
        unit = frozenset(terms(text[end : end + 60])[:unit_words])
        if unit:
            out.append(Quantity(value=value, unit=unit, text=text[start:end]))
    return out


def numeric_conflict(claim: str, passage: str, settings: Settings) -> tuple[Quantity, Quantity] | None:
    """A count in the claim and one in the passage of the same thing with different values."""
    theirs = quantities(passage, settings.unit_words)
    values = {q.value for q in theirs}
    for mine in quantities(claim, settings.unit_words):
        if mine.value in values:
            continue
        for other in theirs:
            if (mine.unit & other.unit) - _NOT_COUNTS and mine.value != other.value:
                return mine, other
    return None
