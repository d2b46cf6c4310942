"""Whether two sentences' counts can be of one incident, before their figures are compared.

Different incidents of one story are told in one breath ("19 killed in Eastern Ghouta", "strikes on
Mesraba and Madira killed 17"), and outlets give running totals beside single strikes. Two sentences
are taken to be about different incidents when:
- one gives a running total ("since the offensive began", "over the past month", "the death toll
  has reached", "the war has killed") and the other does not;
- both say when — weekday, month or year — and never the same;
- both give running totals, over different spans ("since April", "in the past two weeks");
- one says when to the day ("on Tuesday", "3 October") and the other only a month or a year ("in
  May", "in 2015"), or one a month and the other only a year: a span is not one day's incident;
- each names a place the other does not mention, or one names the other's place only where it
  tells of another incident ("hours after a gas attack in Khan Sheikhun");
- both say what killed (air strikes, a bomb blast, shelling) and name no cause in common: a car bomb
  at a checkpoint and an air strike on a village are two incidents, whatever the day. A chemical
  weapon is carried by a plane or a rocket, so gas is of one kind with either.
Where and when a statement was *made* ("activists said on Tuesday", "the UN said in Geneva"), or an
article published ("AP Saturday 9 Jul 2016"), is not where and when the incident happened, and is
left out of both; but where one sentence says only the day a count was reported, an incident the
other dates two days or more before is another ("Saturday's convoy attack killed 126" against "a
blast killed six, state TV reported on Wednesday").

Within one sentence, what follows "a day after", "hours before" or "that attack" tells of another
incident: `OTHER_INCIDENT` (numbers.py does not compare the counts it introduces)."""

from __future__ import annotations

import datetime
import re

from pipeline.text import CALENDAR, terms

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
_RUNNING_TOTAL = re.compile(
    r"\b(?:so far|in total|to date"
    # a war's toll: "the conflict has killed more than 280,000 people"
    r"|(?:war|conflict|fighting|uprising|crisis|violence)\s+(?:has|have|had)\s+(?:now\s+|so far\s+)?"
    r"(?:killed|claimed|left)"
    # "since" with something to count from, but not after a superlative ("the deadliest since 2015")
    r"|(?<!est )(?<!most )since\s+(?:the\s+)?(?:\w+\s+){0,6}?"
    r"(?:(?:19|20)\d\d|january|february|march|april|may|june|july|august|september|october|november"
    r"|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|start|beginning|outbreak"
    r"|began|begun|started|erupted|broke out|then)"
    # "the conflict that began in March 2011 ... has since killed more than 300000 people"
    r"|(?:has|have|had)\s+since\s+(?:killed|claimed|left|risen|rose|climbed)\b"
    r"|(?:past|last|recent|previous)\s+(?:\w+\s+)?(?:hours|days|weeks|months|years)"
    r"|past (?:week|month|year)|this (?:year|month|week)"
    r"|toll\s+(?:\w+\s+){0,6}?(?:has\s+|had\s+)?(?:reached|rose|risen|climbed|stands|stood)"
    r"|across the (?:country|region)|nationwide|countrywide"
    # a sum over an area or a period: "strikes across rebel-held Idlib province", "bringing the toll"
    r"|across\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:province|country|region|city|governorate|countryside)"
    r"|bringing\s+the\s+(?:\w+\s+){0,2}(?:toll|number|total))\b",
    re.IGNORECASE,
)
# A place: a capitalised name after a locative preposition ("in Aleppo", "on Kafr Takharim", "areas
# of Mesraba and Madira"), one lower-case word allowed between ("northern Syria", "rebel-held
# Idlib", "the capital Damascus").
_PLACE = re.compile(
    r"\b(?i:in|at|near|on|around|outside|across|of|from|towns?|areas?|villages?|city)\s+(?i:the\s+)?"
    r"(?:[a-z][\w-]*\s+)?"
    r"((?:[A-Z][\w'-]+)(?:\s+(?:and\s+)?[A-Z][\w'-]+)*)"
    r"(\s+[a-z]+)?"
)
# "an Israeli strike", "a Syrian jet": a nationality before a noun is not a place.
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|i|an)$")
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
_NOT_PLACES = CALENDAR | {"and"}
# What follows tells of another incident: "just hours after a gas attack in ...", "a day before",
# "comes one week after", "that attack" (one told of before: "the United States accused Damascus of
# that attack, which it estimates killed 1429 people"). Not after a verb of saying, denying or
# knowing ("said that attack...", "denied carrying out that attack", which may be the story's own),
# nor "that attack helicopters ...".
OTHER_INCIDENT = re.compile(
    r"\b(?:(?:just|only|barely|mere|a\s+few|few|several|one|two|three|\d+)\s+)?"
    r"(?:hours?|days?|weeks?|months?|minutes?)\s+(?:after|before)\b"
    r"|\b(?:a|the)\s+(?:day|week)\s+(?:after|before)\b"
    r"|(?<!said )(?<!says )(?<!say )(?<!reported )(?<!stated )(?<!claimed )(?<!denied )(?<!denies )"
    r"(?<!deny )(?<!out )(?<!behind )(?<!for )(?<!believe )(?<!think )(?<!know )(?<!show )(?<!shows )"
    r"\bthat\s+(?:attack|strike|raid|bombing|massacre|incident|assault|explosion|blast|shelling)\b"
    r"(?!\s+(?:helicopter|aircraft|jet|drone|plane|boat|dog|craft|submarine)s?\b)",
    re.IGNORECASE,
)
# What killed, by kind. Words that name no kind ("attack", "bombing", "missile", a bare "explosion"
# or "blast", which strikes and shells set off too) are left out: news uses them for any. A
# bombardment is from the air or the ground, and is of both kinds.
_CAUSES = (
    (
        "air",
        re.compile(
            r"\b(?:air\s*(?:strike|raid)s?|airstrikes?|warplanes?|air\s*force|aircraft"
            r"|helicopters?|barrel[- ]?bombs?|aerial|bombardments?)\b",
            re.I,
        ),
    ),
    (
        "blast",
        re.compile(
            r"\b(?:car[- ]?bombs?|suicide\s+(?:bomb\w*|attack\w*|car)|bomb\s+blasts?|explosive devices?"
            r"|ieds?|booby[- ]trap\w*)\b",
            re.I,
        ),
    ),
    # Fire from the ground: "rebel fire", "rocket shells".
    (
        "shelling",
        re.compile(
            r"\b(?:shell(?:s|ing|ed)?|rockets?|mortars?|artillery|bombardments?"
            r"|(?:rebel|tank|sniper|gun)\s*fire)\b",
            re.I,
        ),
    ),
    ("chemical", re.compile(r"\b(?:chemical|gas|chlorine|sarin|toxic|nerve agents?)\b", re.I)),
)
# A chemical weapon comes by plane or by rocket.
_CARRIED_BY = {"chemical": frozenset(["air", "shelling"])}
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


def same_incident(claim: str, passage: str) -> bool:
    """Whether counts in the two sentences can be of one incident (see the module's rules)."""
    total, other_total = _RUNNING_TOTAL.search(claim), _RUNNING_TOTAL.search(passage)
    if bool(total) != bool(other_total):
        return False
    if total and other_total and _window(total) != _window(other_total):
        # Totals over different spans: "since April" against "in the past two weeks".
        return False
    for when in _WHEN:
        mine, theirs = _found(when, claim), _found(when, passage)
        if mine and theirs and not mine & theirs:
            return False
    if _reported_long_after(claim, passage) or _reported_long_after(passage, claim):
        return False
    span, other_span = _span(claim), _span(passage)
    if span and other_span and span != other_span:
        return False
    if _elsewhere(claim, passage) or _elsewhere(passage, claim):
        return False
    causes, other_causes = _causes(claim), _causes(passage)
    if causes and other_causes and not _may_be_one_cause(causes, other_causes):
        return False
    claim_words, passage_words = set(terms(claim)), set(terms(passage))
    return not (_unnamed(places(claim), passage_words) and _unnamed(places(passage), claim_words))


def _unnamed(named: set[str], words: set[str]) -> set[str]:
    """The places the other sentence does not mention, also as the adjective of their people:
    "Syria" is named by "the Syrian province of Idlib" (but "Hama" is not by "Hamas")."""
    return {
        p
        for p in named
        if p not in words and not any(w[: len(p)] == p and w[len(p) :] in _DEMONYM_ENDINGS for w in words)
    }


_DEMONYM_ENDINGS = frozenset(["n", "an", "ian", "i", "ese", "ns", "ans", "ians", "is"])


def _elsewhere(text: str, other: str) -> bool:
    """The text names the other's place only where it refers to another incident: "19 people were
    killed near the capital hours after a chemical attack left dozens dead in Khan Sheikhun" does
    not count the dead of Khan Sheikhun."""
    found = OTHER_INCIDENT.search(text)
    if found is None:
        return False
    named = places(other)
    return (
        bool(named)
        and named <= set(terms(text[found.end() :]))
        and not named & set(terms(text[: found.start()]))
    )


def places(text: str) -> set[str]:
    """The words of capitalised names the text puts after a locative preposition, as `terms` spells
    them, leaving out nationalities, people named with their title ("blames on Syria President
    Bashar al-Assad's forces": from the title on) and where a statement was made."""
    found: set[str] = set()
    for m in _PLACE.finditer(text):
        name, next_word = m.group(1), m.group(2)
        if _reported(text, m.start()):
            continue
        if next_word and " " not in name and _DEMONYM.search(name.lower()):
            continue
        name = _TITLE.split(name, maxsplit=1)[0]
        if name.strip():  # "on President Bashar al-Assad" is a person, not a place
            found |= set(terms(name)) - _NOT_PLACES
    return found


# Titles before a person's name: a place ends where one begins ("King", "Prince" and "Sheikh" also
# begin places: Sheikh Maqsoud, King Abdullah Street).
_TITLE = re.compile(
    r"\b(?:President|Prime|Minister|General|Gen|Colonel|Col|Major|Leader|Chief"
    r"|Spokesman|Spokeswoman|Secretary|Ambassador|Envoy|Mr|Mrs|Ms|Dr)\b\.?"
)


def _window(found: re.Match[str]) -> str:
    return " ".join(found.group(0).lower().split())


def _found(pattern: re.Pattern[str], text: str) -> set[str]:
    """Each time the text names, by its first three letters for a month ("Jul", "July")."""
    found = set()
    for m in pattern.finditer(text):
        if _reported(text, m.start()) or _DATELINE.match(text, m.start()):
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


def _reported(text: str, at: int) -> bool:
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
    text = _blanked(
        text, [m.span() for m in _SINCE.finditer(text)] + [m.span() for m in _PUBLISHED.finditer(text)]
    )
    if any(
        not _reported(text, m.start()) and not _DATELINE.match(text, m.start())
        for m in _WEEKDAY.finditer(text)
    ):
        return "day"
    if any(not _reported(text, m.start()) for m in _DAY_OF_MONTH.finditer(text)):
        return "day"
    periods = [m for m in _PERIOD.finditer(text) if not _reported(text, m.start())]
    if any(m.group("month") for m in periods):
        return "month"
    return "year" if periods else ""


# A month or a year as a span of time: after "in", "during", "throughout", "over" or "for".
_PERIOD = re.compile(
    r"\b(?:in|during|throughout|over|for)\s+(?:(?:early|late|mid)[- ]?\s*)?"
    r"(?:(?P<month>" + _MONTH_NAME + r")|(?:19|20)\d\d\b)",
    re.IGNORECASE,
)


def _causes(text: str) -> frozenset[str]:
    """The kinds of weapon the sentence says struck, outside what it tells of another incident."""
    own = _blanked(text, other_incidents(text))
    return frozenset(kind for kind, pattern in _CAUSES if pattern.search(own))


def other_incidents(text: str) -> list[tuple[int, int]]:
    """Where the sentence tells of another incident than its own: from "a day after", "hours before"
    or "that attack" to the end of its clause ("The deaths came a day after UNICEF said 22 children
    had been killed"). "Hours after the truce began, strikes killed 19": a comma ends the other
    incident's clause, unless a relative clause follows ("that attack, which killed 1429 people");
    brackets end a caption ("... the day after shelling on Furqan (Photo AFP) State media says 30
    people have been killed"), and a clause that runs on past 25 words has ended unmarked."""
    spans = []
    for m in OTHER_INCIDENT.finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        stop = end.start() if end else len(text)
        words = list(re.finditer(r"\S+", text[m.end() : stop]))
        if len(words) > _CLAUSE_WORDS:
            stop = m.end() + words[_CLAUSE_WORDS - 1].end()
        spans.append((m.start(), stop))
    return spans


_CLAUSE_END = re.compile(r"[;:()]|,(?!\s*(?:which|that|who|where)\b)")
_CLAUSE_WORDS = 25
# "since 2013", "since early June": when a span began, not when the incident happened.
_SINCE = re.compile(r"\bsince\s+(?:\w+\s+){0,3}?(?:(?:19|20)\d\d|" + _MONTH_NAME + r")", re.IGNORECASE)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans blanked out, its offsets kept."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _may_be_one_cause(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    if mine & theirs:
        return True
    return any(theirs & _CARRIED_BY.get(kind, frozenset()) for kind in mine) or any(
        mine & _CARRIED_BY.get(kind, frozenset()) for kind in theirs
    )


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
    said = {m.group(1).lower() for m in _WHEN[0].finditer(other) if _reported(other, m.start())}
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


def shares_anchor(text: str, other: str) -> bool:
    """Whether the two sentences name a day, month, year or place in common: what a count in a
    sentence that shares little else with a claim needs to be taken as of its incident."""
    if any(_found(when, text) & _found(when, other) for when in _WHEN):
        return True
    text_words, other_words = set(terms(text)), set(terms(other))
    return bool(places(text) - _unnamed(places(text), other_words)) or bool(
        places(other) - _unnamed(places(other), text_words)
    )
