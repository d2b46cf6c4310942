"""When two sentences say their incidents happened, and whether that can be one time.

Two counts are of different incidents when both sentences say when — weekday, month or year — and
never the same; when one says when to the day ("on Tuesday", "3 October") and the other only a month
or a year ("In May", "in 2015"), or one a month and the other only a year: a span is not one day's
incident; or when one dates its incident by weekday and the other says only on which day its count
was reported or its article published, two days or more after ("Saturday's convoy attack killed
126" against "a blast killed six, state TV reported on Wednesday"). When a statement was made
("activists said on Tuesday"), an article published ("AP Saturday 9 Jul 2016"), a span began ("the
deadliest since 2013") or a year that names a thing ("the 2015 Paris Agreement") date no incident."""

from __future__ import annotations

import datetime
import re

_SAID = re.compile(
    r"\b(?:said|says|told|tells|reported|reports|wrote|posted|announced|stated|statement|according)\b",
    re.IGNORECASE,
)
# What may stand between a say-verb and where or when it was said: "said on Tuesday", "said in a
# statement on Monday", "told AFP in Beirut", "said in a post on Facebook".
_REPORTING_GAP = re.compile(
    r"^(?:\s+(?:in|on|at|from|via|to|a|an|the|its|their|his|her|statement|post|interview|briefing"
    r"|conference|news|press|release|video|tweet|speech|reporters|journalists|late|early"
    r"|[A-Z][\w.-]*))*\s*$"
)
_WHEN = (
    # "Saturday's attack", "Saturdays convoy attack" (an apostrophe lost)
    re.compile(
        r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['\u2019]?s)?\b", re.IGNORECASE
    ),
    # Months capitalised only, "March" and "May" only where a month is named ("in May", "on 5 March"):
    # they are also verbs. Abbreviated as datelines write them ("16 Jul 2015"); compared by their
    # first three letters.
    re.compile(
        r"\b(January|February|April|June|July|August|September|October|November|December"
        r"|Jan|Feb|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
        r"|(?:\b(?i:in|since|during|early|late|mid|of)[\s-]+|\d\s+)(May|March|Mar)\b"
    ),
    re.compile(r"(?<![\d.,/-])((?:19|20)\d\d)(?!\d|,\d{3}\b|[/-]\d|\.\d)"),
)
_WEEKDAY = re.compile(r"\b(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['\u2019]?s)?"
                      r"|today|yesterday|overnight|tonight|this morning|last night)\b", re.I)  # fmt: skip
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
)
_DAY_OF_MONTH = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_NAME + r"|\b" + _MONTH_NAME + r"\s+\d{1,2}(?!\d)",
    re.IGNORECASE,
)
# "since 2013", "since early June": when a span began, not when the incident happened.
_SINCE = re.compile(r"\bsince\s+(?:\w+\s+){0,3}?(?:(?:19|20)\d\d|" + _MONTH_NAME + r")", re.IGNORECASE)


def apart_in_time(text: str, other: str) -> bool:
    """Whether what the two sentences say of when cannot be one time (see the module's rules)."""
    for when in _WHEN:
        mine, theirs = _found(when, text), _found(when, other)
        if mine and theirs and not mine & theirs:
            return True
    if _reported_long_after(text, other) or _reported_long_after(other, text):
        return True
    span, other_span = _span(text), _span(other)
    return bool(span and other_span and span != other_span)


def names_a_time_of(text: str, other: str) -> bool:
    """Whether the two sentences name a weekday, month or year in common."""
    return any(_found(when, text) & _found(when, other) for when in _WHEN)


def _found(pattern: re.Pattern[str], text: str) -> set[str]:
    """Each time the text names, by its first three letters for a month ("Jul", "July")."""
    found = set()
    for m in pattern.finditer(text):
        if said_at(text, m.start()) or _DATELINE.match(text, m.start()):
            continue
        name = next(g for g in m.groups() if g).lower()
        found.add(name[:3] if pattern is _WHEN[1] else name)
    return found


# A weekday with the full date after it is when the article was published ("AP Saturday 9 Jul 2016",
# "Published Monday, June 19, 2017"), not when the incident happened ("overnight", "on Friday").
_DATELINE = re.compile(
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+"
    r"(?:\d{1,2}\s+[a-z]{3,9}\.?|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?),?\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)


def said_at(text: str, at: int) -> bool:
    """Whether position `at` says where or when a statement was made: right after a say-verb, with
    only words such as "in a statement" between ("said on Tuesday", "the UN said in Geneva")."""
    before = text[max(0, at - 60) : at]
    saids = list(_SAID.finditer(before))
    return bool(saids) and bool(_REPORTING_GAP.match(before[saids[-1].end() :]))


def _span(text: str) -> str:
    """How finely the sentence says when: 'day' (a weekday, "3 October", "overnight"), 'month' (a
    month without its day: "in May", "during July 2016"), 'year' (a year alone: "in 2015") or '' (it
    does not say). When a statement was made, the article published, or a span began ("the
    deadliest since 2013") does not count, nor a year that names a thing ("the 2015 Paris
    Agreement", "the 2013 attack")."""
    text = blanked(
        text, [m.span() for m in _SINCE.finditer(text)] + [m.span() for m in _PUBLISHED.finditer(text)]
    )
    if any(
        not said_at(text, m.start()) and not _DATELINE.match(text, m.start()) for m in _WEEKDAY.finditer(text)
    ):
        return "day"
    if any(not said_at(text, m.start()) for m in _DAY_OF_MONTH.finditer(text)):
        return "day"
    periods = [m for m in _PERIOD.finditer(text) if not said_at(text, m.start())]
    if any(m.group("month") for m in periods):
        return "month"
    return "year" if periods else ""


# A month or a year as a span of time: after "in", "during", "throughout", "over" or "for".
_PERIOD = re.compile(
    r"\b(?:in|during|throughout|over|for)\s+(?:(?:early|late|mid)[- ]?\s*)?"
    r"(?:(?P<month>" + _MONTH_NAME + r")|(?:19|20)\d\d\b)",
    re.IGNORECASE,
)


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans blanked out, its offsets kept."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


# When the article was published, at a sentence's start as scraped copies keep it: "Posted on April
# 19 2017 by ...", "Date of publication 14 October 2016", "Wed 19 Apr 2017".
_PUBLISHED = re.compile(
    r"^\W*(?:(?:published|posted|posted on|date of publication|last updated(?: at)?|updated)\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:(?P<d1>\d{1,2})\s+(?P<m1>[a-z]{3,9})\.?|(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?),?\s+"
    r"(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_MONTHS3 = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _reported_long_after(text: str, other: str) -> bool:
    """The text dates its incident by weekday; the other says only on which day its count was
    reported, two days or more after: not the same incident. (A weekday names a day of the week
    before; a week apart reads as the same day.)"""
    days = _found(_WHEN[0], text)
    if not days or _found(_WHEN[0], other):
        return False
    said = {m.group(1).lower() for m in _WHEN[0].finditer(other) if said_at(other, m.start())}
    said |= _published_on(other)
    return bool(said) and all(
        (_WEEKDAYS.index(on) - _WEEKDAYS.index(day)) % 7 >= 2 for on in said for day in days
    )


def _published_on(text: str) -> set[str]:
    """The weekday of the publication date the sentence starts with, if it has one."""
    m = _PUBLISHED.match(text)
    if m is None or (month := (m.group("m1") or m.group("m2"))[:3].lower()) not in _MONTHS3:
        return set()
    try:
        day = datetime.date(int(m.group("y")), _MONTHS3.index(month) + 1, int(m.group("d1") or m.group("d2")))
    except ValueError:
        return set()
    return {_WEEKDAYS[day.weekday()]}
