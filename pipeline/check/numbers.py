"""Deterministic numeric check: the same kind of count given two different values is a conflict.

"killed over 60 Syrian soldiers" against "massacred over 80 syrian military soldiers" conflicts:
both count soldiers. Only counts are compared, by what they count (the noun the number qualifies,
approximated by the last content word of the phrase after it): "three Syrian soldiers" and "four
Syrian jets" count different things. Model designations (F/A-18, Su-22, AK-47, 18E), dates (June
5, 5 June, 07.04, 2017), times, ordinals, ages, durations and distances are never counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.settings import Settings
from pipeline.text import STOPWORDS, terms

# A number not glued to letters or to another number's separators: "F/A-18", "Su-22", "18E",
# "5th", "07.04" and "10:30" are names, ordinals, dates and times, not counts.
_NUMBER = re.compile(r"(?<![\w.:/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w:/]|\.\d|-\d|-[a-z])")
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
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_BEFORE = re.compile(_MONTH + r"\s*,?\s*$", re.IGNORECASE)  # "June 5"
_DATE_AFTER = re.compile(r"^\s*(?:st|nd|rd|th)?\s*(?:of\s+)?" + _MONTH + r"\b", re.IGNORECASE)  # "5 June"
_NOT_A_COUNT_AFTER = re.compile(
    r"^\s*(?:-?\s*years?[- ]old|-?\s*year-old|(?:a\.m|p\.m|am|pm|gmt|utc)\b)", re.IGNORECASE
)
# Durations and distances say when or where, rarely what was counted: "six years" in one sentence
# and "three years" in another are usually different spans of time, not a disagreement.
_NOT_COUNTS = frozenset(
    ["year", "month", "week", "day", "hour", "minute", "second", "time", "km", "mile", "kilometer", "old"]
)


# Words news uses for the same counted thing; a count of one is a count of the others.
_SAME_THING = {
    word: group[0]
    for group in (
        ("soldier", "troop", "serviceman", "servicemen", "serviceme"),
        ("people", "person", "individual"),
        ("fighter", "militant", "rebel", "insurgent", "gunmen", "gunman"),
        ("jet", "plane", "aircraft", "warplane", "airplane"),
        ("missile", "rocket"),
        ("child", "children", "kid"),
    )
    for word in group
}


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: frozenset[str]  # the content words of the phrase the number qualifies
    counts: str  # what it counts: the phrase's last content word
    text: str


def quantities(text: str, unit_words: int) -> list[Quantity]:
    """Counts in the text with what they count (dates, years, designations, times, ages excluded)."""
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
        before, after = text[max(0, start - 12) : start], text[end : end + 60]
        if _DATE_BEFORE.search(before) or _DATE_AFTER.match(after) or _NOT_A_COUNT_AFTER.match(after):
            continue
        phrase = _phrase(after, unit_words)
        if phrase and phrase[-1] not in _NOT_COUNTS:
            counts = _SAME_THING.get(phrase[-1], phrase[-1])
            out.append(Quantity(value=value, unit=frozenset(phrase), counts=counts, text=text[start:end]))
    return out


def _phrase(after: str, limit: int) -> list[str]:
    """The content words right after a number, up to the first function word, punctuation or verb
    in the past tense ("two children died": children), singular."""
    words: list[str] = []
    for token in re.findall(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]", after):
        lower = token.lower()
        if not token[0].isalpha() or lower in STOPWORDS or (words and lower.endswith("ed")):
            break
        words += [_singular(t) for t in terms(token)]
        if len(words) >= limit:
            break
    return words[:limit]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def numeric_conflict(claim: str, passage: str, settings: Settings) -> tuple[Quantity, Quantity] | None:
    """A count in the claim and one in the passage of the same thing with different values."""
    theirs = quantities(passage, settings.unit_words)
    values = {q.value for q in theirs}
    for mine in quantities(claim, settings.unit_words):
        if mine.value in values:
            continue
        for other in theirs:
            if mine.counts == other.counts and mine.value != other.value:
                return mine, other
    return None
