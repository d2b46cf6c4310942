"""From chat messages to the tokens llama.cpp evaluates: raw completion prompts for base models, the
GGUF's own chat template for instruct models, and article text that spells a control token defused."""

from __future__ import annotations

import re
from typing import Any, Literal

from langchain_core.messages import BaseMessage

from pipeline.llm.internals import model_wrapper

# How control tokens are spelled: <eos>, <|im_start|>, </s>, [INST].
_TOKEN_SHAPE = re.compile(r"<[^<>\s]{1,60}>|\[[^\[\]\s]{1,60}\]")


class PromptEncoder:
    """Renders and tokenizes prompts for one loaded `Llama`. Not thread-safe: the chat model's lock
    covers it (the chat template is shared state)."""

    def __init__(self, llm: Any, style: Literal["raw", "chat"], formatter: Any = None) -> None:
        self.llm = llm
        self.style = style
        self._formatter_obj = formatter
        self._controls: tuple[frozenset[str], tuple[str, ...]] | None = None
        self.stop: list[str] = []

    def segments(self, messages: list[BaseMessage]) -> tuple[list[int], list[int]]:
        """The prompt's tokens and the offsets where its messages start.

        llama.cpp's results depend slightly on how a prompt is cut into batches (log-probabilities
        moved by up to 0.15 here), so a prompt is always evaluated message by message: the KV cache
        is reused only up to a message boundary, and outputs do not depend on earlier calls."""
        tokens = self.tokenize(self.prompt_text(messages))
        cuts = [0]
        for i in range(1, len(messages)):
            head = self.tokenize(self.prompt_text(messages[:i], generation_prompt=False))
            if 0 < len(head) < len(tokens) and tokens[: len(head)] == head:
                cuts.append(len(head))
        return tokens, cuts

    def prompt_text(self, messages: list[BaseMessage], generation_prompt: bool = True) -> str:
        if self.style == "raw":
            return "".join(self.defuse(_text(m)) for m in messages)
        formatter = self._formatter()
        chat = [{"role": _role(m), "content": self.defuse(_text(m))} for m in messages]
        # The template's opening of the assistant turn belongs to the whole prompt only.
        formatter.add_generation_prompt = generation_prompt
        return str(formatter(messages=chat).prompt)

    def tokenize(self, prompt: str) -> list[int]:
        tokens = list(self.llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True))
        # Chat templates usually write the BOS text themselves; keep a single BOS.
        if len(tokens) > 1 and tokens[0] == tokens[1] == self.llm.token_bos():
            tokens = tokens[1:]
        return tokens

    def defuse(self, text: str) -> str:
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
        if self._formatter_obj is None:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            template = self.llm.metadata.get("tokenizer.chat_template")
            if not template:
                raise ValueError("the model has no chat template; use prompt_style='raw'")
            vocab = model_wrapper(self.llm)
            self._formatter_obj = Jinja2ChatFormatter(
                template=template,
                eos_token=vocab.token_get_text(vocab.token_eos()),
                bos_token=vocab.token_get_text(vocab.token_bos()),
                add_generation_prompt=True,
            )
            eos = vocab.token_get_text(vocab.token_eos())
            self.stop = [eos] if eos else []
        return self._formatter_obj


def control_tokens(llm: Any) -> tuple[frozenset[str], tuple[str, ...]]:
    """The texts of the model's control and user-defined tokens: those of the usual shapes, and the
    few others (longest first) that need a plain search."""
    import llama_cpp

    vocab = llama_cpp.llama_model_get_vocab(model_wrapper(llm).model)
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
