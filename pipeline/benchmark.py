"""Measurements the benchmark compares the pipeline with: llama.cpp's own speed on this machine, and
growing slices of a multi-source corpus (FA-KES) for the scale series."""

from __future__ import annotations

import csv
import io
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.messages import BaseMessage

from pipeline.grammar_decode import decode_with_grammar


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
    chat: Any, prompts: list[list[BaseMessage]], schema: dict[str, Any], max_tokens: int
) -> ConstrainedSpeed:
    """Decode speed with and without the grammar on the same prompts, one sequence at a time,
    prompt evaluation excluded: the grammar's own cost, apart from batching."""
    grammar = chat._grammar(schema)
    llm = chat.llm
    constrained_s = free_s = 0.0
    total = masks = 0
    with chat._lock:
        for messages in prompts:
            tokens, cuts = chat._segments(messages)
            chat._eval_reusing_prefix(tokens, cuts)
            started = time.perf_counter()
            decoded = decode_with_grammar(llm, grammar, max_tokens)
            constrained_s += time.perf_counter() - started
            if not decoded.tokens:
                continue
            chat._eval_reusing_prefix(tokens, cuts)
            started = time.perf_counter()
            _free_decode(llm, len(decoded.tokens))
            free_s += time.perf_counter() - started
            total += len(decoded.tokens)
            masks += decoded.full_masks
        llm.reset()
    return ConstrainedSpeed(total / constrained_s, total / free_s, total, masks)


def _free_decode(llm: Any, n: int) -> None:
    import llama_cpp

    n_vocab = llm.n_vocab()
    for _ in range(n):
        logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llm._ctx.ctx, -1), shape=(n_vocab,))
        llm.eval([int(np.argmax(logits))])


def read_fakes(path: Path) -> list[dict[str, str]]:
    """FA-KES rows (the file is ISO-8859-1)."""
    text = path.read_bytes().decode("iso-8859-1")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def event_groups(rows: list[dict[str, str]], size: int = 2) -> list[list[dict[str, str]]]:
    """Events (one date and location) told by exactly `size` articles from as many sources, in date
    order: multi-source clusters like the seeds, all of one size so that slices differ only in count."""
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    seen: set[str] = set()
    for row in rows:
        content = (row.get("article_content") or "").strip()
        if not content or content in seen:
            continue
        seen.add(content)
        groups[(row.get("date", ""), row.get("location", ""))].append(row)
    picked = [g for g in groups.values() if len(g) == size and len({r.get("source") for r in g}) == size]
    return sorted(picked, key=lambda g: (g[0].get("date", ""), g[0].get("location", "")))


def take_documents(groups: list[list[dict[str, str]]], n: int) -> list[dict[str, str]]:
    """The first whole event groups holding n articles: a slice twice as large has twice the events."""
    rows = [row for group in groups for row in group][:n]
    if len(rows) < n:
        raise ValueError(f"the corpus has only {len(rows)} articles in multi-source events, not {n}")
    return rows


def write_slice(rows: list[dict[str, str]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fields = ["unit_id", "article_title", "article_content", "source", "date", "location"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path
