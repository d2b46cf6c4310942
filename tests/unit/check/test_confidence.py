from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Literal

import pytest

from pipeline.check import ConfidenceMap, confidence_map, fit_confidence, fit_silences, silence_kind
from pipeline.check.confidence import MAP_FILE
from pipeline.errors import ModelError
from pipeline.eval.confidence import Scored, held_out_calibration
from pipeline.eval.metrics import expected_calibration_error
from pipeline.ingest import make_document
from pipeline.records import SourceStance, StanceLabel


def _overconfident(n: int = 600) -> list[tuple[str, float, bool]]:
    """A method that says 0.9 or 0.1 but is right 60 % / 40 % of the time: its scores lie."""
    rng = random.Random(1)
    out = []
    for i in range(n):
        raw = 0.9 if i % 2 else 0.1
        out.append(("model", raw, rng.random() < (0.6 if raw > 0.5 else 0.4)))
    return out


def test_fitted_map_turns_scores_into_how_often_they_were_right() -> None:
    examples = _overconfident()
    maps = fit_confidence(examples + [("numeric", 0.9, True)] * 3)
    assert maps.score("model", 0.9) == pytest.approx(0.6, abs=0.05)
    assert maps.score("model", 0.1) == pytest.approx(0.4, abs=0.05)
    assert "numeric" not in maps.maps and maps.score("numeric", 0.9) == 0.9  # too few to fit
    right = [r for *_, r in examples]
    raw_ece = expected_calibration_error([s for _, s, _ in examples], right)
    mapped_ece = expected_calibration_error([maps.score(m, s) for m, s, _ in examples], right)
    assert raw_ece > 0.25 and mapped_ece < 0.05


def test_a_map_changes_the_score_never_the_stance(tmp_path: Path) -> None:
    maps = ConfidenceMap({"model": (0.0, 0.0)}, {})
    stance = SourceStance(doc_id="d", stance=StanceLabel.supports, evidence=None, score=0.97, method="model")
    mapped = maps.apply(stance)
    assert (mapped.stance, mapped.score) == (StanceLabel.supports, 0.5)
    assert maps.apply(stance.model_copy(update={"method": "numeric"})).score == 0.97
    broken = tmp_path / "maps.json"
    broken.write_text(json.dumps({"maps": {"model": [1.0]}}), encoding="utf-8")
    with pytest.raises(ModelError, match="confidence maps"):
        confidence_map(broken)


def test_held_out_calibration_is_scored_on_claims_the_fit_did_not_see() -> None:
    items = [Scored("d", f"claim {i}", m, s, r) for i, (m, s, r) in enumerate(_overconfident())]
    report = held_out_calibration(items)["d"]
    assert report["pairs"] == len(items) and report["ece"] < report["ece_raw"]


def test_the_shipped_maps_were_fitted_on_dev_data_and_report_held_out_calibration() -> None:
    maps = confidence_map(MAP_FILE)
    assert {"model", "retrieval"} <= set(maps.maps)
    assert all(slope >= 0 for slope, _ in maps.maps.values())  # never reverses the order of scores
    for score in maps.fitted_on["held_out"].values():
        assert score["pairs"] >= 1000 and score["ece"] < score["ece_raw"]
    # The `meaning` map reads the sentence encoder's cosines: it was fitted on the encoder shipped.
    from pipeline.encoder import NAME, WEIGHTS_SHA256

    assert (maps.fitted_on["encoder"], maps.fitted_on["encoder_sha256"]) == (NAME, WEIGHTS_SHA256)


def test_a_method_whose_scores_run_against_being_right_gets_its_rate_instead() -> None:
    rng = random.Random(2)
    # Right 30 % of the time at 0.9 and 70 % at 0.1: its score is anti-informative.
    examples = [("hedged", raw, rng.random() < (0.3 if raw > 0.5 else 0.7)) for raw in [0.9, 0.1] * 300]
    maps = fit_confidence(examples)
    slope, _ = maps.maps["hedged"]
    assert slope == 0.0
    rate = sum(r for *_, r in examples) / len(examples)
    assert maps.score("hedged", 0.9) == pytest.approx(rate) == pytest.approx(maps.score("hedged", 0.1))


def _silence(evidence: bool, method: Literal["retrieval", "hedged"] = "retrieval") -> SourceStance:
    span = make_document("The army said the pilot was missing.", "a.txt").sentences[0] if evidence else None
    return SourceStance(doc_id="d", stance=StanceLabel.not_mentioned, evidence=span, score=0.3, method=method)


def test_a_silence_in_a_corpus_scores_how_often_such_silences_were_right_there() -> None:
    maps = ConfidenceMap({"retrieval": (1.0, 0.0)}, {}, {"silent": 0.95, "about": 0.8, "hedged": 0.6})
    quiet, about, hedged = _silence(False), _silence(True), _silence(True, "hedged")
    assert [silence_kind(s) for s in (quiet, about, hedged)] == ["silent", "about", "hedged"]
    assert [maps.apply(s, in_corpus=True).score for s in (quiet, about, hedged)] == [0.95, 0.8, 0.6]
    # A dataset's pair keeps its method's map; a stance that takes a side is never a silence.
    assert maps.apply(quiet).score == pytest.approx(0.3, abs=1e-4)
    supports = quiet.model_copy(update={"stance": StanceLabel.supports, "method": "meaning"})
    assert silence_kind(supports) is None and maps.apply(supports, in_corpus=True).score == 0.3


def test_silence_rates_are_smoothed_and_need_enough_examples(tmp_path: Path) -> None:
    examples = [("silent", True)] * 18 + [("silent", False)] * 2 + [("hedged", True)] * 9
    rates = fit_silences(examples)
    assert rates == {"silent": round(19 / 22, 4)}  # (right + 1) / (n + 2); 9 hedged are too few
    maps = ConfidenceMap({"model": (0.0, 0.0)}, {"data": "x"}, rates, {"readings": {"r": 3}})
    file = tmp_path / "maps.json"
    file.write_text(json.dumps(maps.to_json()), encoding="utf-8")
    loaded = confidence_map(file)
    assert (loaded.silences, loaded.silences_fitted_on) == (rates, {"readings": {"r": 3}})
    data = maps.to_json()
    data["corpus"]["silences"]["silent"] = 1.5
    broken = tmp_path / "broken.json"  # maps are read once per path and process
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="outside"):
        confidence_map(broken)
