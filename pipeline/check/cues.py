"""Deterministic stance cues: a source that calls a claim a hoax, or only reports it as a rumour.

Measured on FNC-1 (see README): the embedded 270M model's label probabilities barely differ between
agreeing, disagreeing and discussing bodies, while the density of debunking and hedging words in the
part of the source that talks about the claim separates them. These cues decide before the model."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.check.retrieve import SentenceIndex
from pipeline.records import Span
from pipeline.settings import Settings
from pipeline.text import DENYING, UNNAMED_PARTY, stem, terms

DENIAL_WORDS = (
    "fake",
    "fakes",
    "faked",
    "fraud",
    "fraudulent",
    "hoax",
    "hoaxes",
    "hoaxer",
    "false",
    "falsely",
    "deny",
    "denies",
    "denied",
    "denying",
    "refute",
    "refutes",
    "refuted",
    "debunk",
    "debunks",
    "debunked",
    "debunking",
    "bogus",
    "untrue",
    "not true",
    "no evidence",
    "prank",
    "pranks",
    "retract",
    "retracts",
    "retracted",
    "retraction",
    "satire",
    "satirical",
    "myth",
    "myths",
    "misleading",
    "doctored",
    "photoshopped",
    "fabricated",
    "fabrication",
    "unfounded",
    "baseless",
)
# Words of a source that reports something without vouching for it: hedges, rumours ("rumor" once
# counted as a denial: moving it here raised Emergent's and FNC-1's macro-F1), "is said to", and
# unnamed sources. Plain attribution to a named party ("according to", "said", "reports") is left out:
# news states most facts that way; only a headline's tag or closing "..., X says" counts (below).
HEDGE_WORDS = (
    "reportedly",
    "allegedly",
    "alleged",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "unconfirmed",
    "unverified",
    "purportedly",
    "purported",
    "purports",
    "could not be verified",
    "rumor",
    "rumors",
    "rumored",
    "rumour",
    "rumours",
    "rumoured",
    "apparently",
    "appears",
    "believed",
    "speculation",
    "speculates",
    "speculated",
    "unclear",
    "may",
    "might",
    "suspected",
    "sources say",
    "sources said",
    "source says",
)
# Debunking words aimed at a story itself, which settle a source that shares only a claim's topic:
# a party in the story denying something ("Boko Haram denied that it had kidnapped the girls")
# does not.
STORY_DENIAL_WORDS = (
    *(w for w in DENIAL_WORDS if w.startswith(("fake", "hoax", "debunk", "prank", "fabricat", "satir"))),
    "bogus",
    "doctored",
    "photoshopped",
    "untrue",
    "not true",
)


def _pattern(words: tuple[str, ...], *more: str) -> re.Pattern[str]:
    alternatives = [re.escape(w) for w in words] + list(more)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


# "There is no denying", "not a hoax": a negated debunking word vouches.
_NOT_NEGATED = (
    r"(?<!\bno\s)(?<!\bnot\s)(?<!\bnot\sa\s)(?<!n't\s)(?<!n't\sa\s)(?<!n\u2019t\s)(?<!n\u2019t\sa\s)"
)
# Someone rejecting the reports themselves: "rebuffs Internet rumors that he died", "experts cast
# doubt on man's claims", "stolen Batmobile rumor put to rest".
_REPORTS = r"(?:claims?|rumou?rs?|reports?|allegations?|speculation|story|stories)"
_REJECTING = (
    r"(?:dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|rebuff(?:s|ed|ing)?|quash(?:es|ed|ing)?"
    r"|casts?\s+doubt\s+on|puts?\s+to\s+rest)\s+(?:[\w'\u2019-]+\s+){0,3}?" + _REPORTS,
    _REPORTS + r"\s+(?:[\w'\u2019-]+\s+){0,2}?(?:put\s+to\s+rest|dismissed|rejected|called\s+rubbish)",
    # A sentence answering the story with "No, ...": "No, a spider didn't crawl through a man's body";
    # not "No, it's not a hoax: ...".
    r"(?<=^)no(?=\s?,\s)(?!.*(?:\bnot|n[\u2019']t)\s+(?:\w+\s+)?(?:"
    + "|".join(w for w in ("fake", "hoax", "photoshopped", "doctored", "made up", "fabricated", "a joke"))
    + r"))",
)
_DENIAL = re.compile(_NOT_NEGATED + _pattern(DENIAL_WORDS, *_REJECTING).pattern, re.IGNORECASE)
_STORY_DENIAL = re.compile(_NOT_NEGATED + _pattern(STORY_DENIAL_WORDS).pattern, re.IGNORECASE)
# Of those, the words that only call a story false: "satirical" and "prank" also name a genre ("the
# satirical magazine's office", "they repeat the prank in the video"), and a "hoaxer" is a person.
_FALSE_STORY_WORDS = tuple(
    w for w in STORY_DENIAL_WORDS if not w.startswith(("satir", "prank")) and w != "hoaxer"
)
_FALSE_STORY = re.compile(_NOT_NEGATED + _pattern(_FALSE_STORY_WORDS).pattern, re.IGNORECASE)
_HEDGE = _pattern(
    HEDGE_WORDS,
    # "is said to have", "store said to open", not "said to reporters", "reported to the police"
    r"(?:said|reported|thought)\s+to(?!\s+(?:the|a|an|his|her|their|its|him|them|us|me|my|our|your"
    r"|reporters|journalists|police|congress|parliament|lawmakers|investigators)\b)",
    r"(?:unnamed|anonymous)\s+sources?",
    r"an?\s+(?:source|person)\s+(?:close\s+to|familiar\s+with)",
)
# A headline's own ways of saying it only reports the story, read in a source's first line only (in
# the body, "Source: AP" credits a picture and "..., police say" is plain attribution): a tag naming
# its source ("Apple to shut down Beats Music: Report", "Sources: ...", "... - video report", ":
# South Korea paper"), or an attribution closing it in the present tense ("..., government says",
# "..., says new report").
_HEADLINE_HEDGE = re.compile(
    r"(?<=[:\-\u2013\u2014|]\s)(?:[^\W\d][\w'\u2019-]*\s+){0,2}?(?:report|reports|sources?|paper)"
    r"(?=\s*[.!]?\s*$)"
    r"|^(?:report|reports|sources?)(?=\s*:)"
    r"|(?<=,\s)(?:[\w.'\u2019-]+\s+){0,4}?(?:says|say)(?=\s*[.!]?[\s\u201d\"]*$)"
    r"|(?<=,\s)says\s+(?:an?\s+|new\s+|the\s+)*(?:[\w-]+\s+)?reports?(?=\s*[.!]?\s*$)",
    re.IGNORECASE,
)


def debunks(claim: str) -> bool:
    """Whether the claim itself calls something false or denies it ("The Story of the 3-Boobed Lady
    Is As Fake As Her Third Boob", "NHL expansion report is 'complete fabrication'"): a source
    debunking the same story says what it says."""
    return _DENIAL.search(claim) is not None


@dataclass(frozen=True)
class Cue:
    """How densely the claim's part of a source uses a kind of word, and its strongest sentence."""

    per_1000_words: float
    sentence: Span | None
    words: tuple[str, ...]


@dataclass(frozen=True)
class SourceCues:
    denial: Cue
    hedge: Cue


def source_cues(
    claim: str,
    index: SentenceIndex,
    settings: Settings,
    claimer: str | None = None,
    story_only: bool = False,
) -> SourceCues:
    """Denial and hedge density over the sentences of the source that share a content word with
    the claim. Denials count in sentences that share `denial_min_shared` words with it, so that a
    source denying something else in passing does not deny this claim (and, for the words that
    only call a story false, in the sentences `_story_told` finds beside them or in the lead); not
    where the claim's own claimer denies ("officials in Damascus deny the US claims, stating that
    their plane was downed while striking ISIS" denies the US account, not Damascus's);
    `story_only` counts only the words that call a story itself false. A cue word the claim itself
    uses ("police arrested a hoaxer") is not the source's verdict on it."""
    query = set(terms(claim))
    related = index.related(query)
    words = max(1, sum(index.words[i] for i, _ in related))
    party = frozenset(terms(claimer or "")) - UNNAMED_PARTY
    denial = _STORY_DENIAL if story_only else _DENIAL
    # Shared words in any inflection: "experts debunk spider burrowing claims" for "a spider burrowed".
    stems = {stem(t) for t in query}
    shared = [(i, len(stems & {stem(t) for t in index.sentence_terms(i)})) for i, _ in related]
    denials = [
        (i, n)
        for i, n in shared
        if n >= settings.denial_min_shared and not (party and _denied_by(party, index.doc.sentences[i].text))
    ]
    told = [] if story_only or not related else _story_told(claim, index, shared, denials, party, settings)
    return SourceCues(
        denial=_cue(index, denial, denials, words, claim, narrow=told),
        hedge=_cue(index, _HEDGE, related, words, claim, _HEADLINE_HEDGE),
    )


def _story_told(
    claim: str,
    index: SentenceIndex,
    shared: list[tuple[int, int]],
    denials: list[tuple[int, int]],
    party: frozenset[str],
    settings: Settings,
) -> list[int]:
    """The sentences calling a story false that share too few of the claim's words to count by
    themselves ("Unfortunately, I think this is a hoax", "the whole thing was a hoax") but speak of
    the claim where the source tells it: in its lead, or next to a sentence that shares the claim's
    words and is not the claimer's own denial. Elsewhere in a long article such a word may debunk
    something else ("bogus lawsuits"). Only in the source's own voice or an observer's: not a
    question ("Is this a hoax?"), not negated ("has not been debunked"), not a party calling or
    denying accusations ("the regime denied ... and described the massacre as fabricated": its
    account, not the source's verdict), and not a word the claim itself uses."""
    near = {j for i, _ in denials for j in (i - 1, i, i + 1)}
    counted = {i for i, _ in denials}
    own = {m.group(0).lower() for m in _FALSE_STORY.finditer(claim)}
    found = index.matches(_FALSE_STORY)
    told = []
    for i, hits in enumerate(found):
        if not set(hits) - own or i in counted or i in index.doc.aside or not (i < _LEAD or i in near):
            continue
        text = index.doc.sentences[i].text
        rest = _FALSE_STORY.sub(" ", text)
        asked = text.rstrip(" \"'\u201d\u2019").endswith("?")
        if asked or DENYING.search(rest) or _CHARACTERISING.search(rest):
            continue
        if party and _denied_by(party, text):
            continue
        told.append(i)
    return told


# A party's characterisation of the accusations against it: its account, not a verdict.
_CHARACTERISING = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|brand(?:s|ed|ing)?"
    r"|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
# The sentences of a source that open its story (headline and lead).
_LEAD = 3
# Where the words naming whoever denies begin: after the last comma, colon or semicolon.
_CLAUSE_START = re.compile(r"[,;:]")
_DENIER_WORDS = 4
_RETRACTING = re.compile(r"retract", re.IGNORECASE)


def _denied_by(party: frozenset[str], sentence: str) -> bool:
    """The party is the subject of the sentence's first debunking word: named among the few words
    just before it, in its clause ("Syrian officials in Damascus deny the US claims"), and the
    word is not passive ("was denied by the Pentagon"). A party retracting is retracting its own."""
    found = _DENIAL.search(sentence)
    if (
        found is None
        or _RETRACTING.match(found.group(0))
        or sentence[found.end() :].lstrip().startswith("by ")
    ):
        return False
    before = _CLAUSE_START.split(sentence[: found.start()])[-1]
    return bool(party & frozenset(terms(before)[-_DENIER_WORDS:]))


def _cue(
    index: SentenceIndex,
    pattern: re.Pattern[str],
    sentences: list[tuple[int, int]],
    words: int,
    claim: str,
    headline: re.Pattern[str] | None = None,
    narrow: list[int] | None = None,
) -> Cue:
    """`headline`: more cue words, looked for in the source's first line only; `narrow`: more
    sentences, in which only the words calling a story false count (their words join the density's
    denominator: they share none of the claim's)."""
    matches = index.matches(pattern)
    if narrow:
        story = index.matches(_FALSE_STORY)
        matches = [story[i] if i in narrow else m for i, m in enumerate(matches)]
        sentences = [*sentences, *((i, 0) for i in narrow)]
        words += sum(index.words[i] for i in narrow)
    # Only the first line is read for `headline`: matching it over a whole article is wasted work.
    first = (
        tuple(m.group(0).lower() for m in headline.finditer(index.doc.sentences[0].text))
        if headline is not None and index.doc.sentences and 0 not in index.doc.aside
        else ()
    )
    own = {m.group(0).lower() for m in pattern.finditer(claim)}
    found: list[str] = []
    best: tuple[int, int, Span] | None = None
    for i, shared in sentences:
        hits = tuple(h for h in matches[i] + (first if i == 0 else ()) if h not in own)
        if not hits:
            continue
        found += hits
        if best is None or (shared, len(hits)) > best[:2]:
            best = (shared, len(hits), index.doc.sentences[i])
    return Cue(
        per_1000_words=1000 * len(found) / words,
        sentence=best[2] if best else None,
        words=tuple(dict.fromkeys(found)),
    )
