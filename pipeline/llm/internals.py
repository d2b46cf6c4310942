"""The one place that reaches into llama-cpp-python's private attributes (`_ctx`, `_model`,
`_input_ids`): the public `Llama` API has no way to read the last logits without copying the whole
score matrix, to share the weights with a second context, or to see which tokens the KV cache holds.
A llama-cpp-python upgrade that renames them breaks here and nowhere else."""

from __future__ import annotations

from typing import Any

import numpy as np


def last_logits(llm: Any) -> np.ndarray:
    """The logits after the last evaluated token, as a view on llama.cpp's buffer (no copy)."""
    import llama_cpp

    ptr = llama_cpp.llama_get_logits_ith(llm._ctx.ctx, -1)
    view: np.ndarray = np.ctypeslib.as_array(ptr, shape=(llm.n_vocab(),))
    return view


def model_wrapper(llm: Any) -> Any:
    """llama-cpp-python's wrapper of the loaded weights: a second context is created on it."""
    return llm._model


def vocab(llm: Any) -> Any:
    """The llama.cpp vocabulary pointer of the loaded model."""
    return llm._model.vocab


def cached_tokens(llm: Any) -> np.ndarray:
    """The tokens the main context's KV cache holds now, in order."""
    return np.asarray(llm._input_ids[: llm.n_tokens])
