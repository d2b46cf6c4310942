"""Whether two sentences' counts can be of one incident, before their figures are compared.

Different incidents of one story are told in one breath ("19 killed in Eastern Ghouta", "strikes on
Mesraba and Madira killed 17"), and outlets give running totals beside single strikes. Two sentences
are taken to be about different incidents when:
- one gives a running total ("since the offensive began", "over the past month", "the death toll
  has reached", "the war has killed") and the other does not;
- both say when — weekday, month or year — and never the same;
- both give running totals, over different spans ("since April", "in the past two weeks");
- each names a place the other does not mention, or one names the other's place only where it
  tells of another incident ("hours after a gas attack in Khan Sheikhun").
Where and when a statement was *made* ("activists said on Tuesday", "the UN said in Geneva"), or an
article published ("AP Saturday 9 Jul 2016"), is not where and when the incident happened, and is
left out of both."""

from __future__ import annotations

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
    r"|began|begun|started|then)"
    r"|(?:past|last|recent|previous)\s+(?:\w+\s+)?(?:hours|days|weeks|months|years)"
    r"|past (?:week|month|year)|this (?:year|month|week)"
    r"|toll\s+(?:\w+\s+){0,6}?(?:has\s+|had\s+)?(?:reached|rose|risen|climbed|stands|stood)"
    r"|across the (?:country|region)|nationwide|countrywide)\b",
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
# What follows tells of another incident: "just hours after a gas attack in ...", "a day before".
_ANOTHER_INCIDENT = re.compile(
    r"\b(?:(?:just|only|barely|mere|a\s+few|few|several|two|three|\d+)\s+)?(?:hours?|days?|weeks?|minutes?)"
    r"\s+(?:after|before)\b|\b(?:a|the)\s+day\s+(?:after|before)\b",
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
    if _elsewhere(claim, passage) or _elsewhere(passage, claim):
        return False
    claim_words, passage_words = set(terms(claim)), set(terms(passage))
    return not (places(claim) - passage_words and places(passage) - claim_words)


def _elsewhere(text: str, other: str) -> bool:
    """The text names the other's place only where it refers to another incident: "19 people were
    killed near the capital hours after a chemical attack left dozens dead in Khan Sheikhun" does
    not count the dead of Khan Sheikhun."""
    found = _ANOTHER_INCIDENT.search(text)
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
    them, leaving out nationalities and where a statement was made."""
    found: set[str] = set()
    for m in _PLACE.finditer(text):
        name, next_word = m.group(1), m.group(2)
        if _reported(text, m.start()):
            continue
        if next_word and " " not in name and _DEMONYM.search(name.lower()):
            continue
        found |= set(terms(name)) - _NOT_PLACES
    return found


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
