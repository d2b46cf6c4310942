"""llama.cpp's own speed on this machine, which `factcheck bench` puts next to the pipeline's."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from langchain_core.messages import BaseMessage

from pipeline.llm.chat_model import LlamaChatModel
from pipeline.llm.grammar_decode import decode_with_grammar
from pipeline.llm.internals import last_logits


@dataclass
class RawSpeed:
    prompt_tok_s: float  # prompt processing, one batch
    decode_tok_s: float  # free greedy decoding, one token per step


@dataclass
class ConstrainedSpeed:
    constrained_tok_s: float  # one sequence under the JSON grammar
    free_tok_s: float  # the same prompts and token counts without it
    tokens: int
    full_masks: int  # steps where the grammar rejected the model's choice


def raw_speed(llm: Any, text: str, prompt_tokens: int = 512, decode_tokens: int = 128) -> RawSpeed:
    """llama.cpp without the pipeline: evaluate a prompt, then decode greedily with no grammar."""
    tokens = llm.tokenize(text.encode("utf-8"), add_bos=True)[:prompt_tokens]
    llm.reset()
    llm.eval(tokens[:8])  # first use allocates buffers; keep that out of the timing
    llm.reset()
    started = time.perf_counter()
    llm.eval(tokens)
    prompt_s = time.perf_counter() - started
    started = time.perf_counter()
    _free_decode(llm, decode_tokens)
    decode_s = time.perf_counter() - started
    llm.reset()
    return RawSpeed(len(tokens) / prompt_s, decode_tokens / decode_s)


def constrained_speed(
    chat: LlamaChatModel, prompts: list[list[BaseMessage]], schema: dict[str, Any], max_tokens: int
) -> ConstrainedSpeed:
    """Decode speed with and without the grammar on the same prompts, one sequence at a time,
    prompt evaluation excluded: the grammar's own cost, apart from batching."""
    grammar = chat.grammar(schema)
    constrained_s = free_s = 0.0
    total = masks = 0
    with chat.locked() as llm:
        for messages in prompts:
            tokens, cuts = chat.segments(messages)
            chat.eval_prompt(tokens, cuts)
            started = time.perf_counter()
            decoded = decode_with_grammar(llm, grammar, max_tokens)
            constrained_s += time.perf_counter() - started
            if not decoded.tokens:
                continue
            chat.eval_prompt(tokens, cuts)
            started = time.perf_counter()
            _free_decode(llm, len(decoded.tokens))
            free_s += time.perf_counter() - started
            total += len(decoded.tokens)
            masks += decoded.full_masks
        llm.reset()
    return ConstrainedSpeed(total / constrained_s, total / free_s, total, masks)


def _free_decode(llm: Any, n: int) -> None:
    for _ in range(n):
        llm.eval([int(np.argmax(last_logits(llm)))])
