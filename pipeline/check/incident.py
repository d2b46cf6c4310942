"""Whether two sentences' counts can be of one incident, before their figures are compared.

Different incidents of one story are told in one breath ("19 killed in Eastern Ghouta", "strikes on
Mesraba and Madira killed 17"), and outlets give running totals beside single strikes. Two sentences
are taken to be about different incidents when:
- one gives a running total ("since the offensive began", "over the past month", "the death toll
  has reached", "the war has killed", "across rebel-held Idlib province") and the other does not,
  or both do over different spans ("since April", "in the past two weeks");
- they say when in ways that cannot be one time (`when.py`: other weekdays, months or years, a day
  against a month, a count reported days after the other's incident);
- each names a place the other does not mention, or one names the other's place only where it
  tells of another incident ("hours after a gas attack in Khan Sheikhun");
- both say what killed (air strikes, a bomb blast, shelling) and name no cause in common: a car bomb
  at a checkpoint and an air strike on a village are two incidents, whatever the day. A chemical
  weapon is carried by a plane or a rocket, so gas is of one kind with either.
Where a statement was *made* ("the UN said in Geneva") is not where the incident happened.

Within one sentence, what follows "a day after", "hours before" or "that attack" tells of another
incident (`other_incidents`; numbers.py does not compare the counts it introduces)."""

from __future__ import annotations

import re

from pipeline.check.when import apart_in_time, blanked, names_a_time_of, said_at
from pipeline.text import CALENDAR, terms

_RUNNING_TOTAL = re.compile(
    r"\b(?:so far|in total|to date"
    # a war's toll: "the conflict has killed more than 280,000 people", "a civil war that has killed"
    r"|(?:war|conflict|fighting|uprising|crisis|violence)\s+(?:(?:that|which)\s+)?(?:has|have|had)\s+"
    r"(?:now\s+|so far\s+)?"
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


def same_incident(claim: str, passage: str) -> bool:
    """Whether counts in the two sentences can be of one incident (see the module's rules)."""
    total, other_total = _RUNNING_TOTAL.search(claim), _RUNNING_TOTAL.search(passage)
    if bool(total) != bool(other_total):
        return False
    if total and other_total and _window(total) != _window(other_total):
        # Totals over different spans: "since April" against "in the past two weeks".
        return False
    if apart_in_time(claim, passage):
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
        if said_at(text, m.start()):
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


def _causes(text: str) -> frozenset[str]:
    """The kinds of weapon the sentence says struck, outside what it tells of another incident."""
    own = blanked(text, other_incidents(text))
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


def _may_be_one_cause(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    if mine & theirs:
        return True
    return any(theirs & _CARRIED_BY.get(kind, frozenset()) for kind in mine) or any(
        mine & _CARRIED_BY.get(kind, frozenset()) for kind in theirs
    )


def shares_anchor(text: str, other: str) -> bool:
    """Whether the two sentences name a day, month, year or place in common: what a count in a
    sentence that shares little else with a claim needs to be taken as of its incident."""
    if names_a_time_of(text, other):
        return True
    named, other_named = places(text), places(other)
    return bool(named - _unnamed(named, set(terms(other)))) or bool(
        other_named - _unnamed(other_named, set(terms(text)))
    )
