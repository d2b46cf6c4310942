"""Sentence embeddings: WordLlama's static 256-dimension token vectors (MIT), shipped inside its
PyPI wheel and run with numpy. Located on disk, sha256-checked and loaded once per process like the
LLM; nothing is downloaded (WordLlama's own `load()` would try a hub for a folder the wheel names
differently, so it is pointed at the package's own files)."""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.errors import ModelError
from pipeline.records import ModelInfo
from pipeline.text import CALENDAR

NAME = "wordllama-l2-supercat-256"
_WEIGHTS = "weights/l2_supercat_256.safetensors"
WEIGHTS_SHA256 = "64b47a2dc493cb8e85944076601189739852d7b64e0e1eedcb1937a251cd9fd5"
_lock = threading.Lock()
_loaded: dict[str, Embedder] = {}


@dataclass
class Embedder:
    """Normalised embeddings of texts; cosine similarity is their dot product."""

    info: ModelInfo
    model: Any

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 256), dtype=np.float32)
        vectors: np.ndarray = np.asarray(self.model.embed(texts, norm=True), dtype=np.float32)
        # A text with no known token embeds as NaN: it is close to nothing.
        np.nan_to_num(vectors, copy=False, nan=0.0)
        return vectors


def embedder() -> Embedder:
    """This process's embedder, loaded on first use."""
    with _lock:
        if NAME not in _loaded:
            _loaded[NAME] = _load()
        return _loaded[NAME]


def _load() -> Embedder:
    from pipeline.llm import sha256_file

    spec = importlib.util.find_spec("wordllama")
    if spec is None or spec.origin is None:
        raise ModelError("the embedding model is not installed (package wordllama); run make setup")
    folder = Path(spec.origin).parent
    weights = folder / _WEIGHTS
    if not weights.is_file():
        raise ModelError(f"{weights} is missing: reinstall wordllama==0.4.0.post1")
    digest = sha256_file(weights)
    if digest != WEIGHTS_SHA256:
        raise ModelError(f"{weights}: sha256 {digest[:12]}… is not the expected {WEIGHTS_SHA256[:12]}…")
    from wordllama import WordLlama

    model = WordLlama.load(cache_dir=folder, disable_download=True)
    return Embedder(ModelInfo(name=NAME, path=str(weights), sha256=digest), model)


class WordMatcher:
    """How much of a claim's words a passage states when it says them in other words.

    A claim word the passage holds earns 1; one it does not hold earns the passage word closest in
    meaning, by WordLlama's static word vectors, when that cosine reaches `min_similarity`
    ("aircraft" for "plane", "troops" for "soldiers", "USA" for "US"). These vectors were trained on
    paraphrase pairs and keep antonyms and siblings apart (killed/injured 0.13, north/south 0.18,
    Monday/Sunday 0.56), so they widen what "states" means without making a topic a fact. Words
    with a digit, magnitudes and calendar words match only themselves: 60 is not 80, 2011 is not 2017
    (cosines 0.42, 0.54); nor does a word match itself negated (legal/illegal 0.81)."""

    def __init__(self, min_similarity: float) -> None:
        self.min_similarity = min_similarity
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def credits(
        self, query: Iterable[str], stated: frozenset[str], passage: frozenset[str]
    ) -> dict[str, float]:
        """Each query word's credit: 1 when `stated` (the passage's words as the query spells
        them), else its best cosine with a word of `passage` at or above the threshold, else 0."""
        # In a fixed order: a set's order changes with the process's hash seed, and with it which
        # words are embedded together and which of two equal cosines is taken.
        missing = sorted(t for t in query if t not in stated and not _exact_only(t))
        others = sorted(t for t in passage if not _exact_only(t))
        found = dict.fromkeys(stated, 1.0)
        if not missing or not others:
            return found
        vectors = self._embed(missing + others)
        similarity = np.stack([vectors[t] for t in missing]) @ np.stack([vectors[t] for t in others]).T
        for t, row in zip(missing, similarity, strict=True):
            # The closest word that is not the same word negated ("illegal" for "legal").
            for j in np.argsort(-row):
                if row[j] < self.min_similarity:
                    break
                if not _negated(t, others[j]):
                    found[t] = round(float(row[j]), 4)
                    break
        return found

    def _embed(self, words: list[str]) -> dict[str, np.ndarray]:
        with self._lock:
            new = [w for w in dict.fromkeys(words) if w not in self._vectors]
            if new:
                self._vectors.update(zip(new, embedder().embed(new), strict=True))
            return {w: self._vectors[w] for w in words}


_matchers: dict[float, WordMatcher] = {}
_matchers_lock = threading.Lock()


def word_matcher(min_similarity: float) -> WordMatcher:
    """This process's matcher for a threshold: its word vectors are embedded once per process."""
    with _matchers_lock:
        if min_similarity not in _matchers:
            _matchers[min_similarity] = WordMatcher(min_similarity)
        return _matchers[min_similarity]


# Words that must match themselves: numbers, magnitudes and calendar words sit close to their
# siblings in any embedding (hundreds/thousands 0.67, January/February 0.65, 2011/2017 0.54). They
# come as `terms` spells them: "hundreds" is "hundred".
_EXACT = CALENDAR | {
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "score",
    "yesterday",
    "today",
    "tomorrow",
}
_NEGATING_PREFIXES = ("un", "in", "il", "im", "ir", "dis", "non")


def _exact_only(word: str) -> bool:
    return word in _EXACT or any(c.isdigit() for c in word)


def _negated(a: str, b: str) -> bool:
    """One word is the other with a negating prefix: legal/illegal 0.81, lawful/unlawful 0.61."""
    short, long = sorted((a, b), key=len)
    return any(long == prefix + short for prefix in _NEGATING_PREFIXES)
