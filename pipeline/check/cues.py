"""Deterministic stance cues: a source that calls a claim a hoax, or only reports it as a rumour.

Measured on FNC-1 (see README): the embedded 270M model's label probabilities barely differ between
agreeing, disagreeing and discussing bodies, while the density of debunking and hedging words in the
part of the source that talks about the claim separates them. These cues decide before the model."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.check.cue_words import CHARACTERISING, DENIAL, FALSE_STORY, HEADLINE_HEDGE, HEDGE, STORY_DENIAL
from pipeline.check.retrieve import SentenceIndex
from pipeline.extract import attributed_to
from pipeline.records import Span
from pipeline.settings import Settings
from pipeline.text import DENYING, UNNAMED_PARTY, stem, terms


def debunks(claim: str) -> bool:
    """Whether the claim itself calls something false or denies it ("The Story of the 3-Boobed Lady
    Is As Fake As Her Third Boob", "NHL expansion report is 'complete fabrication'"): a source
    debunking the same story says what it says."""
    return DENIAL.search(claim) is not None


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
    story: frozenset[str] = frozenset(),
    in_article: bool = False,
    about: frozenset[int] = frozenset(),
) -> SourceCues:
    """Denial and hedge density over the sentences of the source that share a content word with
    the claim. Denials count in sentences that share `denial_min_shared` words with it, so that a
    source denying something else in passing does not deny this claim (and, for the words that
    only call a story false, in the sentences `_story_told` finds beside them or in the lead); not
    where the claim's own claimer denies ("officials in Damascus deny the US claims, stating that
    their plane was downed while striking ISIS" denies the US account, not Damascus's);
    `story_only` counts only the words that call a story itself false. A cue word the claim itself
    uses ("police arrested a hoaxer") is not the source's verdict on it. The `story` words (those
    every source of the corpus uses: "Santorum", "president") are not shared with the claim: in a
    corpus about one event every sentence holds them, and a party denying something else there
    ("Santorum told host Bob Schieffer, denying what some have said") does not deny every claim
    by them alone.
    `in_article`: the claim is a sentence of one of the corpus's articles, not a headline checked
    against a body (see `_story_told`).
    `about`: sentences the sentence encoder reads as about the claim, whatever words they share
    with it (a headline in its own words: "Third boob likely a hoax"), where a word calling the
    story false counts as it does beside the claim's words ("Is the third boob a hoax?" asks); the
    caller passes them for a source about the claim only by topic."""
    query = set(terms(claim))
    related = index.related(query)
    most = settings.max_claimer_words
    if about:
        related = sorted({**dict.fromkeys(about, 0), **dict(related)}.items())
    words = max(1, sum(index.words[i] for i, _ in related))
    party = frozenset(terms(claimer or "")) - UNNAMED_PARTY
    denial = STORY_DENIAL if story_only else DENIAL
    # Shared words in any inflection: "experts debunk spider burrowing claims" for "a spider burrowed".
    stems = {stem(t) for t in query - story}
    shared = [(i, len(stems & {stem(t) for t in index.sentence_terms(i)})) for i, _ in related]
    # A claim from another article is one fact of a story the source tells too: its debunking words
    # count against the claim where they stand with most of it ("the claim that X is false"), not
    # wherever they share a few of its words ("the misleading way he speaks about that period").
    # Figures ("five", "1965") are left out of the count: a denial rarely repeats them.
    worded = [s for s in stems if not s.isdigit()]
    least = max(settings.denial_min_shared, settings.denial_min_share * len(worded) if in_article else 0)
    denials = [
        (i, n)
        for i, n in shared
        if (n >= least or (i in about and _a_verdict(index.doc.sentences[i].text, party, in_article, most)))
        and not (party and _denied_by(party, index.doc.sentences[i].text, most))
    ]
    told = set() if story_only or not related else _story_told(claim, index, denials, party, in_article, most)
    return SourceCues(
        denial=_cue(index, denial, denials, words, claim, narrow=told),
        hedge=_cue(index, HEDGE, related, words, claim, HEADLINE_HEDGE),
    )


def _story_told(
    claim: str,
    index: SentenceIndex,
    denials: list[tuple[int, int]],
    party: frozenset[str],
    in_article: bool,
    max_words: int,
) -> set[int]:
    """The sentences calling a story false that share too few of the claim's words to count by
    themselves ("Unfortunately, I think this is a hoax", "the whole thing was a hoax") but speak of
    the claim where the source tells it: in its lead, or next to a sentence that shares the claim's
    words and is not the claimer's own denial. Elsewhere in a long article such a word may debunk
    something else ("bogus lawsuits"). Only in the source's own voice (or, for a headline checked
    against a body, an observer's): not a
    question ("Is this a hoax?"), not negated ("has not been debunked"), not a party calling or
    denying accusations ("the regime denied ... and described the massacre as fabricated": its
    account, not the source's verdict), and not a word the claim itself uses. For a claim taken
    from an article (`in_article`), one fact of a story whose quoted parties are its actors, a
    party's word ("more fake promises raising false hopes, Senator Blumenthal said") is its position
    in the story, not a verdict on the claim: only the source's own voice counts. (A headline checked
    against a body is the story itself, and "it's a hoax, police said" debunks it: FNC-1 lost 0.010
    without such sentences.)"""
    near = {j for i, _ in denials for j in (i - 1, i, i + 1)}
    counted = {i for i, _ in denials}
    own = {m.group(0).lower() for m in FALSE_STORY.finditer(claim)}
    found = index.matches(FALSE_STORY)
    told = set()
    for i, hits in enumerate(found):
        if not set(hits) - own or i in counted or i in index.doc.aside or not (i < _LEAD or i in near):
            continue
        if _a_verdict(index.doc.sentences[i].text, party, in_article, max_words):
            told.add(i)
    return told


def _a_verdict(text: str, party: frozenset[str], in_article: bool, max_words: int) -> bool:
    """Whether a sentence's words calling a story false are a verdict on it (see `_story_told`):
    not asked, not negated, not a party calling or denying accusations, not the claimer's own
    denial, and in an article's claim only in the source's own voice."""
    rest = FALSE_STORY.sub(" ", text)
    asked = text.rstrip(" \"'\u201d\u2019").endswith("?")
    if asked or DENYING.search(rest) or CHARACTERISING.search(rest):
        return False
    if party and _denied_by(party, text, max_words):
        return False
    return not (in_article and attributed_to(text, max_words) is not None)


# The sentences of a source that open its story (headline and lead).
_LEAD = 3
# Where the words naming whoever denies begin: after the last comma, colon or semicolon.
_CLAUSE_START = re.compile(r"[,;:]")
_DENIER_WORDS = 4
_RETRACTING = re.compile(r"retract", re.IGNORECASE)


def _denied_by(party: frozenset[str], sentence: str, max_words: int) -> bool:
    """The party is the subject of the sentence's first debunking word: named among the few words
    just before it, in its clause ("Syrian officials in Damascus deny the US claims"), and the
    word is not passive ("was denied by the Pentagon"). A party retracting is retracting its own."""
    found = DENIAL.search(sentence)
    if (
        found is None
        or _RETRACTING.match(found.group(0))
        or sentence[found.end() :].lstrip().startswith("by ")
    ):
        return False
    before = _CLAUSE_START.split(sentence[: found.start()])[-1]
    if not before.strip() and found.group(0).lower().endswith("ing"):
        # A participle opening its clause is its sentence's speaker's: "..., Santorum told host Bob
        # Schieffer, denying what some have said".
        clause = _CLAUSE_START.split(sentence[: found.start()].rstrip(" ,"))[-1]
        speaker = attributed_to(clause.strip(" \"'\u201c\u201d\u2019"), max_words)
        return speaker is not None and bool(party & frozenset(terms(speaker)))
    return bool(party & frozenset(terms(before)[-_DENIER_WORDS:]))


def _cue(
    index: SentenceIndex,
    pattern: re.Pattern[str],
    sentences: list[tuple[int, int]],
    words: int,
    claim: str,
    headline: re.Pattern[str] | None = None,
    narrow: set[int] | None = None,
) -> Cue:
    """`headline`: more cue words, looked for in the source's first line only; `narrow`: more
    sentences, in which only the words calling a story false count (their words join the density's
    denominator: they share none of the claim's)."""
    matches = index.matches(pattern)
    if narrow:
        story = index.matches(FALSE_STORY)
        matches = [story[i] if i in narrow else m for i, m in enumerate(matches)]
        sentences = [*sentences, *((i, 0) for i in sorted(narrow))]
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
