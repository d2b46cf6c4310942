"""A scripted chat model with the real interface: queued replies, recorded prompts, loud surprises."""

from __future__ import annotations

import hashlib
import json
from collections import deque
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import PrivateAttr

from pipeline.llm import render_raw


class UnexpectedCall(AssertionError):
    pass


class ScriptedChatModel(BaseChatModel):
    """Replies are queued per kind: `enqueue_json` for grammar calls, `enqueue_choice` for label scoring.

    A reply may also be a callable taking the prompt text, for tests that answer by content.
    Every call records (kind, prompt text, kwargs) in `history`."""

    supports_grammar: bool = True
    _json: deque[Any] = PrivateAttr(default_factory=deque)
    _choices: deque[Any] = PrivateAttr(default_factory=deque)
    _history: list[tuple[str, str, dict[str, Any]]] = PrivateAttr(default_factory=list)
    _json_default: Any = PrivateAttr(default=None)
    _choice_default: Any = PrivateAttr(default=None)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    @property
    def history(self) -> list[tuple[str, str, dict[str, Any]]]:
        return self._history

    def enqueue_json(self, *replies: Any) -> ScriptedChatModel:
        self._json.extend(replies)
        return self

    def enqueue_choice(self, *replies: Any) -> ScriptedChatModel:
        self._choices.extend(replies)
        return self

    def always(self, json_reply: Any = None, choice_reply: Any = None) -> ScriptedChatModel:
        """Answer every call of a kind the same way once its queue is empty."""
        self._json_default, self._choice_default = json_reply, choice_reply
        return self

    def _next(self, queue: deque[Any], default: Any, kind: str, prompt: str) -> Any:
        if queue:
            reply = queue.popleft()
        elif default is not None:
            reply = default
        else:
            raise UnexpectedCall(f"no scripted {kind} reply for prompt ending: {prompt[-200:]!r}")
        return reply(prompt) if callable(reply) else reply

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        prompt = render_raw(messages)
        if kwargs.get("choices"):
            self._history.append(("choice", prompt, kwargs))
            reply = self._next(self._choices, self._choice_default, "choice", prompt)
            if isinstance(reply, str):  # a label: make it clearly the most likely
                scores = {c: (0.0 if c.strip() == reply else -5.0) for c in kwargs["choices"]}
            else:
                scores = dict(reply)
            unknown = set(scores) - set(kwargs["choices"])
            if unknown:
                raise UnexpectedCall(f"scores for unknown choices {unknown}")
            best = max(scores, key=lambda c: scores[c])
            message = AIMessage(content=best, response_metadata={"choice_logprobs": scores})
        else:
            self._history.append(("json" if "json_schema" in kwargs else "text", prompt, kwargs))
            reply = self._next(self._json, self._json_default, "json", prompt)
            finish = "stop"
            if isinstance(reply, tuple):
                reply, finish = reply
            text = reply if isinstance(reply, str) else json.dumps(reply)
            message = AIMessage(content=text, response_metadata={"finish_reason": finish})
        return ChatResult(generations=[ChatGeneration(message=message)])


def restate(prompt: str) -> dict[str, str]:
    """An extraction reply that restates the prompt's sentence as the claim."""
    sentence = prompt.rsplit("Sentence: ", 1)[1].strip()
    return {"claimer": "the outlet", "claim": sentence}


def hashed_judge(prompt: str) -> dict[str, float]:
    """Label scores that depend only on the prompt: varied verdicts, identical on every run."""
    if prompt.endswith("Claim: N/A\nPassage: N/A\nAnswer:"):  # the calibration probe: no bias
        return {" supports": -1.0, " contradicts": -1.0, " unrelated": -1.0}
    pick = hashlib.sha256(prompt.encode()).digest()[0] % 3
    labels = (" supports", " contradicts", " unrelated")
    return {label: (0.0 if i == pick else -4.0) for i, label in enumerate(labels)}


def rule_model() -> ScriptedChatModel:
    """A scripted model that answers every prompt by rule, for whole runs in other processes."""
    return ScriptedChatModel().always(json_reply=restate, choice_reply=hashed_judge)
