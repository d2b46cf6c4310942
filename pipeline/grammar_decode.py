"""Greedy decoding under a GBNF grammar that checks only the model's own choice first.

llama-cpp-python applies the grammar to the whole vocabulary at every step (262k tokens for Gemma),
which made constrained decoding about 3x slower than free decoding. Like llama.cpp's own sampler we
first test the greedy token alone and fall back to masking the full vocabulary only when the grammar
rejects it; the output is the same as full masking with greedy sampling, since the best allowed
token is the greedy one whenever the greedy one is allowed."""

from __future__ import annotations

import ctypes
import json
from dataclasses import dataclass
from typing import Any

import numpy as np

_LOOP = 10  # a run of this many tokens seen twice is a loop
_TOKEN_DTYPE = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)])


@dataclass
class Decoded:
    tokens: list[int]
    text: str
    finish_reason: str  # "stop" (complete), "length" (max_tokens) or "repetition" (a loop was cut)
    full_masks: int  # steps where the greedy token broke the grammar


def decode_with_grammar(llm: Any, grammar: str, max_tokens: int) -> Decoded:
    """Continue from llm's current state (the prompt already evaluated) under the grammar."""
    import llama_cpp

    vocab = llm._model.vocab
    sampler = llama_cpp.llama_sampler_init_grammar(vocab, grammar.encode("utf-8"), b"root")
    if not sampler:
        raise ValueError("llama.cpp rejected the grammar")
    n_vocab = llm.n_vocab()
    one = (llama_cpp.llama_token_data * 1)()
    one_arr = llama_cpp.llama_token_data_array(data=one, size=1, selected=-1, sorted=False)
    full = (llama_cpp.llama_token_data * n_vocab)()
    full_np = np.frombuffer(full, dtype=_TOKEN_DTYPE)
    full_np["id"] = np.arange(n_vocab, dtype=np.int32)
    tokens: list[int] = []
    pieces: list[bytes] = []
    masks = 0
    finish = "length"
    seen: set[tuple[int, ...]] = set()
    try:
        for _ in range(max_tokens):
            ptr = llama_cpp.llama_get_logits_ith(llm._ctx.ctx, -1)
            logits = np.ctypeslib.as_array(ptr, shape=(n_vocab,))
            token = int(np.argmax(logits))
            one[0].id, one[0].logit, one[0].p = token, float(logits[token]), 0.0  # type: ignore[assignment]
            one_arr.data, one_arr.size, one_arr.selected = one, 1, -1
            llama_cpp.llama_sampler_apply(sampler, ctypes.byref(one_arr))
            if not np.isfinite(one[0].logit):
                masks += 1
                full_np["logit"] = logits
                full_np["p"] = 0.0
                arr = llama_cpp.llama_token_data_array(data=full, size=n_vocab, selected=-1, sorted=False)
                llama_cpp.llama_sampler_apply(sampler, ctypes.byref(arr))
                allowed = full_np["logit"]
                if not np.isfinite(allowed.max()):
                    finish = "stop"  # nothing more is allowed: the grammar is complete
                    break
                token = int(np.argmax(allowed))
            if llama_cpp.llama_vocab_is_eog(vocab, token):
                finish = "stop"
                break
            llama_cpp.llama_sampler_accept(sampler, token)
            tokens.append(token)
            if len(tokens) >= _LOOP:
                gram = tuple(tokens[-_LOOP:])
                if gram in seen:
                    # Small models fall into loops; a repeated run of tokens never ends well.
                    finish = "repetition"
                    tokens = tokens[:-_LOOP]
                    pieces = pieces[: len(tokens)]
                    break
                seen.add(gram)
            piece = llm.detokenize([token], prev_tokens=tokens[:-1])
            pieces.append(piece)
            llm.eval([token])
            if b"}" in piece and _complete_json(b"".join(pieces)):
                finish = "stop"
                break
    finally:
        llama_cpp.llama_sampler_free(sampler)
    return Decoded(tokens, b"".join(pieces).decode("utf-8", errors="replace"), finish, masks)


def _complete_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    return True
