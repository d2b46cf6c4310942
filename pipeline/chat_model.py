"""A langchain-core chat model around a passed-in llama.cpp `Llama`, with grammar-constrained output
and label scoring from the model's logits."""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import RunnableConfig
from pydantic import ConfigDict, Field, PrivateAttr

from pipeline.grammar_decode import decode_with_grammar
from pipeline.parallel_decode import ParallelDecoder, ParallelStats, Prompt


class PromptTooLongError(ValueError):
    """The prompt does not fit the model's context window."""


@dataclass
class ModelStats:
    """Counters a benchmark or run manifest reads: calls, tokens and time spent inside llama.cpp."""

    calls: dict[str, int] = field(default_factory=dict)
    prompt_tokens: int = 0
    cached_prompt_tokens: int = 0
    generated_tokens: int = 0
    busy_seconds: float = 0.0

    def as_dict(self) -> dict[str, float]:
        out: dict[str, float] = {f"calls_{k}": v for k, v in sorted(self.calls.items())}
        out.update(
            model_calls=sum(self.calls.values()),
            prompt_tokens=self.prompt_tokens,
            cached_prompt_tokens=self.cached_prompt_tokens,
            generated_tokens=self.generated_tokens,
            busy_seconds=round(self.busy_seconds, 3),
        )
        return out


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
    _chat_formatter: Any = PrivateAttr(default=None)
    _controls: tuple[frozenset[str], tuple[str, ...]] | None = PrivateAttr(default=None)
    _stop: list[str] = PrivateAttr(default_factory=list)
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
                tokens, cuts = self._segments(self._convert_input(item).to_messages())
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
                decoded = self._parallel_decoder().decode(prompts, self._grammar(schema), max_tokens, counts)
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
        tokens, cuts = self._segments(messages)
        self._check_fits(tokens, max_tokens)
        if schema is not None:
            self._eval_reusing_prefix(tokens, cuts)
            decoded = decode_with_grammar(self.llm, self._grammar(schema), max_tokens)
            text, finish, n_out = decoded.text, decoded.finish_reason, len(decoded.tokens)
        else:
            self.stats.cached_prompt_tokens += self._common_prefix(tokens)
            self.stats.prompt_tokens += len(tokens)
            out = self.llm.create_completion(
                prompt=tokens,
                temperature=0.0,
                max_tokens=max_tokens,
                stop=(stop or []) + self._stop,
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

    def _grammar(self, schema: dict[str, Any]) -> str:
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
        tokens, cuts = self._segments(messages)
        self._check_fits(tokens, 8)
        self._eval_reusing_prefix(tokens, cuts)
        first = _log_softmax(self._last_logits())
        scores: dict[str, float] = {}
        for choice in choices:
            ctoks = self.llm.tokenize(choice.encode("utf-8"), add_bos=False, special=False)
            logp = float(first[ctoks[0]])
            if len(ctoks) > 1:
                # Score the rest of a multi-token label token by token, then rewind to the prompt.
                self.llm.n_tokens = len(tokens)
                for i, tok in enumerate(ctoks[:-1]):
                    self.llm.eval([tok])
                    logp += float(_log_softmax(self._last_logits())[ctoks[i + 1]])
                self.llm.n_tokens = len(tokens)
            scores[choice] = logp
        best = max(scores, key=lambda c: scores[c])
        return AIMessage(content=best, response_metadata={"choice_logprobs": scores})

    def _prompt_text(self, messages: list[BaseMessage], generation_prompt: bool = True) -> str:
        if self.prompt_style == "raw":
            return "".join(self._defuse(_text(m)) for m in messages)
        formatter = self._formatter()
        chat = [{"role": _role(m), "content": self._defuse(_text(m))} for m in messages]
        # The template's opening of the assistant turn belongs to the whole prompt only.
        formatter.add_generation_prompt = generation_prompt
        return str(formatter(messages=chat).prompt)

    def _defuse(self, text: str) -> str:
        """The text with every spelling of a control token (`<end_of_turn>`, `<|im_start|>`) broken
        by a zero-width space. Prompts are tokenized with control tokens parsed, which the chat
        template needs; without this, an article could end its turn and write the model's."""
        if self._controls is None:
            self._controls = control_tokens(self.llm)
        shapes, others = self._controls
        if not shapes and not others:
            return text

        def defused(match: re.Match[str]) -> str:
            found = match.group(0)
            return found[0] + "\u200b" + found[1:] if found in shapes else found

        text = _TOKEN_SHAPE.sub(defused, text)
        for other in others:
            text = text.replace(other, other[0] + "\u200b" + other[1:])
        return text

    def _formatter(self) -> Any:
        if self._chat_formatter is None:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            meta = self.llm.metadata
            template = meta.get("tokenizer.chat_template")
            if not template:
                raise ValueError(f"{self.model_name} has no chat template; use prompt_style='raw'")
            vocab = self.llm._model
            self._chat_formatter = Jinja2ChatFormatter(
                template=template,
                eos_token=vocab.token_get_text(vocab.token_eos()),
                bos_token=vocab.token_get_text(vocab.token_bos()),
                add_generation_prompt=True,
            )
            eos = vocab.token_get_text(vocab.token_eos())
            self._stop = [eos] if eos else []
        return self._chat_formatter

    def _segments(self, messages: list[BaseMessage]) -> tuple[list[int], list[int]]:
        """The prompt's tokens and the offsets where its messages start.

        llama.cpp's results depend slightly on how a prompt is cut into batches (log-probabilities
        moved by up to 0.15 here), so a prompt is always evaluated message by message: the KV cache
        is reused only up to a message boundary, and outputs do not depend on earlier calls."""
        tokens = self._tokenize(self._prompt_text(messages))
        cuts = [0]
        for i in range(1, len(messages)):
            head = self._tokenize(self._prompt_text(messages[:i], generation_prompt=False))
            if 0 < len(head) < len(tokens) and tokens[: len(head)] == head:
                cuts.append(len(head))
        return tokens, cuts

    def _eval_reusing_prefix(self, tokens: list[int], cuts: list[int]) -> None:
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

    def _last_logits(self) -> np.ndarray:
        import llama_cpp

        ptr = llama_cpp.llama_get_logits_ith(self.llm._ctx.ctx, -1)
        return np.ctypeslib.as_array(ptr, shape=(self.llm.n_vocab(),)).astype(np.float64)

    # ---- helpers ----

    def _tokenize(self, prompt: str) -> list[int]:
        tokens = list(self.llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True))
        # Chat templates usually write the BOS text themselves; keep a single BOS.
        if len(tokens) > 1 and tokens[0] == tokens[1] == self.llm.token_bos():
            tokens = tokens[1:]
        return tokens

    def _check_fits(self, tokens: list[int], room: int) -> None:
        if len(tokens) + room > self.llm.n_ctx():
            raise PromptTooLongError(
                f"prompt of {len(tokens)} tokens + {room} to generate exceeds "
                f"the context of {self.llm.n_ctx()}"
            )

    def _common_prefix(self, tokens: list[int]) -> int:
        cached = np.asarray(self.llm._input_ids[: self.llm.n_tokens])
        new = np.asarray(tokens[: len(cached)])
        if len(new) == 0:
            return 0
        same = cached[: len(new)] == new
        return len(new) if same.all() else int(np.argmin(same))


# How control tokens are spelled: <eos>, <|im_start|>, </s>, [INST].
_TOKEN_SHAPE = re.compile(r"<[^<>\s]{1,60}>|\[[^\[\]\s]{1,60}\]")


def control_tokens(llm: Any) -> tuple[frozenset[str], tuple[str, ...]]:
    """The texts of the model's control and user-defined tokens: those of the usual shapes, and the
    few others (longest first) that need a plain search."""
    import llama_cpp

    vocab = llama_cpp.llama_model_get_vocab(llm._model.model)
    special = llama_cpp.LLAMA_TOKEN_ATTR_CONTROL | llama_cpp.LLAMA_TOKEN_ATTR_USER_DEFINED
    texts = set()
    for token in range(llama_cpp.llama_vocab_n_tokens(vocab)):
        if llama_cpp.llama_vocab_get_attr(vocab, token) & special:
            text = llama_cpp.llama_vocab_get_text(vocab, token).decode("utf-8", "replace")
            if len(text) >= 2 and not text.isspace():
                texts.add(text)
    shaped = frozenset(t for t in texts if _TOKEN_SHAPE.fullmatch(t))
    return shaped, tuple(sorted(texts - shaped, key=len, reverse=True))


def render_raw(messages: list[BaseMessage]) -> str:
    """The completion prompt for a base model: message texts in order, nothing added."""
    return "".join(_text(m) for m in messages)


def _text(message: BaseMessage) -> str:
    content = message.content
    return content if isinstance(content, str) else "".join(str(part) for part in content)


def _role(message: BaseMessage) -> str:
    return {"human": "user", "ai": "assistant", "system": "system"}.get(message.type, "user")


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
