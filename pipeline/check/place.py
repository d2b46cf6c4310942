"""Where an event took place. A claim that only places its story's event ("The army stated that the
incident took place in a remote village called Rasafah on Sunday") states one fact, the place, of an
event it names by a word ("the incident"). A source reporting the event there ("shot down a syrian
army su-22 jet near the village of rasafah") shares neither its words nor its meaning: it states the
claim when a sentence about that event names the place. The event is the one the claim's own article
leads with; the place must be a name (a capitalised word), in any of its transliterations."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from pipeline.check.cue_words import DENIAL
from pipeline.check.retrieve import SentenceIndex, meaning_vectors, same_name
from pipeline.extract import reported
from pipeline.records import SourceStance, StanceLabel
from pipeline.settings import Settings
from pipeline.text import DENYING, terms

# "the incident took place in X", "the attack happened near X on Sunday as ...": the event by a
# word, then where, up to when or the next clause (another fact the source may or may not state).
_PLACED = re.compile(
    r"(?:the|this|that)\s+(?:incident|incidence|attack|strike|airstrike|air\s+strike|raid|shooting"
    r"|crash|explosion|blast|bombing|massacre|assault|ambush|clash(?:es)?|downing|shootdown)\s+"
    r"(?:took\s+place|happened|occurred|was\s+carried\s+out)\s+"
    r"(?:in|at|near|outside|inside|close\s+to|on\s+the\s+outskirts\s+of)\s+(?P<where>[^,;:.!?()]+?)"
    r"(?=\s+(?:on|early|late|last|yesterday|today|this|as|when|while|after|before|and|killing|leaving"
    r"|wounding|according)\b|\s*[,;:.!?()]|\s*$)",
    re.IGNORECASE,
)
# A place phrase of more words than this says something else too.
_MAX_WHERE_WORDS = 8
# Capitalised words that name a time, not a place.
_NOT_PLACES = re.compile(
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may"
    r"|june|july|august|september|october|november|december",
    re.IGNORECASE,
)
# A people's adjective before a noun ("the Syrian capital"), not a place; "Arish" at the end is one.
_ADJECTIVE = re.compile(r"\w+(?:ian|ean|ese|ish)", re.IGNORECASE)
# Articles and kinship words of Arabic names, which name no place alone ("Al Kalassa", "Abu Kamal").
_PARTICLES = frozenset(["al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "abu", "umm"])
# A time where the place should be ("at around noon local time (0900 GMT)").
_TIME = re.compile(
    r"\d{1,2}[:.]\d{2}|\d\s*(?:a\.?m|p\.?m)\b|\b(?:noon|midnight|morning|afternoon|evening|night|dawn"
    r"|dusk|hours?|o'clock|local\s+time|gmt|utc)\b",
    re.IGNORECASE,
)
# Sentences at the head of the claim's article that say what its event is.
_LEAD = 2


@dataclass(frozen=True)
class Placing:
    """A claim's place of its story's event: the clause saying it and the names in it."""

    clause: str
    names: tuple[str, ...]


def placing(claim: str) -> Placing | None:
    """The place a claim gives its story's event, when the claim (who says it aside) opens by
    placing it; none otherwise, or when the place holds no name ("in a nearby town")."""
    said = reported(claim).strip()
    match = _PLACED.match(said)
    if match is None or len(match.group("where").split()) > _MAX_WHERE_WORDS or _TIME.search(match["where"]):
        return None
    words = re.findall(r"[^\W\d_][\w'\u2019]*", match.group("where"))
    capitalised = [
        w
        for n, w in enumerate(words)
        if w[0].isupper()
        and not _NOT_PLACES.fullmatch(w)
        and not (_ADJECTIVE.fullmatch(w) and n + 1 < len(words))
    ]
    names = tuple(dict.fromkeys(t for w in capitalised for t in terms(w) if t not in _PARTICLES))
    if not names:
        return None
    clause = said[: match.end("where")].strip()
    return Placing(clause[:1].lower() + clause[1:], names)


def event_vectors(own: SentenceIndex) -> np.ndarray:
    """The meaning vectors of the sentences the claim's article leads with: what its event is."""
    lead = [s.text for i, s in enumerate(own.doc.sentences) if i not in own.doc.aside][:_LEAD]
    return meaning_vectors(lead)


def place_stance(
    place: Placing, event: np.ndarray, index: SentenceIndex, settings: Settings
) -> SourceStance | None:
    """The source's sentence that names the claim's place and is about the event of the claim's
    article (as close to one of its lead sentences as a passage stating a claim in part of its own
    words is to it, `min_meaning_worded`), and neither asks, denies nor negates: the source says the
    event took place there. None when no sentence does."""
    named = [
        i
        for i, s in enumerate(index.doc.sentences)
        if _names_all(index.sentence_terms(i), place.names) and not _UNSURE.search(s.text)
    ]
    if not named or not len(event):
        return None
    closeness = dict(
        zip(named, np.max([index.meanings(v, named) for v in event], axis=0).tolist(), strict=True)
    )
    best = max(named, key=lambda i: (closeness[i], -i))
    if closeness[best] < settings.min_meaning_worded:
        return None
    words = re.findall(r"[\w'\u2019-]+", index.doc.sentences[best].text)
    where = " ".join(next((w for w in words if any(_same(t, n) for t in terms(w))), n) for n in place.names)
    return SourceStance(
        doc_id=index.doc.doc_id,
        stance=StanceLabel.supports,
        evidence=index.doc.sentences[best],
        score=round(min(max(float(closeness[best]), 0.0), 1.0), 4),
        method="place",
        note=f"the source places the same event in {where}",
        part=place.clause,
    )


# A sentence that asks, denies or negates: it does not place the event there ("Damascus denied any
# jet was downed near Rasafah", "Was the jet downed near Rasafah?").
_UNSURE = re.compile(rf"\?|{DENYING.pattern}|{DENIAL.pattern}", re.IGNORECASE)


def _names_all(words: frozenset[str], names: tuple[str, ...]) -> bool:
    """Whether the words name every word of the place, in the same or another transliteration."""
    return all(any(_same(w, n) for w in words) for n in names)


def _same(word: str, name: str) -> bool:
    return word == name or same_name(word, name)
