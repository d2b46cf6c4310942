"""A langchain-core chat model around a passed-in llama.cpp `Llama`, with grammar-constrained output
and label scoring from the model's logits."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

import numpy as np
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import RunnableConfig
from pydantic import ConfigDict, Field, PrivateAttr

from pipeline.errors import PromptTooLongError
from pipeline.llm.encoding import PromptEncoder
from pipeline.llm.grammar_decode import decode_with_grammar
from pipeline.llm.internals import cached_tokens, last_logits
from pipeline.llm.parallel_decode import ParallelDecoder, ParallelStats, Prompt
from pipeline.llm.stats import ModelStats


class LlamaChatModel(BaseChatModel):
    """Chat model over one `Llama`. Extra invoke() keywords:

    - ``json_schema=dict``: decode under a GBNF grammar built from the schema;
    - ``choices=list[str]``: no decoding; score each choice as a continuation of the prompt and
      return the most likely one, with all log-probabilities in ``response_metadata["choice_logprobs"]``.

    ``batch(..., json_schema=dict)`` decodes all its prompts together, one llama.cpp sequence each
    (`parallel` at a time), several times faster than one after another on a CPU.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    llm: Any = Field(exclude=True)
    model_name: str = "local-gguf"
    prompt_style: Literal["raw", "chat"] = Field(
        default="raw",
        description="raw: messages joined as one completion prompt (base models); "
        "chat: the GGUF's own chat template (instruct models).",
    )
    max_tokens: int = 512
    parallel: int = Field(default=16, description="Sequences decoded together by batch(); 1 = one by one.")

    supports_grammar: bool = True
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _decoder: ParallelDecoder | None = PrivateAttr(default=None)
    _grammars: dict[str, Any] = PrivateAttr(default_factory=dict)
    _encoder: PromptEncoder | None = PrivateAttr(default=None)
    stats: ModelStats = Field(default_factory=ModelStats, exclude=True)

    @property
    def _llm_type(self) -> str:
        return "llama-cpp-local"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_name": self.model_name, "prompt_style": self.prompt_style}

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        stage = str(kwargs.get("stage", "other"))
        # One context must never be used by two threads at once: llama.cpp aborts the process.
        with self._lock:
            started = time.perf_counter()
            try:
                if kwargs.get("choices"):
                    message = self._choose(messages, list(kwargs["choices"]))
                else:
                    message = self._complete(
                        messages,
                        stop,
                        kwargs.get("json_schema"),
                        int(kwargs.get("max_tokens", self.max_tokens)),
                    )
            finally:
                self.stats.busy_seconds += time.perf_counter() - started
                self.stats.calls[stage] = self.stats.calls.get(stage, 0) + 1
        return ChatResult(generations=[ChatGeneration(message=message)])

    def batch(
        self,
        inputs: list[Any],
        config: RunnableConfig | list[RunnableConfig] | None = None,
        *,
        return_exceptions: bool = False,
        **kwargs: Any,
    ) -> list[Any]:
        schema = kwargs.get("json_schema")
        if schema is None or self.parallel < 2 or not inputs:
            return super().batch(inputs, config, return_exceptions=return_exceptions, **kwargs)
        max_tokens = int(kwargs.get("max_tokens", self.max_tokens))
        stage = str(kwargs.get("stage", "other"))
        outputs: list[Any] = [None] * len(inputs)
        prompts: list[Prompt] = []
        where: list[int] = []
        # One context must never be used by two threads at once; the chat template is shared state too.
        with self._lock:
            for i, item in enumerate(inputs):
                tokens, cuts = self.segments(self._convert_input(item).to_messages())
                try:
                    self._check_fits(tokens, max_tokens)
                except PromptTooLongError as err:
                    if not return_exceptions:
                        raise
                    outputs[i] = err
                    continue
                prompts.append(Prompt(tokens, cuts))
                where.append(i)
            started = time.perf_counter()
            counts = ParallelStats()
            try:
                decoded = self._parallel_decoder().decode(prompts, self.grammar(schema), max_tokens, counts)
            finally:
                self.stats.busy_seconds += time.perf_counter() - started
                self.stats.calls[stage] = self.stats.calls.get(stage, 0) + len(prompts)
                self.stats.prompt_tokens += counts.prompt_tokens
                self.stats.cached_prompt_tokens += counts.cached_prompt_tokens
                self.stats.generated_tokens += counts.generated_tokens
        for i, prompt, result in zip(where, prompts, decoded, strict=True):
            n_in, n_out = len(prompt.tokens), len(result.tokens)
            outputs[i] = AIMessage(
                content=result.text,
                response_metadata={"finish_reason": result.finish_reason, "model_name": self.model_name},
                usage_metadata={"input_tokens": n_in, "output_tokens": n_out, "total_tokens": n_in + n_out},
            )
        return outputs

    def close(self) -> None:
        """Free llama.cpp's contexts and the model now (its own finaliser fails at interpreter exit)."""
        with self._lock:
            if self._decoder is not None:
                self._decoder.close()
                self._decoder = None
            if hasattr(self.llm, "close"):
                self.llm.close()

    @property
    def encoder(self) -> PromptEncoder:
        if self._encoder is None:
            self._encoder = PromptEncoder(self.llm, self.prompt_style)
        return self._encoder

    def segments(self, messages: list[BaseMessage]) -> tuple[list[int], list[int]]:
        """The prompt's tokens and where its messages start (see PromptEncoder.segments)."""
        return self.encoder.segments(messages)

    @contextmanager
    def locked(self) -> Iterator[Any]:
        """The `Llama` for direct use (benchmarks, tests), with no other call running on it."""
        with self._lock:
            yield self.llm

    def _parallel_decoder(self) -> ParallelDecoder:
        if self._decoder is None:
            # Room for every sequence's prompt and output next to the shared prefix, within reason.
            self._decoder = ParallelDecoder(self.llm, self.parallel, max(self.llm.n_ctx(), 8192))
        return self._decoder

    # ---- decoding ----

    def _complete(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None,
        schema: dict[str, Any] | None,
        max_tokens: int,
    ) -> AIMessage:
        tokens, cuts = self.segments(messages)
        self._check_fits(tokens, max_tokens)
        if schema is not None:
            self.eval_prompt(tokens, cuts)
            decoded = decode_with_grammar(self.llm, self.grammar(schema), max_tokens)
            text, finish, n_out = decoded.text, decoded.finish_reason, len(decoded.tokens)
        else:
            self.stats.cached_prompt_tokens += self._common_prefix(tokens)
            self.stats.prompt_tokens += len(tokens)
            out = self.llm.create_completion(
                prompt=tokens,
                temperature=0.0,
                max_tokens=max_tokens,
                stop=(stop or []) + self.encoder.stop,
            )
            text = out["choices"][0]["text"]
            finish = out["choices"][0].get("finish_reason") or "stop"
            n_out = int(out["usage"]["completion_tokens"])
        self.stats.generated_tokens += n_out
        return AIMessage(
            content=text,
            response_metadata={"finish_reason": finish, "model_name": self.model_name},
            usage_metadata={
                "input_tokens": len(tokens),
                "output_tokens": n_out,
                "total_tokens": len(tokens) + n_out,
            },
        )

    def grammar(self, schema: dict[str, Any]) -> str:
        from llama_cpp.llama_grammar import json_schema_to_gbnf

        key = json.dumps(schema)  # property order is generation order: keep it
        if key not in self._grammars:
            gbnf: str = json_schema_to_gbnf(json.dumps(_without_lengths(schema)))
            # This converter's `char` admits raw control characters, which JSON forbids in strings.
            self._grammars[key] = gbnf.replace('char ::= [^"\\\\] |', 'char ::= [^"\\\\\\x7F\\x00-\\x1F] |')
        grammar: str = self._grammars[key]
        return grammar

    # ---- label scoring ----

    def _choose(self, messages: list[BaseMessage], choices: list[str]) -> AIMessage:
        tokens, cuts = self.segments(messages)
        self._check_fits(tokens, 8)
        self.eval_prompt(tokens, cuts)
        first = _log_softmax(last_logits(self.llm).astype(np.float64))
        scores: dict[str, float] = {}
        for choice in choices:
            ctoks = self.llm.tokenize(choice.encode("utf-8"), add_bos=False, special=False)
            logp = float(first[ctoks[0]])
            if len(ctoks) > 1:
                # Score the rest of a multi-token label token by token, then rewind to the prompt.
                self.llm.n_tokens = len(tokens)
                for i, tok in enumerate(ctoks[:-1]):
                    self.llm.eval([tok])
                    logp += float(_log_softmax(last_logits(self.llm).astype(np.float64))[ctoks[i + 1]])
                self.llm.n_tokens = len(tokens)
            scores[choice] = logp
        best = max(scores, key=lambda c: scores[c])
        return AIMessage(content=best, response_metadata={"choice_logprobs": scores})

    def eval_prompt(self, tokens: list[int], cuts: list[int]) -> None:
        """Evaluate a prompt (from `segments`), reusing the cached part up to a message boundary."""
        llm = self.llm
        # Reuse whole messages only, and re-evaluate at least the last one so its logits are fresh.
        common = self._common_prefix(tokens)
        start = max(c for c in cuts if c <= common and c < len(tokens))
        llm.n_tokens = start
        for begin, end in zip(cuts, [*cuts[1:], len(tokens)], strict=True):
            if end > start:
                llm.eval(tokens[max(begin, start) : end])
        self.stats.prompt_tokens += len(tokens)
        self.stats.cached_prompt_tokens += start

    # ---- helpers ----

    def _check_fits(self, tokens: list[int], room: int) -> None:
        if len(tokens) + room > self.llm.n_ctx():
            raise PromptTooLongError(
                f"prompt of {len(tokens)} tokens + {room} to generate exceeds "
                f"the context of {self.llm.n_ctx()}"
            )

    def _common_prefix(self, tokens: list[int]) -> int:
        cached = cached_tokens(self.llm)
        new = np.asarray(tokens[: len(cached)])
        if len(new) == 0:
            return 0
        same = cached[: len(new)] == new
        return len(new) if same.all() else int(np.argmin(same))


def _without_lengths(schema: Any) -> Any:
    """The schema minus string length bounds: llama-cpp-python's converter expands them into deeply
    nested rules over a `char` that admits raw control characters (invalid JSON). Lengths are
    checked after decoding instead, and max_tokens bounds the output."""
    if isinstance(schema, dict):
        return {k: _without_lengths(v) for k, v in schema.items() if k not in ("maxLength", "minLength")}
    if isinstance(schema, list):
        return [_without_lengths(v) for v in schema]
    return schema


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max()
    out: np.ndarray = shifted - np.log(np.exp(shifted).sum())
    return out
