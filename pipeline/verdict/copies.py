"""Copies of one story: syndicated wire copies and light rewrites count as one independent source."""

from __future__ import annotations

import re

from pipeline.records import Document
from pipeline.settings import Settings


def _shingles(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1))}


def near_duplicates(documents: list[Document], settings: Settings) -> dict[str, str]:
    """doc_id -> the earlier document it is a near-copy of (syndicated wire copy, light rewrite)."""
    shingles = [(d.doc_id, _shingles(d.text[d.body_start :], settings.copy_shingle)) for d in documents]
    copy_of: dict[str, str] = {}
    for i, (doc_id, mine) in enumerate(shingles):
        for other_id, theirs in shingles[:i]:
            if other_id in copy_of or not mine or not theirs:
                continue
            if len(mine & theirs) / len(mine | theirs) >= settings.copy_jaccard:
                copy_of[doc_id] = other_id
                break
    return copy_of
