from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from flows.cli import main
from pipeline.check import confidence_map
from pipeline.errors import DatasetError
from pipeline.eval.readings import calibration, load_reading, reading_labels, verdict_confidence

_EVIDENCE = {"text": "The army said so.", "start": 0, "end": 17}


def _silence(doc: str, evidence: bool = False) -> dict[str, object]:
    return {
        "doc_id": doc,
        "stance": "not_mentioned",
        "method": "retrieval",
        "evidence": _EVIDENCE if evidence else None,
        "score": 0.4,
    }


def _run(tmp_path: Path, verdicts: int = 12) -> tuple[Path, Path]:
    """A run of single-source claims, each silent in two other articles, and a reader who found 11
    of 12 verdicts right and one silence wrong."""
    run = tmp_path / "run"
    (run / "verdicts").mkdir(parents=True)
    answers = []
    for i in range(verdicts):
        stances = [_silence("a" * 16), _silence("b" * 16, evidence=True)]
        verdict = {"claim_id": f"c{i}", "verdict": "single_source", "confidence": 0.16, "stances": stances}
        (run / "verdicts" / f"c{i}.json").write_text(json.dumps(verdict), encoding="utf-8")
        labels = [
            {"doc_id": "a" * 6, "label": "right"},  # a reader may shorten the id
            {"doc_id": "b" * 16, "label": "wrong" if i else "right"},
        ]
        answers.append(
            {"file": f"verdicts/c{i}.json", "verdict_right": "yes" if i else "no", "lenient_right": True,
             "stances": labels}
        )  # fmt: skip
    file = tmp_path / "answers.json"
    file.write_text(json.dumps(answers), encoding="utf-8")
    return run, file


def test_a_reading_becomes_labels_without_text_and_scores_the_verdicts_confidence(tmp_path: Path) -> None:
    run, answers = _run(tmp_path)
    labels = reading_labels(run, answers, "r1", "a test")
    assert "army" not in json.dumps(labels)  # ids and labels, no article text
    out = tmp_path / "r1.json"
    out.write_text(json.dumps(labels), encoding="utf-8")
    reading = load_reading(out)
    first = reading.verdicts[0]
    assert (first.right, first.lenient) == (False, True)
    assert [s.silence for s in first.stances] == ["silent", "about"]
    assert [s.right for s in reading.verdicts[1].stances] == [True, False]
    # 0.16 shipped against 11 of 12 right; the rates make it the weaker of 0.9 and 0.95.
    assert verdict_confidence(reading.verdicts[1], {"silent": 0.9, "about": 0.95}) == 0.9
    result = calibration(reading, {"silent": 0.9, "about": 0.95})
    assert result["per_verdict"]["single_source"]["right"] == pytest.approx(11 / 12, abs=1e-4)
    assert result["ece"] < result["ece_shipped"]


def test_a_reading_that_leaves_a_stance_unlabelled_is_refused(tmp_path: Path) -> None:
    run, answers = _run(tmp_path, verdicts=1)
    read = json.loads(answers.read_text(encoding="utf-8"))
    read[0]["stances"].pop()
    answers.write_text(json.dumps(read), encoding="utf-8")
    with pytest.raises(DatasetError, match="no right/wrong label for b"):
        reading_labels(run, answers, "r", "")
    with pytest.raises(DatasetError, match="not a reading"):
        load_reading(answers)
    read[0]["stances"] += [{"doc_id": "b" * 6, "label": "right"}, {"doc_id": "b" * 8, "label": "wrong"}]
    answers.write_text(json.dumps(read), encoding="utf-8")
    with pytest.raises(DatasetError, match="both right and wrong"):
        reading_labels(run, answers, "r", "")
    read[0]["stances"] = read[0]["stances"][:2]
    read[0]["verdict_right"] = "partly"
    answers.write_text(json.dumps(read), encoding="utf-8")
    with pytest.raises(DatasetError, match="verdict_right is 'partly', not yes or no"):
        reading_labels(run, answers, "r", "")


def test_a_labels_file_holds_true_or_false_not_words(tmp_path: Path) -> None:
    run, answers = _run(tmp_path, verdicts=1)
    labels = reading_labels(run, answers, "r", "")
    labels["verdicts"][0]["right"] = "no"
    file = tmp_path / "r.json"
    file.write_text(json.dumps(labels), encoding="utf-8")
    with pytest.raises(DatasetError, match="'no' is not true or false"):
        load_reading(file)


def test_a_verdict_that_rests_on_more_than_silences_keeps_its_confidence(tmp_path: Path) -> None:
    run, answers = _run(tmp_path, verdicts=1)
    out = tmp_path / "r.json"
    out.write_text(json.dumps(reading_labels(run, answers, "r", "")), encoding="utf-8")
    (verdict,) = load_reading(out).verdicts
    # A kind with no rate keeps the stance's own score: the weaker of 0.9 and 0.4.
    assert verdict_confidence(verdict, {"silent": 0.9}) == 0.4
    copied = replace(verdict, stances=(replace(verdict.stances[0], stance="supports"), verdict.stances[1]))
    assert verdict_confidence(copied, {"silent": 0.9, "about": 0.95}) == verdict.confidence
    assert verdict_confidence(replace(verdict, stances=()), {"silent": 0.9}) == verdict.confidence


def test_fit_silence_writes_the_shipped_maps_with_the_rates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run, answers = _run(tmp_path)
    files = []
    for name in ("r1", "r2"):
        files.append(str(tmp_path / f"{name}.json"))
        assert main(["import-reading", str(run), str(answers), "--name", name, "--out", files[-1]]) == 0
    out = tmp_path / "maps.json"
    assert main(["fit-silence", files[0], "--test", files[1], "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "silent: 12 of 12 right -> 0.929" in printed and "about: 1 of 12 right -> 0.143" in printed
    assert "r2 (test): 12 verdicts" in printed
    maps = confidence_map(out)
    assert maps.silences == {"about": 0.1429, "silent": 0.9286}
    assert maps.maps == confidence_map().maps  # the stance maps are kept as shipped
    assert main(["fit-silence", str(tmp_path / "missing.json")]) == 2
    assert main(["fit-silence", files[0], "--test", files[0]]) == 2  # a reading tested on itself


def test_the_shipped_silence_rates_refit_from_the_readings_in_gold() -> None:
    from pipeline.check import fit_silences
    from pipeline.eval.readings import silence_examples

    shipped = confidence_map()
    folder = Path(__file__).parents[3] / "gold" / "readings"
    fitted_on = shipped.silences_fitted_on["readings"]
    readings = [load_reading(folder / f"{name}.json") for name in fitted_on]
    assert [len(r.verdicts) for r in readings] == list(fitted_on.values())
    assert fit_silences(silence_examples(readings)) == shipped.silences
    # The test reading was not fitted on; its calibration, recomputed, is what was recorded.
    scored = shipped.silences_fitted_on["scored"]["seeds-2026-12-03"]
    seeds = calibration(load_reading(folder / "seeds-2026-12-03.json"), shipped.silences)
    assert scored == dict(seeds, role="test") and seeds["ece"] < seeds["ece_shipped"]
