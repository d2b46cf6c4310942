"""Stances decided by rules, without the model: a count that differs (figures), another party's
version a source sets against the claim (competing accounts), and the source's debunking or
hedging words (cues). Each returns a stance for one source, or None when its rule does not apply."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pipeline.check.accounts import Account, Accounts
from pipeline.check.clauses import Part
from pipeline.check.cues import Cue, debunks, source_cues
from pipeline.check.numbers import Quantity, fewer_than_its_part, numeric_conflict, quantities
from pipeline.check.numerals import numerals, satisfies
from pipeline.check.retrieve import Hit, SentenceIndex, coverage, term_weights
from pipeline.records import OWN_VOICE, Claim, Figures, SourceStance, StanceLabel
from pipeline.settings import Settings
from pipeline.text import terms


def accounts_stance(
    claim: Claim,
    index: SentenceIndex,
    indexes: list[SentenceIndex],
    weights: dict[str, float],
    settings: Settings,
    parts: Sequence[Part] = (),
) -> SourceStance | None:
    """The source sets two parties' versions against each other and the claim states one of them:
    the other party contests it there (a competing account, whoever else repeats the claim). The
    claim must state most of that version, not only share the story's words with it: "US warplanes
    shot down a Syrian jet" states neither "the jet dropped bombs near US-backed forces" nor "it was
    on a mission against ISIS". And the version must state enough of the claim, or of one of its
    clauses (`parts`) where it joins several facts: "Tensions escalated as the US brought down the
    jet for bombing near US-allied forces, and Iran launched missiles" states Washington's version
    in its second clause."""
    from pipeline.embeddings import word_matcher

    matcher = word_matcher(settings.min_word_similarity)
    readings = [(weights, frozenset(terms(claim.claim)))] + [
        (p.weights, frozenset(terms(p.text))) for p in parts
    ]
    best: tuple[float, Accounts, Account] | None = None
    for accounts in index.accounts(settings.max_claimer_words):
        for mine, other in ((accounts.first, accounts.second), (accounts.second, accounts.first)):
            words = frozenset(terms(mine.text)) - frozenset(terms(mine.party))
            if not words:
                continue
            version = term_weights(" ".join(sorted(words)), indexes)
            for wanted, said in readings:
                stated = coverage(wanted, matcher.credits(wanted, words & wanted.keys(), words))
                told = coverage(version, matcher.credits(version, said & version.keys(), said))
                if (
                    stated >= settings.min_passage
                    and told >= settings.min_account
                    and (best is None or told > best[0])
                ):
                    best = (told, accounts, other)
    if best is None:
        return None
    told, accounts, other = best
    theirs = f": {' '.join(other.text.split())}" if other.text else " (a denial)"
    return SourceStance(
        doc_id=index.doc.doc_id,
        stance=StanceLabel.contradicts,
        evidence=accounts.sentence,
        score=round(told, 4),
        method="accounts",
        note=f"{_possessive(other.party)} account differs{theirs}",
        claimer=other.party,
    )


def _possessive(party: str) -> str:
    """ "the Syrian army's", "analysts'"."""
    return f"{party}'" if party.endswith("s") else f"{party}'s"


def cue_stance(
    claim: Claim,
    index: SentenceIndex,
    settings: Settings,
    story_only: bool = False,
    story: frozenset[str] = frozenset(),
    in_article: bool = False,
    about: frozenset[int] = frozenset(),
) -> SourceStance | None:
    """The source debunks the claim, or only hedges about it in the outlet's voice; None when its
    words do neither. `story_only` (a source about the claim only by topic): only words calling the
    story itself false count ("is a hoax"), and hedging is not looked for. `story`, `in_article`,
    `about`: see `source_cues`."""
    claimer = None if claim.claimer in OWN_VOICE else claim.claimer
    cues = source_cues(claim.claim, index, settings, claimer, story_only, story, in_article, about)
    if cues.denial.sentence and cues.denial.per_1000_words >= settings.denial_per_1000:
        # A claim that itself calls the story false agrees with a source that does.
        agrees = debunks(claim.claim)
        label = StanceLabel.supports if agrees else StanceLabel.contradicts
        return _cue_stance(index, cues.denial, settings, label, "denial")
    if story_only:
        return None
    # A source that only relays what the outlet states as fact does not vouch for it; a claim that
    # is itself someone's statement is checked as a report, which relaying confirms.
    in_own_voice = claim.claimer in OWN_VOICE
    if in_own_voice and cues.hedge.sentence and cues.hedge.per_1000_words >= settings.hedge_per_1000:
        return _cue_stance(index, cues.hedge, settings, StanceLabel.not_mentioned, "hedged")
    return None


_CUE_NOTES = {"denial": "the source's text on it says", "hedged": "the source only reports it"}


def _cue_stance(
    index: SentenceIndex,
    cue: Cue,
    settings: Settings,
    stance: StanceLabel,
    method: Literal["denial", "hedged"],
) -> SourceStance:
    threshold = settings.denial_per_1000 if method == "denial" else settings.hedge_per_1000
    return SourceStance(
        doc_id=index.doc.doc_id,
        stance=stance,
        evidence=cue.sentence,
        score=round(min(1.0, cue.per_1000_words / (settings.cue_certain * threshold)), 4),
        method=method,
        note=f"{_CUE_NOTES[method]}: {', '.join(cue.words)}"
        + (", as the claim does" if stance is StanceLabel.supports else ""),
    )


def numeric_stance(
    claim: Claim, doc_id: str, hits: list[Hit], n_terms: int, settings: Settings, strict: bool = False
) -> SourceStance | None:
    """A passage giving another figure for a count of the claim (`numeric_conflict`; `strict` for a
    source that shares too little of the claim to be about it otherwise)."""
    for hit in hits:
        if hit.overlap < settings.min_shared_for_numbers:
            continue
        conflict = numeric_conflict(claim.claim, hit.sentence.text, settings, strict=strict)
        if conflict is not None:
            # The score is how much of the claim the passage shares: how sure we are that both
            # count the same thing.
            share = hit.overlap / max(1, min(n_terms, settings.max_query_terms))
            figures = Figures(claim_says=conflict[0].text, source_says=conflict[1].text)
            return SourceStance(
                doc_id=doc_id,
                stance=StanceLabel.contradicts,
                evidence=hit.sentence,
                score=round(min(1.0, 0.5 + share / 2), 4),
                method="numeric",
                note=figures.note(),
                figures=figures,
            )
    return None


def figure_only_stance(
    claim: Claim, doc_id: str, hits: list[Hit], n_terms: int, settings: Settings
) -> SourceStance | None:
    """A source that gives another toll for the claim's incident in a sentence sharing little else
    with a long claim ("At least 86 people were killed early on Tuesday in Khan Sheikhoun and dozens
    more were treated for convulsions" against "some 80 people were killed and 200 injured in a
    chemical attack"): the count must be of the same thing with the same fate."""
    return numeric_stance(claim, doc_id, hits, n_terms, settings, strict=True) if n_terms >= 2 else None


def unstated_figure(claim: str, passage: str, settings: Settings) -> tuple[Quantity, Quantity] | None:
    """A count of the claim that the passage gives only other figures for, of the same thing and
    fate: whether or not the two can be compared as a conflict ("three people had died since being
    brought from Syria" is some of the victims, not the toll), a passage that never gives the
    claim's figure (or a figure its bound allows: "415 ppm" for "just over 400 ppm") does not state
    the claim, however close its meaning ("at least 12" does not state "18" nor "at least 18")."""
    theirs = quantities(passage, settings.unit_words)
    # The claim's figure anywhere in the passage, whatever it is read to count ("5 of the 200").
    given = {n.value for n in numerals(passage)}
    for mine in quantities(claim, settings.unit_words):
        if mine.value in given:
            continue
        same = [
            q for q in theirs if _other_figure(mine, q) and not (mine.fate and q.fate and mine.fate != q.fate)
        ]
        if same and not any(satisfies(q.text, mine.text) for q in same):
            return mine, same[0]
    return None


def _other_figure(mine: Quantity, theirs: Quantity) -> bool:
    """Another figure for the same count, or a whole below its part (three people against 27
    children); a whole above its part ("12 people" for "including 5 children") may hold both."""
    return (
        mine.counts == theirs.counts or fewer_than_its_part(mine, theirs) or fewer_than_its_part(theirs, mine)
    )
