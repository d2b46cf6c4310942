"""Settle a screened claim: the model's judgments of the passages only it can judge (a memo, filled
by `judge_missing` or by an earlier run) become stances, and every stance gets its score from the
confidence maps. `unjudged` says which judgments a claim still lacks."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from pipeline.check.confidence import ConfidenceMap, confidence_map
from pipeline.check.crosscheck import Screening, ToJudge, screen
from pipeline.check.judge import Probabilities, calibrate, judge_pair
from pipeline.check.retrieve import SentenceIndex
from pipeline.errors import PromptTooLongError, StructuredOutputError
from pipeline.records import Claim, SourceStance, Span, StanceLabel
from pipeline.settings import Settings
from pipeline.store import Judgments, judgment_key


def unjudged(screening: Screening, memo: Judgments) -> list[tuple[str, str]]:
    """The pairs of the screening that the memo holds no judgment for."""
    return [pair for pair in screening.pairs() if judgment_key(*pair) not in memo]


def judge_missing(
    screening: Screening, model: BaseChatModel, settings: Settings, memo: Judgments
) -> tuple[Judgments, dict[str, str]]:
    """The memo with a judgment for every pair it lacked, and why the model failed on any (by key)."""
    memo = dict(memo)
    failures: dict[str, str] = {}
    for claim, passage in unjudged(screening, memo):
        key = judgment_key(claim, passage)
        try:
            probs = judge_pair(model, claim, passage, settings)
        except (StructuredOutputError, PromptTooLongError) as err:
            failures[key] = str(err)
            continue
        memo[key] = {label.value: p for label, p in probs.items()}
    return memo, failures


def settle(
    screening: Screening,
    memo: Judgments,
    prior: Probabilities | None,
    settings: Settings,
    failures: dict[str, str] | None = None,
    confidence: ConfidenceMap | None = None,
) -> list[SourceStance]:
    """One stance per other source, from the screening and the model's judgments in the memo, each
    scored by how often such a stance was right on dev data (`confidence`: the shipped maps; a
    silence about a claim of the corpus's own articles, by how often it was right there)."""
    scores = confidence_map() if confidence is None else confidence
    return [
        scores.apply(
            s
            if isinstance(s, SourceStance)
            else _judged(screening.claim, s, memo, prior, settings, failures or {}),
            in_corpus=screening.in_article,
        )
        for s in screening.sources
    ]


def crosscheck_claim(
    claim: Claim,
    indexes: list[SentenceIndex],
    model: BaseChatModel,
    settings: Settings,
    prior: Probabilities | None = None,
    confidence: ConfidenceMap | None = None,
) -> list[SourceStance]:
    """Screen, judge and settle one claim in one go (evaluation and tests; the flow splits the steps)."""
    screening = screen(claim, indexes, settings)
    memo, failures = judge_missing(screening, model, settings, {})
    return settle(screening, memo, prior, settings, failures, confidence)


def _judged(
    claim: Claim,
    source: ToJudge,
    memo: Judgments,
    prior: Probabilities | None,
    settings: Settings,
    failures: dict[str, str],
) -> SourceStance:
    best: tuple[float, StanceLabel, Span] | None = None
    strongest = 0.0
    for passage in source.passages:
        key = judgment_key(claim.claim, passage.text)
        if key in failures:
            return SourceStance(
                doc_id=source.doc_id,
                stance=StanceLabel.not_mentioned,
                evidence=None,
                score=0.0,
                method="error",
                error=failures[key],
            )
        probs = calibrate({StanceLabel(k): p for k, p in memo[key].items()}, prior)
        for label in (StanceLabel.supports, StanceLabel.contradicts):
            strongest = max(strongest, probs[label])
            if probs[label] >= settings.min_stance_prob and (best is None or probs[label] > best[0]):
                best = (probs[label], label, passage)
    if best is None:
        # No passage takes a side with enough probability: the score is how sure that is.
        return SourceStance(
            doc_id=source.doc_id,
            stance=StanceLabel.not_mentioned,
            evidence=None,
            score=round(1 - strongest, 4),
            method="model",
        )
    prob, label, passage = best
    return SourceStance(
        doc_id=source.doc_id, stance=label, evidence=passage, score=round(prob, 4), method="model"
    )
