"""Deterministic numeric check: the same kind of count given two different values is a conflict.

"killed over 60 Syrian soldiers" against "massacred over 80 syrian military soldiers" conflicts:
both count soldiers. Only counts are compared, by what they count (the noun the number qualifies,
approximated by the last content word of the phrase after it): "three Syrian soldiers" and "four
Syrian jets" count different things. Model designations (F/A-18, Su-22, AK-47, 18E), dates (June
5, 5 June, 07.04, 2017), times, ordinals, ages, durations and distances are never counts.

Two counts of the same thing are compared only when they can be of the same incident:
- a part of a total ("44 killed, including 11 women and nine children") is not compared: another
  source's breakdown may be of another total;
- a running total ("since Thursday", "over the past month", "so far") is not compared with a count
  that is not one: 1,000 dead in a month and 18 in one strike do not disagree;
- two sentences that each name a place the other does not ("killed in Eastern Ghouta" and "strikes
  on Mesraba and Madira killed"), or name different weekdays, months or years, report different
  incidents;
- an increment ("a further nine", "five more") is not a total, and the killed are not the wounded."""

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


# A breakdown of a total follows these words; every count up to the end of the clause is a part.
_PARTS = re.compile(
    r"\b(?:including|includ(?:es|ed)|among (?:them|whom|those|the dead)|of (?:them|whom))\b", re.IGNORECASE
)
_CLAUSE_END = re.compile(r"[.;:!?()]|\b(?:while|after|when|but|as|and (?:the|a|an))\b", re.IGNORECASE)
# A count over a span of time rather than of one incident.
_RUNNING_TOTAL = re.compile(
    r"\b(?:since|so far|in total|to date|(?:past|last|recent|previous)\s+(?:\w+\s+)?"
    r"(?:hours|days|weeks|months|years)|past (?:week|month|year)|this (?:year|month|week)"
    r"|across the (?:country|region)|nationwide|countrywide)\b",
    re.IGNORECASE,
)
# A place: a capitalised name right after a locative preposition ("in Aleppo", "on Kafr Takharim",
# "areas of Mesraba and Madira").
_PLACE = re.compile(
    r"\b(?:in|at|near|on|around|outside|across|of|from|towns?|areas?|villages?|city)\s+(?:the\s+)?"
    r"(?:[a-z][\w-]*\s+)?"  # "northern Syria", "rebel-held Idlib", "the capital Damascus"
    r"((?:[A-Z][\w'-]+)(?:\s+(?:and\s+)?[A-Z][\w'-]+)*)"
)
_NOT_PLACES = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
     "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
     "and"]
)  # fmt: skip


# Words that end the phrase a number qualifies ("12 people including civilians" counts people).
_ENDS_PHRASE = frozenset(["including", "includes", "among", "while", "after", "when", "whom", "which", "who"])
# A count added to another ("a further nine", "another five", "five more") is not a total.
_INCREMENT_BEFORE = re.compile(
    r"\b(?:another|further|other|separate|additional)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_INCREMENT_AFTER = re.compile(r"^\s+more\b", re.IGNORECASE)
# What happened to what was counted: killed and wounded are different counts of one attack.
_FATES = (
    ("killed", re.compile(r"\b(?:kill\w*|dead|died|dies|death\w*|massacred|lost their lives)\b", re.I)),
    ("wounded", re.compile(r"\b(?:wound\w*|injur\w*|hurt)\b", re.I)),
    ("held", re.compile(r"\b(?:arrest\w*|detain\w*|captur\w*|kidnap\w*|abduct\w*)\b", re.I)),
    ("missing", re.compile(r"\bmissing\b", re.I)),
)
# When: weekdays, months (not "May", which is also a verb) and years. Two sentences that both say
# when, and never the same, are about different incidents.
_WHEN = (
    re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE),
    re.compile(
        r"\b(january|february|march|april|june|july|august|september|october|november|december)\b",
        re.IGNORECASE,
    ),
    re.compile(r"(?<![\d.,/-])((?:19|20)\d\d)(?![\d,/-]|\.\d)"),
)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: frozenset[str]  # the content words of the phrase the number qualifies
    counts: str  # what it counts: the phrase's last content word
    text: str
    part: bool = False  # one item of a breakdown of a total ("including 11 women"), or an increment
    fate: str = ""  # killed, wounded, held or missing: the nearest such word in its clause


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
    parts = _breakdowns(text)
    out = []
    for start, end, value in sorted(found):
        before, after = text[max(0, start - 12) : start], text[end : end + 60]
        if _DATE_BEFORE.search(before) or _DATE_AFTER.match(after) or _NOT_A_COUNT_AFTER.match(after):
            continue
        phrase = _phrase(after, unit_words)
        if phrase and phrase[-1] not in _NOT_COUNTS:
            counts = _SAME_THING.get(phrase[-1], phrase[-1])
            part = (
                any(a <= start < b for a, b in parts)
                or bool(_INCREMENT_BEFORE.search(text[max(0, start - 30) : start]))
                or bool(_INCREMENT_AFTER.match(after))
            )
            out.append(
                Quantity(
                    value=value,
                    unit=frozenset(phrase),
                    counts=counts,
                    text=text[start:end],
                    part=part,
                    fate=_fate(text, start, end),
                )
            )
    return out


def figure_value(figure: str) -> float | None:
    """The number a figure states, in digits or words ("over 60" -> 60, "Six" -> 6)."""
    digits = _NUMBER.search(figure)
    if digits:
        return float(digits.group(1).replace(",", ""))
    word = _WORD_NUMBER.search(figure)
    return float(_WORDS[word.group(1).lower()]) if word else None


def _fate(text: str, start: int, end: int) -> str:
    """The fate word nearest the number within 60 characters either side, '' if none."""
    window_start = max(0, start - 60)
    window = text[window_start : end + 60]
    best, distance = "", 10**9
    for fate, pattern in _FATES:
        for m in pattern.finditer(window):
            gap = abs(window_start + m.start() - start)
            if gap < distance:
                best, distance = fate, gap
    return best


def _breakdowns(text: str) -> list[tuple[int, int]]:
    """Spans that list the parts of a total: from "including" to the end of its clause."""
    spans = []
    for m in _PARTS.finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        spans.append((m.end(), end.start() if end else len(text)))
    return spans


def places(text: str) -> set[str]:
    """Capitalised names the text puts after a locative preposition, lower-cased word by word."""
    found = set()
    for m in _PLACE.finditer(text):
        found |= {w.lower() for w in m.group(1).split()} - _NOT_PLACES
    return found


def same_incident(claim: str, passage: str) -> bool:
    """Whether two sentences' counts can be of one incident: both running totals or neither, not on
    different weekdays, months or years, and not each naming a place the other lacks."""
    if bool(_RUNNING_TOTAL.search(claim)) != bool(_RUNNING_TOTAL.search(passage)):
        return False
    for when in _WHEN:
        mine_when = {w.lower() for w in when.findall(claim)}
        theirs_when = {w.lower() for w in when.findall(passage)}
        if mine_when and theirs_when and not mine_when & theirs_when:
            return False
    mine, theirs = places(claim), places(passage)
    claim_words, passage_words = set(terms(claim)), set(terms(passage))
    return not (mine - passage_words and theirs - claim_words)


def _phrase(after: str, limit: int) -> list[str]:
    """The content words right after a number, up to the first function word, punctuation or verb
    in the past tense ("two children died": children), singular."""
    words: list[str] = []
    for token in re.findall(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]", after):
        lower = token.lower()
        if (
            not token[0].isalpha()
            or lower in STOPWORDS
            or lower in _ENDS_PHRASE
            or (words and lower.endswith("ed"))
        ):
            break
        words += [_singular(t) for t in terms(token)]
        if len(words) >= limit:
            break
    return words[:limit]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def numeric_conflict(claim: str, passage: str, settings: Settings) -> tuple[Quantity, Quantity] | None:
    """A count in the claim and one in the passage of the same thing with different values, when the
    two can be about the same incident."""
    if not same_incident(claim, passage):
        return None
    theirs = [q for q in quantities(passage, settings.unit_words) if not q.part]
    values = {q.value for q in theirs}
    for mine in quantities(claim, settings.unit_words):
        if mine.value in values or mine.part:
            continue
        for other in theirs:
            if mine.counts == other.counts and mine.fate == other.fate and mine.value != other.value:
                return mine, other
    return None
