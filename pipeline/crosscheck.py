"""Cross-check: what every other source says about a claim, with the passage each stance rests on."""

from __future__ import annotations

import math
from typing import Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from pipeline.chat_model import PromptTooLongError
from pipeline.cues import Cue, source_cues
from pipeline.numbers import numeric_conflict
from pipeline.prompts import load_prompt
from pipeline.records import OWN_VOICE, Claim, SourceStance, Span, StanceLabel, StanceOutput
from pipeline.retrieve import Hit, SentenceIndex, coverage, term_weights, terms
from pipeline.settings import Settings
from pipeline.store import Judgments, judgment_key
from pipeline.structured import StructuredOutputError, call_structured

# The answer words of prompts/crosscheck.v1.txt, scored as continuations of "Answer:".
ANSWERS = {
    " supports": StanceLabel.supports,
    " contradicts": StanceLabel.contradicts,
    " unrelated": StanceLabel.not_mentioned,
}


_MAX_QUERY_TERMS = 15
_MIN_SHARED_FOR_NUMBERS = 3  # content words two sentences share before their counts are compared

# Content-free input for contextual calibration (Zhao et al., 2021): what the model answers when
# there is nothing to judge is its bias, divided out of every judgment.
CONTENT_FREE = "N/A"


def render_crosscheck(claim: str, passage: str) -> list[BaseMessage]:
    return load_prompt("crosscheck").format_messages(claim=claim, passage=passage)


class ModelNeeded(LookupError):
    """A judgment is not in the memo and no model was given: the caller has to run the model."""


def calibration(
    model: BaseChatModel | None, settings: Settings, memo: Judgments | None = None
) -> dict[StanceLabel, float]:
    """The model's stance probabilities on a content-free pair: its bias, divided out later."""
    return judge(model, CONTENT_FREE, CONTENT_FREE, settings, None, memo)


def calibrate(
    probs: dict[StanceLabel, float], prior: dict[StanceLabel, float] | None
) -> dict[StanceLabel, float]:
    if prior is None:
        return probs
    weights = {k: p / max(prior.get(k, 1.0), 1e-6) for k, p in probs.items()}
    total = sum(weights.values())
    return {k: w / total for k, w in weights.items()}


def stance_probabilities(logprobs: dict[str, float]) -> dict[StanceLabel, float]:
    """Softmax over the answer words' log-probabilities."""
    top = max(logprobs.values())
    weights = {ANSWERS[a]: math.exp(lp - top) for a, lp in logprobs.items()}
    total = sum(weights.values())
    return {label: w / total for label, w in weights.items()}


def judge(
    model: BaseChatModel | None,
    claim: str,
    passage: str,
    settings: Settings,
    prior: dict[StanceLabel, float] | None,
    memo: Judgments | None = None,
) -> dict[StanceLabel, float]:
    """Stance probabilities for one claim/passage pair: from label logits when the model exposes them,
    otherwise from a schema-checked answer (probability 1 for the answer given).

    With a memo, a pair judged before is not sent to the model again (the memo holds uncalibrated
    probabilities); with no model, a pair missing from it raises ModelNeeded."""
    key = judgment_key(claim, passage)
    if memo is not None and key in memo:
        return calibrate({StanceLabel(k): p for k, p in memo[key].items()}, prior)
    if model is None:
        raise ModelNeeded(key)
    messages = render_crosscheck(claim, passage)
    if getattr(model, "supports_grammar", False):
        reply = model.invoke(messages, choices=list(ANSWERS), stage="crosscheck")
        probs = stance_probabilities(reply.response_metadata["choice_logprobs"])
    else:
        answer = call_structured(
            model, messages, StanceOutput, attempts=settings.attempts, stage="crosscheck"
        )
        probs = {label: float(label == answer.stance) for label in StanceLabel}
    if memo is not None:
        memo[key] = {label.value: p for label, p in probs.items()}
    return calibrate(probs, prior)


def crosscheck_claim(
    claim: Claim,
    indexes: list[SentenceIndex],
    model: BaseChatModel | None,
    settings: Settings,
    prior: dict[StanceLabel, float] | None = None,
    memo: Judgments | None = None,
) -> list[SourceStance]:
    """One stance per other source, in the order of `indexes`; the claim's own document is skipped.

    Cheapest and most reliable first: retrieval (nothing relevant -> not mentioned), a count that
    differs (numeric), the source debunking or only hedging about it (cues), no single passage
    stating enough of the claim (not mentioned), then the model on the passages that do."""
    query = claim.claim
    n_terms = len(set(terms(query)))
    weights = term_weights(query, indexes)
    stances = []
    for index in indexes:
        if index.doc.doc_id == claim.doc_id:
            continue
        hits = index.search(query, max(settings.retrieve_k, settings.top_k))
        covered = coverage(weights, set().union(*(h.terms for h in hits)))
        if n_terms < 2 or covered < settings.min_coverage:
            stances.append(_silent(index, round(1.0 - covered, 4)))
            continue
        stance = _numeric(claim, index.doc.doc_id, hits, n_terms) or _cues(claim, index, settings)
        if stance is None:
            # Only a passage that itself states most of the claim's specific words can support it.
            judged = [h for h in hits[: settings.top_k] if coverage(weights, h.terms) >= settings.min_passage]
            if judged:
                stance = _judge_hits(claim, index.doc.doc_id, judged, model, settings, prior, memo)
            else:
                best = hits[0]
                stance = _silent(index, round(1.0 - coverage(weights, best.terms), 4), best.sentence)
        stances.append(stance)
    return stances


def _silent(index: SentenceIndex, score: float, nearest: Span | None = None) -> SourceStance:
    """Not mentioned, decided by retrieval: no relevant passage (no evidence), or the source is about
    the claim but none of its passages states it (the nearest one as evidence)."""
    return SourceStance(
        doc_id=index.doc.doc_id,
        stance=StanceLabel.not_mentioned,
        evidence=nearest,
        score=score,
        method="retrieval",
        note=None if nearest is None else "the source is about it, but no passage states it",
    )


def _cues(claim: Claim, index: SentenceIndex, settings: Settings) -> SourceStance | None:
    cues = source_cues(claim.claim, index)
    if cues.denial.sentence and cues.denial.per_1000_words >= settings.denial_per_1000:
        return _cue_stance(index, cues.denial, settings.denial_per_1000, StanceLabel.contradicts, "denial")
    # A source that only relays what the outlet states as fact does not vouch for it; a claim that
    # is itself someone's statement is checked as a report, which relaying confirms.
    in_own_voice = claim.claimer in OWN_VOICE
    if in_own_voice and cues.hedge.sentence and cues.hedge.per_1000_words >= settings.hedge_per_1000:
        return _cue_stance(index, cues.hedge, settings.hedge_per_1000, StanceLabel.not_mentioned, "hedged")
    return None


_CUE_NOTES = {"denial": "the source's text on it says", "hedged": "the source only reports it"}


def _cue_stance(
    index: SentenceIndex, cue: Cue, threshold: float, stance: StanceLabel, method: Literal["denial", "hedged"]
) -> SourceStance:
    return SourceStance(
        doc_id=index.doc.doc_id,
        stance=stance,
        evidence=cue.sentence,
        # Twice the threshold's density counts as certain.
        score=round(min(1.0, cue.per_1000_words / (2 * threshold)), 4),
        method=method,
        note=f"{_CUE_NOTES[method]}: {', '.join(cue.words)}",
    )


def _numeric(claim: Claim, doc_id: str, hits: list[Hit], n_terms: int) -> SourceStance | None:
    for hit in hits:
        if hit.overlap < _MIN_SHARED_FOR_NUMBERS:
            continue
        conflict = numeric_conflict(claim.claim, hit.sentence.text)
        if conflict is not None:
            # The score is how much of the claim the passage shares: how sure we are that both
            # count the same thing.
            share = hit.overlap / max(1, min(n_terms, _MAX_QUERY_TERMS))
            return SourceStance(
                doc_id=doc_id,
                stance=StanceLabel.contradicts,
                evidence=hit.sentence,
                score=round(min(1.0, 0.5 + share / 2), 4),
                method="numeric",
                note=f"claim says {conflict[0].text}, source says {conflict[1].text}",
            )
    return None


def _judge_hits(
    claim: Claim,
    doc_id: str,
    hits: list[Hit],
    model: BaseChatModel | None,
    settings: Settings,
    prior: dict[StanceLabel, float] | None,
    memo: Judgments | None,
) -> SourceStance:
    best: tuple[float, StanceLabel, Hit] | None = None
    strongest = 0.0
    try:
        for hit in hits:
            probs = judge(model, claim.claim, hit.sentence.text, settings, prior, memo)
            for label in (StanceLabel.supports, StanceLabel.contradicts):
                strongest = max(strongest, probs[label])
                if probs[label] >= settings.min_stance_prob and (best is None or probs[label] > best[0]):
                    best = (probs[label], label, hit)
    except (StructuredOutputError, PromptTooLongError) as err:
        return SourceStance(
            doc_id=doc_id,
            stance=StanceLabel.not_mentioned,
            evidence=None,
            score=0.0,
            method="error",
            error=str(err),
        )
    if best is None:
        # No passage takes a side with enough probability: the score is how sure that is.
        return SourceStance(
            doc_id=doc_id,
            stance=StanceLabel.not_mentioned,
            evidence=None,
            score=round(1 - strongest, 4),
            method="model",
        )
    prob, label, hit = best
    return SourceStance(
        doc_id=doc_id, stance=label, evidence=hit.sentence, score=round(prob, 4), method="model"
    )
