"""Sentence embeddings: WordLlama's static 256-dimension token vectors (MIT), shipped inside its
PyPI wheel and run with numpy. Located on disk, sha256-checked and loaded once per process like the
LLM; nothing is downloaded (WordLlama's own `load()` would try a hub for a folder the wheel names
differently, so it is pointed at the package's own files)."""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.errors import ModelError
from pipeline.records import ModelInfo

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
