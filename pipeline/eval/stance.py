"""The real cross-check stage on labelled claim/evidence pairs, exactly as the pipeline runs it."""

from __future__ import annotations

import time
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel

from pipeline.check import ConfidenceMap, Probabilities, SentenceIndex, crosscheck_claim
from pipeline.eval.datasets import Pair
from pipeline.extract import claim_id
from pipeline.ingest import make_document
from pipeline.records import Claim
from pipeline.settings import Settings


@dataclass
class Prediction:
    stance: str
    method: str
    related: bool = True  # the source is about the claim (FNC-1: anything but unrelated)
    score: float = 1.0  # the probability the pipeline gives its stance


def quoted_claim(text: str) -> Claim:
    """A dataset's claim as the pipeline's own claim in the outlet's voice."""
    quote_doc = make_document(text, "claim")
    return Claim(
        claim_id=claim_id(quote_doc.doc_id, text),
        claim=text,
        claimer="the outlet",
        # Not the text's hash: a claim worded exactly like its headline must still be checked against it.
        doc_id=f"claim:{quote_doc.doc_id}",
        quote=quote_doc.sentences[0],
        rewrite="quote",
    )


def predict(
    pair: Pair,
    index: SentenceIndex,
    model: BaseChatModel,
    settings: Settings,
    prior: Probabilities | None,
    confidence: ConfidenceMap | None = None,
) -> Prediction:
    """The cross-check stage exactly as the pipeline runs it, for one claim against one source."""
    claim = quoted_claim(pair.claim)
    (stance,) = crosscheck_claim(claim, [index], model, settings, prior, confidence)
    related = stance.method != "retrieval" or stance.evidence is not None
    return Prediction(stance=stance.stance.value, method=stance.method, related=related, score=stance.score)


def run_eval(
    dataset: str,
    pairs: list[Pair],
    model: BaseChatModel,
    settings: Settings,
    prior: Probabilities | None,
    confidence: ConfidenceMap | None = None,
) -> tuple[list[Prediction], float]:
    """Predictions for every pair and the seconds they took (scores mapped by `confidence`, by
    default the shipped maps)."""
    indexes: dict[str, SentenceIndex] = {}
    predictions = []
    started = time.perf_counter()
    for pair in pairs:
        if pair.key not in indexes:
            indexes[pair.key] = SentenceIndex(make_document(pair.evidence, f"{dataset}:{pair.key}"), settings)
        predictions.append(predict(pair, indexes[pair.key], model, settings, prior, confidence))
    return predictions, time.perf_counter() - started
