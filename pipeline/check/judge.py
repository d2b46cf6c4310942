"""The model's judgment of one claim against one passage: build prompt -> call model -> parse.

Label probabilities come from the model's next-token log-probabilities when it exposes them (one
forward pass, no decoding), otherwise from a schema-checked answer. They are divided by the model's
answer on a content-free pair (contextual calibration, Zhao et al. 2021): its bias."""

from __future__ import annotations

import math

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from pipeline.llm import call_structured
from pipeline.prompts import load_prompt
from pipeline.records import StanceLabel, StanceOutput
from pipeline.settings import Settings

# The answer words of prompts/crosscheck.v1.txt, scored as continuations of "Answer:".
ANSWERS = {
    " supports": StanceLabel.supports,
    " contradicts": StanceLabel.contradicts,
    " unrelated": StanceLabel.not_mentioned,
}

# Content-free input for contextual calibration: what the model answers when there is nothing to judge.
CONTENT_FREE = "N/A"

Probabilities = dict[StanceLabel, float]


def render_crosscheck(claim: str, passage: str) -> list[BaseMessage]:
    return load_prompt("crosscheck").format_messages(claim=claim, passage=passage)


def stance_probabilities(logprobs: dict[str, float]) -> Probabilities:
    """Softmax over the answer words' log-probabilities."""
    top = max(logprobs.values())
    weights = {ANSWERS[a]: math.exp(lp - top) for a, lp in logprobs.items()}
    total = sum(weights.values())
    return {label: w / total for label, w in weights.items()}


def calibrate(probs: Probabilities, prior: Probabilities | None) -> Probabilities:
    if prior is None:
        return probs
    weights = {k: p / max(prior.get(k, 1.0), 1e-6) for k, p in probs.items()}
    total = sum(weights.values())
    return {k: w / total for k, w in weights.items()}


def judge_pair(model: BaseChatModel, claim: str, passage: str, settings: Settings) -> Probabilities:
    """Uncalibrated stance probabilities for one claim/passage pair."""
    messages = render_crosscheck(claim, passage)
    if getattr(model, "supports_grammar", False):
        reply = model.invoke(messages, choices=list(ANSWERS), stage="crosscheck")
        return stance_probabilities(reply.response_metadata["choice_logprobs"])
    answer = call_structured(model, messages, StanceOutput, attempts=settings.attempts, stage="crosscheck")
    return {label: float(label == answer.stance) for label in StanceLabel}


def calibration_probe(model: BaseChatModel, settings: Settings) -> Probabilities | None:
    """The model's bias: its probabilities on a content-free pair, or None for a model without label
    scores (its answers are not probabilities, so there is nothing to divide out)."""
    if not getattr(model, "supports_grammar", False):
        return None
    return judge_pair(model, CONTENT_FREE, CONTENT_FREE, settings)
