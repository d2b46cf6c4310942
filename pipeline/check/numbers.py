"""Deterministic numeric check: the same kind of count given two different values is a conflict.

"killed over 60 Syrian soldiers" against "massacred over 80 syrian military soldiers" conflicts:
both count soldiers. Only counts are compared, by what they count (the noun the number qualifies,
approximated by the last content word of the phrase after it): "three Syrian soldiers" and "four
Syrian jets" count different things. Model designations (F/A-18, Su-22, AK-47, 18E), dates (June
5, 5 June, 07.04, 2017), times, ordinals, ages, durations and distances are never counts (numbers
themselves, in digits or words, are read in numerals.py).

Two counts of the same thing are compared only when they can be of the same incident (see
`incident.py`), and only totals: a part of a total ("44 killed, including 11 women and nine
children") and an increment ("a further nine", "five more") are not compared, since another
source's breakdown may be of another total. The killed are not the wounded: a count's fate (killed,
wounded, held, missing) is the nearest such word in its clause, and counts with different known
fates are not compared."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.check.actions import actions_near, same_action
from pipeline.check.incident import other_incidents, same_incident, shares_anchor
from pipeline.check.numerals import NUMBER_WORDS, bound_start, can_both_hold, numerals
from pipeline.settings import Settings
from pipeline.text import STOPWORDS, terms

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


# Counted things that are part of another: a toll of people is never below the civilians, children
# or women it includes, so "34 people were killed" conflicts with "44 civilians were killed" while
# "34 people" and "20 civilians" may both be right.
_PART_OF = {"civilian": "people", "child": "people", "woman": "people", "women": "people"}


# A breakdown of a total follows these words: the list of counts right after them ("including 11
# women, nine children and one rescue worker") are parts; a comma not followed by another count, or
# the end of the clause, ends the list ("Strikes, including barrel bombs, killed 30": 30 is a total).
_PARTS = re.compile(
    r"\b(?:including|includ(?:es|ed)|among (?:them|whom|those|the dead)|of (?:them|whom))\b", re.IGNORECASE
)
_LIST_END = re.compile(
    r"[.;:!?()]|,(?!\s*(?:and\s+)?(?:\d|(?:" + NUMBER_WORDS + r")\b))"
    r"|\b(?:while|after|when|but|and (?:the|a|an))\b",
    re.IGNORECASE,
)
# Words that end the phrase a number qualifies ("12 people including civilians" counts people,
# "20 civilians near Raqqa" counts civilians).
_ENDS_PHRASE = frozenset(
    ["including", "includes", "among", "while", "after", "when", "whom", "which", "who", "near", "outside",
     "inside", "across", "around", "during", "since", "amid", "despite", "following"]
)  # fmt: skip
# A count added to another ("a further nine", "another five", "five more") is not a total.
# "Another 11 buses carrying some 500 people": the whole phrase is the increment.
_INCREMENT_BEFORE = re.compile(
    r"\b(?:another|further|other|separate|additional)\s+(?:[\w'\u2019-]+\s+){0,5}$", re.IGNORECASE
)
_INCREMENT_AFTER = re.compile(r"^\s+more\b", re.IGNORECASE)
# "More than a dozen people were also killed in ...": a count beside the one the story is about.
# ("The strike also killed 30 people" may be the story's own toll, beside what else it did.)
_ALSO_AFTER = re.compile(r"^(?:\s+[\w-]+){0,3}?\s+(?:were|was|have been|has been|had been)\s+also\b", re.I)
# Those counted where they were taken, not at the event: "31 people hurt in the attack were being
# treated in Turkish hospitals", "three people had died since being brought from Syria" are some of
# the victims, whatever the toll.
_ONLY_THOSE_MOVED = re.compile(
    r"\b(?:(?:since|after|upon|on)\s+being\s+(?:brought|taken|transferred|admitted|evacuated)"
    r"|(?:brought|taken|transferred|admitted|evacuated|rushed)\s+(?:to|across|into)"
    r"|(?:being|been)\s+treated\s+(?:in|at))\b",
    re.IGNORECASE,
)
# What happened to what was counted: killed and wounded are different counts of one attack.
_FATES = (
    (
        "killed",
        re.compile(
            r"\b(?:kill\w*|dead|died|dies|death\w*|massacred|lives|fatalit\w*|perish\w*|slain|bodies)\b", re.I
        ),
    ),
    # Gas victims treated for breathing: "suffocation cases for at least 6 civilians".
    ("wounded", re.compile(r"\b(?:wound\w*|injur\w*|hurt|suffocat\w*|dyspn\w*|breathing problems)\b", re.I)),
    ("held", re.compile(r"\b(?:arrest\w*|detain\w*|captur\w*|kidnap\w*|abduct\w*)\b", re.I)),
    ("missing", re.compile(r"\bmissing\b", re.I)),
    ("moved", re.compile(r"\b(?:evacuat\w*|displac\w*|fled|flee\w*|rescued|relocat\w*)\b", re.I)),
)


_TRAILING_FATE = re.compile(
    r"((?:\s+[A-Za-z][\w'-]*){1,3}?)\s+(killed|dead|injured|wounded|hurt)\b"
    rf"(?!\s+(?:\d|at least|more than|over|about|some|nearly|dozens|scores|hundreds|(?:{NUMBER_WORDS})\b))",
    re.IGNORECASE,
)
# A death toll's figure, in the clause after it and before any other figure.
_DEATH_TOLL = re.compile(r"\bdeath\s+toll\b(?:(?![.;:!?]|\d)[^.;:!?])*$", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: frozenset[str]  # the content words of the phrase the number qualifies
    counts: str  # what it counts: the phrase's last content word
    text: str  # the figure as written, with a bound before it ("over 60")
    part: bool = False  # one item of a breakdown of a total ("including 11 women"), or an increment
    fate: str = ""  # killed, wounded, held, missing or moved: the nearest such word in its clause
    # What was done to or by what was counted: the verbs near the number in its clause.
    actions: frozenset[str] = frozenset()


def quantities(text: str, unit_words: int) -> list[Quantity]:
    """Counts in the text with what they count (dates, years, designations, times, ages excluded)."""
    parts = _breakdowns(text)
    others = other_incidents(text)
    out = []
    for number in numerals(text):
        start, end, value = number.start, number.end, number.value
        before, after = text[max(0, start - 12) : start], text[end : end + 60]
        if _DATE_BEFORE.search(before) or _DATE_AFTER.match(after) or _NOT_A_COUNT_AFTER.match(after):
            continue
        phrase = _phrase(after, unit_words)
        if phrase and phrase[-1] not in _NOT_COUNTS:
            counts = _SAME_THING.get(phrase[-1], phrase[-1])
            part = (
                any(a <= start < b for a, b in parts)
                or bool(_INCREMENT_BEFORE.search(text[max(0, start - 50) : start]))
                or bool(_INCREMENT_AFTER.match(after))
                or bool(_ALSO_AFTER.match(after))
                or bool(_ONLY_THOSE_MOVED.search(_own_clause(text, end)))
                or any(a <= start < b for a, b in others)
            )
            out.append(
                Quantity(
                    value=value,
                    unit=frozenset(phrase),
                    counts=counts,
                    text=text[bound_start(text, start) : end],
                    part=part,
                    fate=_fate(text, start, end),
                    actions=actions_near(text, start, end),
                )
            )
    return out


def _fate(text: str, start: int, end: int) -> str:
    """The fate word nearest the number (counted from the number's own edges) within 60 characters
    either side and its clause, '' if none."""
    low, high = max(0, start - 60), min(len(text), end + 60)
    # "and injured 150 children": the clause starts at the fate word, which stays in it.
    for stop in re.finditer(
        r"[.;:!?]|\b(?:while|but|and(?= (?:wounded|injured|killed)\b))\b", text[low:start]
    ):
        low = low + stop.end()
    # "killing 44 civilians and wounding over 140": the second fate word is the next count's.
    # "put at 8 civilians in addition to 12 injured": what is added is another count's.
    after_stop = re.search(
        r"[.;:!?]|\b(?:while|but|in addition to|as well as|besides)\b"
        r"|\band (?:wounding|injuring|killing|wounded|injured|killed)\b",
        text[end:high],
    )
    if after_stop:
        high = end + after_stop.start()
    # "Child killed 9 Civilians Injured in ...": a participle right after what is counted is its
    # fate, whatever comes before the number (not "killed 30 people wounded 50": that one has its own).
    trailing = _TRAILING_FATE.match(text, end, high)
    if trailing and not set(trailing.group(1).lower().split()) & STOPWORDS:
        return next(fate for fate, pattern in _FATES if pattern.fullmatch(trailing.group(2)))
    best, distance = "", 10**9
    for fate, pattern in _FATES:
        for m in pattern.finditer(text, low, high):
            gap = start - m.end() if m.end() <= start else m.start() - end
            if gap < distance:
                best, distance = fate, gap
    # "The death toll from Tuesday's attacks was put at 8 civilians": the toll's figure is the dead.
    if not best and _DEATH_TOLL.search(text, max(0, start - 160), start):
        return "killed"
    return best


def _own_clause(text: str, end: int) -> str:
    """The words after a number up to the end of its clause ("," and "and" too) or the next number."""
    rest = text[end : end + 120]
    stop = re.search(r"[.,;:!?]|\d|\b(?:and|" + NUMBER_WORDS + r")\b", rest, re.IGNORECASE)
    return rest[: stop.start()] if stop else rest


def _breakdowns(text: str) -> list[tuple[int, int]]:
    """Spans that list the parts of a total: from "including" to the end of its list."""
    spans = []
    for m in _PARTS.finditer(text):
        end = _LIST_END.search(text, m.end())
        spans.append((m.end(), end.start() if end else len(text)))
    return spans


# Fates that follow what was counted without a past tense's "-ed": "31 people hurt", "18 dead".
_FATE_AFTER = frozenset(["hurt", "dead", "slain", "missing"])


def _phrase(after: str, limit: int) -> list[str]:
    """The content words right after a number, up to the first function word, punctuation, verb
    in the past tense ("two children died": children) or fate ("31 people hurt"), singular."""
    words: list[str] = []
    for token in re.findall(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]", after):
        lower = token.lower()
        if (
            not token[0].isalpha()
            or lower in STOPWORDS
            or lower in _ENDS_PHRASE
            or (words and (lower.endswith("ed") or lower in _FATE_AFTER))
        ):
            break
        words += [_singular(t) for t in terms(token)]
        if len(words) >= limit:
            break
    return words[:limit]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def numeric_conflict(
    claim: str, passage: str, settings: Settings, strict: bool = False
) -> tuple[Quantity, Quantity] | None:
    """A count in the claim and one in the passage of the same thing with different values, when the
    two can be about the same incident. `strict`: only counts of one thing with one known fate ("86
    people were killed" against "some 80 people were killed"), for a passage that shares too little
    else with the claim to be taken as about it."""
    theirs = [q for q in quantities(passage, settings.unit_words) if not q.part]
    mine_all = [q for q in quantities(claim, settings.unit_words) if not q.part]
    # Most passages hold no count: the incident rules run only when both sides have one.
    if not theirs or not mine_all or not same_incident(claim, passage):
        return None
    if strict and not shares_anchor(claim, passage):
        return None
    values = {q.value for q in theirs}
    found: list[tuple[Quantity, Quantity]] = []
    for mine in mine_all:
        if mine.value in values:
            continue
        for other in theirs:
            # A count whose fate the sentence does not say ("48 fatalities" aside) may be any.
            fates_differ = bool(mine.fate and other.fate and mine.fate != other.fate)
            if fates_differ or (strict and not (mine.fate and mine.fate == other.fate)):
                continue
            if mine.counts == other.counts and mine.value != other.value:
                # Two tolls of one fate are counts of one thing; other counts must say they are of
                # the same act ("about 200 people protested" is not "12 people were killed").
                if (mine.fate and other.fate) or same_action(mine.actions, other.actions, settings):
                    found.append((mine, other))
                continue
            # Whole and part compare only for one known fate: "evacuated 500 civilians" says nothing
            # about "killed 300 people".
            known = mine.fate and mine.fate == other.fate
            if (
                known
                and not strict
                and (fewer_than_its_part(mine, other) or fewer_than_its_part(other, mine))
            ):
                found.append((mine, other))
    # Figures that cannot both hold come first: "over 60 killed and 100 wounded" against "over 80
    # killed and 20 wounded" is a contradiction in the wounded, whatever the order of the counts.
    hard = [(a, b) for a, b in found if not can_both_hold(a.text, b.text)]
    best = hard or found
    return best[0] if best else None


def fewer_than_its_part(whole: Quantity, part: Quantity) -> bool:
    """A count of people below a count of the civilians (children, women) among them."""
    return _PART_OF.get(part.counts) == whole.counts and whole.value < part.value
