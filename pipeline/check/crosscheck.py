"""Cross-check: what every other source says about a claim, with the passage each stance rests on.

Two steps, so that the model is only ever asked what nothing cheaper decides:
- `screen` (deterministic, no LLM): per other source, cheapest and most reliable first: for a claim
  placing its story's event, a sentence about that event naming the place (`place.py`); retrieval
  (nothing relevant -> not mentioned; about the claim only by topic -> not mentioned, unless the
  source calls the story a hoax), then the rules of `rules.py`: a count that differs
  (numeric), another party's version set against the claim (accounts), the source debunking or only
  hedging about it (cues); then the passages that state the claim, by its words and by the
  sentence encoder's reading of their meaning (none: not mentioned). By default such a passage
  decides (supports, or contradicts when one side negates it; a question asserts nothing); with
  `stance_judge="model"` the passages are left for the LLM to judge.
- `settle` (`settle.py`) turns the model's judgments of those passages (a memo, filled by
  `judge_missing` or by an earlier run) into scored stances."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.check.clauses import claim_parts, stating_parts
from pipeline.check.meaning import intended_only, stance_by_meaning
from pipeline.check.place import event_vectors, place_stance, placing
from pipeline.check.retrieve import (
    SentenceIndex,
    best_credits,
    coverage,
    meaning_vectors,
    nearest_sentences,
    story_words,
    term_weights,
)
from pipeline.check.rules import (
    accounts_stance,
    cue_stance,
    figure_only_stance,
    numeric_stance,
    unstated_figure,
)
from pipeline.records import Claim, SourceStance, Span, StanceLabel
from pipeline.settings import Settings
from pipeline.text import plain, terms


@dataclass(frozen=True)
class ToJudge:
    """A source about the claim whose passages only the model can judge."""

    doc_id: str
    passages: tuple[Span, ...]


@dataclass(frozen=True)
class Screening:
    """A claim with, per other source, its stance or the passages the model has to judge;
    `in_article`: the claim is a sentence of one of the corpus's articles, checked against the
    others (not a dataset's claim against the one text chosen for it)."""

    claim: Claim
    sources: tuple[SourceStance | ToJudge, ...]
    in_article: bool = False

    def pairs(self) -> list[tuple[str, str]]:
        """The (claim, passage) texts the model has to judge, in order, each once."""
        found = [
            (self.claim.claim, p.text) for s in self.sources if isinstance(s, ToJudge) for p in s.passages
        ]
        return list(dict.fromkeys(found))


def screen(claim: Claim, indexes: list[SentenceIndex], settings: Settings) -> Screening:
    """Every stance that needs no model, in the order of `indexes`; the claim's own document is skipped.

    A source is about the claim when its best passages share enough of the claim's specific words,
    one of its sentences shares its topic (WordLlama; for a claim not from the event's articles, also
    by the sentence encoder) or says it in other words (sentence encoder);
    a passage states the claim when it holds enough of the claim's words and is close in meaning,
    or is as close in meaning as restatements are."""
    from pipeline.embeddings import embedder, word_matcher

    query = plain(claim.claim)
    n_terms = len(set(terms(query)))
    weights = term_weights(query, indexes)
    vector = embedder().embed([query])[0]
    meaning = meaning_vectors([query])[0]
    matcher = word_matcher(settings.min_word_similarity)
    parts = claim_parts(query, indexes)
    story = story_words(query, indexes, claim.doc_id)
    place = placing(claim.claim)
    home = next((i for i in indexes if i.doc.doc_id == claim.doc_id), None)
    in_article = home is not None  # a sentence of an article, not a headline against a body
    event = event_vectors(home) if place and home else None
    sources: list[SourceStance | ToJudge] = []
    for index in indexes:
        if index.doc.doc_id == claim.doc_id:
            continue
        if place and event is not None and (placed := place_stance(place, event, index, settings)):
            # A claim placing its story's event: a source names the place in a sentence about it.
            sources.append(placed)
            continue
        hits = index.search(query, max(settings.retrieve_k, settings.top_k))
        cosines = index.similarities(vector)
        nearest = int(cosines.argmax()) if len(cosines) else -1
        similar = float(cosines[nearest]) if nearest >= 0 else 0.0
        # What each passage states of the claim, in its own words or in others of the same meaning.
        credits = [matcher.credits(weights, h.terms, index.sentence_terms(h.number)) for h in hits]
        covered = coverage(weights, best_credits(credits))
        # The sentence encoder reads the best passages by words and the sentences nearest by topic.
        candidates = [
            i
            for i in dict.fromkeys(
                [h.number for h in hits] + nearest_sentences(cosines, settings.meaning_candidates)
            )
            if i not in index.doc.aside  # a sentence written to a model is never evidence
        ]
        meanings = dict(zip(candidates, index.meanings(meaning, candidates).tolist(), strict=True))
        restated = [i for i in candidates if meanings[i] >= settings.min_meaning]
        # A headline in its own words ("Third boob likely a hoax" on "A Florida woman got a third
        # breast") shares too few words and too little of the static vectors' topic to be found: the
        # sentences the encoder reads as about the claim. Not among one event's articles: the
        # grouping found them about one story, and there the encoder reads most sentences this close
        # to most claims.
        about = frozenset(
            () if in_article else (i for i in candidates if meanings[i] >= settings.min_topic_meaning)
        )
        # A claim joining several facts: the passages that state one of them.
        partly = stating_parts(parts, index, candidates, matcher, settings)
        if n_terms < 2 or (
            covered < settings.min_coverage
            and similar < settings.min_similarity
            and not about
            and not restated
            and not partly
        ):
            sources.append(
                figure_only_stance(claim, index.doc.doc_id, hits, n_terms, settings)
                or _silent(index.doc.doc_id, round(1.0 - max(covered, similar), 4))
            )
            continue
        if covered < settings.min_coverage and not restated and not partly:
            # About the claim by topic only: a source calling its story a hoax contradicts it ("Story
            # of gutsy bravehearts who fought off Boko Haram is a hoax" shares too few words to state
            # the claim); otherwise say so, with the closest sentence as evidence, but take no side
            # (within one story nearly every source is this close to every claim).
            if similar < settings.min_similarity:
                # Found by the sentence encoder: its closest sentence is the evidence. The score stays
                # the static vectors' distance, on which the shipped confidence maps were fitted
                # (the encoder's moved calibration error: Emergent 0.088 -> 0.083, Climate-FEVER
                # 0.062 -> 0.075).
                nearest = max(candidates, key=lambda i: meanings[i])
            # Against a headline or a body, the sentences the encoder reads as about the claim are
            # where a word calling the story false is aimed at it.
            sources.append(
                figure_only_stance(claim, index.doc.doc_id, hits, n_terms, settings)
                or cue_stance(
                    claim, index, settings, story_only=True, story=story, in_article=in_article, about=about
                )
                or _silent(index.doc.doc_id, round(1.0 - similar, 4), index.doc.sentences[nearest])
            )
            continue
        stance = (
            numeric_stance(claim, index.doc.doc_id, hits, n_terms, settings)
            or accounts_stance(claim, index, indexes, weights, settings, parts)
            or cue_stance(claim, index, settings, story=story, in_article=in_article)
        )
        if stance is None:
            holding = [
                h.number
                for h, found in zip(hits[: settings.top_k], credits, strict=False)
                if coverage(weights, found) >= settings.min_passage
            ]
            # A passage states the claim when it holds most of the claim's words and is close to it
            # in meaning, or says it in other words, as close in meaning as restatements are.
            worded = [i for i in holding if meanings[i] >= settings.min_meaning_worded]
            stating = sorted(
                (
                    i
                    for i in dict.fromkeys(worded + restated)
                    if not intended_only(query, index.doc.sentences[i].text)
                ),
                key=lambda i: -meanings[i],
            )[: settings.top_k]
            if stating and settings.stance_judge == "model":
                sources.append(ToJudge(index.doc.doc_id, tuple(index.doc.sentences[i] for i in stating)))
                continue
            if stating:
                passage = index.doc.sentences[stating[0]]
                stance = stance_by_meaning(claim, index.doc.doc_id, passage, meanings[stating[0]], story)
            elif partly := [p for p in partly if not intended_only(p[2], index.doc.sentences[p[1]].text)]:
                cosine, number, part = partly[0]
                # What the passage does with that part, read against the part alone ("X, but Y did
                # not" must not read as negated where the passage states X).
                stance = stance_by_meaning(
                    claim.model_copy(update={"claim": part}),
                    index.doc.doc_id,
                    index.doc.sentences[number],
                    cosine,
                    story,
                )
                note = stance.note or f"the source states this part of it: {part}"
                stance = stance.model_copy(update={"part": part, "note": note})
            elif said := _stated_in_stretch(
                claim,
                index,
                [i for i in holding if not intended_only(query, index.doc.sentences[i].text)],
                frozenset(weights),
                meaning,
                meanings,
                settings,
                story,
            ):
                stance = said
            else:
                # The sentence closest in meaning is the evidence; the score is how much of the claim
                # it lacks, as for the other retrieval stances.
                best = max(candidates, key=lambda i: meanings[i]) if candidates else nearest
                own = frozenset(terms(index.doc.sentences[best].text)) & weights.keys()
                stated = coverage(weights, matcher.credits(weights, own, index.sentence_terms(best)))
                stance = _silent(index.doc.doc_id, round(1.0 - stated, 4), index.doc.sentences[best])
        if stance.stance is StanceLabel.supports and stance.evidence is not None:
            stance = _figures_unstated(stance, stance.part or claim.claim, stance.evidence, settings)
        sources.append(stance)
    return Screening(claim, tuple(sources), in_article)


def _stated_in_stretch(
    claim: Claim,
    index: SentenceIndex,
    numbers: list[int],
    words: frozenset[str],
    meaning: np.ndarray,
    whole: dict[int, float],
    settings: Settings,
    story: frozenset[str],
) -> SourceStance | None:
    """A passage (of `numbers`, those holding enough of the claim's words) whose stretch holding
    them says the claim, as close in meaning as restatements are, where the whole sentence says
    more ("President Obama said Wednesday in a speech pushing his jobs bill" around "not putting
    people back to work"). `words`: the claim's weighed words; `meaning`: its vectors; `whole`:
    each sentence's cosine as a whole, which scores the stance (the stretch is the weaker reading).
    Only support is read this way: the stretch leaves out who and what the rest of the sentence is
    about, so a negation there ("God wants to see us help ourselves by putting people back to
    work" against "That's not putting people back to work") is no evidence of a contradiction."""
    # Half the claim's words at least: a stretch shorter than that cannot say all of it.
    spans = index.stretches(numbers, words, (len(claim.claim.split()) + 1) // 2)
    if not spans:
        return None
    cosines = np.einsum("nkd,kd->nk", meaning_vectors(list(spans.values())), meaning).max(axis=1)
    for cosine, number in sorted(zip(cosines.tolist(), spans, strict=True), key=lambda c: (-c[0], c[1])):
        if cosine < settings.min_meaning:
            break
        passage = index.doc.sentences[number]
        stance = stance_by_meaning(claim, index.doc.doc_id, passage, whole[number], story)
        if stance.stance is StanceLabel.supports:
            return stance.model_copy(
                update={"note": f"the source states it within the sentence: {spans[number]}"}
            )
    return None


def _figures_unstated(stance: SourceStance, said: str, passage: Span, settings: Settings) -> SourceStance:
    """A passage read as stating the claim that gives other figures for its counts states something
    else: not mentioned, with that passage as evidence."""
    figures = unstated_figure(said, passage.text, settings)
    if figures is None:
        return stance
    mine, theirs = figures
    return _silent(stance.doc_id, stance.score, passage).model_copy(
        update={
            "note": f"the source gives another figure: claim says {mine.text}, source says {theirs.text}",
            "part": stance.part,
        }
    )


def _silent(doc_id: str, score: float, nearest: Span | None = None) -> SourceStance:
    """Not mentioned, decided by retrieval: no relevant passage (no evidence), or the source is about
    the claim but none of its passages states it (the nearest one as evidence)."""
    return SourceStance(
        doc_id=doc_id,
        stance=StanceLabel.not_mentioned,
        evidence=nearest,
        score=score,
        method="retrieval",
        note=None if nearest is None else "the source is about it, but no passage states it",
    )
