from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import DatasetError
from pipeline.eval import (
    Pair,
    load_climate_fever,
    load_fnc1,
    metrics,
    render_table,
    run_eval,
    stratified_sample,
)
from pipeline.settings import Settings
from tests.fakes import ScriptedChatModel

# A tiny FNC-1-shaped dataset, written at test time (the real files stay in ../shared/eval).
BODIES = """Body ID,articleBody
1,"A US warplane shot down a Syrian army jet near Raqqa on Sunday, the coalition said.
The pilot was not found."
2,"Local football results were announced after the weekend games."
3,"Stories that a US jet shot down a Syrian jet near Raqqa are a hoax, officials said.
The photos of the downed Syrian jet are fake."
4,"Unconfirmed claims say the Syrian pilot may have been captured near Raqqa.
It is unclear who holds the pilot."
"""
STANCES = """Headline,Body ID,Stance
US jet shoots down Syrian army jet near Raqqa,1,agree
US jet shoots down Syrian jet near Raqqa,3,disagree
Syrian pilot captured near Raqqa,4,discuss
US jet shoots down Syrian army jet near Raqqa,2,unrelated
"""


def test_fnc1_end_to_end_with_scripted_judgments(
    fake: ScriptedChatModel, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "dev_bodies.csv").write_text(BODIES, encoding="utf-8")
    (tmp_path / "dev_stances.csv").write_text(STANCES, encoding="utf-8")
    pairs = load_fnc1(tmp_path)
    assert [p.gold for p in pairs] == ["agree", "disagree", "discuss", "unrelated"]
    predictions, _ = run_eval("fnc1", pairs, fake, settings, None)
    # Debunking and hedging words decide, the agreeing body states the headline close in meaning,
    # and an unrelated body is never read closely.
    assert [p.method for p in predictions] == ["meaning", "denial", "hedged", "retrieval"]
    assert not fake.history
    result = metrics("fnc1", pairs, predictions)
    assert result["accuracy"] == 1.0 and result["macro_f1_3way"] == 1.0
    assert result["macro_f1_4way"] == 1.0 and result["related_accuracy"] == 1.0
    assert result["confusion"]["supports"]["supports"] == 1
    assert "macro-F1 (3-way): 1.000" in render_table(result)


def test_metrics_count_mistakes() -> None:
    pairs = [Pair("c", "e", g, str(i)) for i, g in enumerate(["agree", "disagree", "unrelated", "discuss"])]
    from pipeline.eval import Prediction

    preds = [
        Prediction("supports", "model"),
        Prediction("supports", "model"),
        Prediction("not_mentioned", "model"),
        Prediction("not_mentioned", "retrieval", related=False),
    ]
    result = metrics("fnc1", pairs, preds)
    assert result["accuracy"] == 0.75
    assert result["f1"]["contradicts"] == 0.0 and result["f1"]["supports"] == pytest.approx(2 / 3)
    # discuss predicted as unrelated and unrelated as discuss: both related-vs-unrelated mistakes
    assert result["related_accuracy"] == 0.5


def test_stratified_sample_is_balanced_and_reproducible() -> None:
    pairs = [Pair(f"c{i}", "e", "a" if i < 90 else "b", str(i)) for i in range(100)]
    sample = stratified_sample(pairs, 20, seed=3)
    assert sample == stratified_sample(pairs, 20, seed=3) != stratified_sample(pairs, 20, seed=4)
    assert sum(p.gold == "b" for p in sample) == 10 and len(sample) == 20
    assert stratified_sample(pairs, None, 0) == pairs


def test_climate_fever_and_missing_data(tmp_path: Path) -> None:
    line = {
        "claim": "CO2 warms the planet.",
        "evidences": [
            {"evidence_id": "a:1", "evidence_label": "SUPPORTS", "evidence": "Carbon dioxide traps heat."}
        ],
    }
    (tmp_path / "climate-fever.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    (pair,) = load_climate_fever(tmp_path)
    assert (pair.claim, pair.gold) == ("CO2 warms the planet.", "SUPPORTS")
    with pytest.raises(DatasetError):
        load_fnc1(tmp_path)


def test_seeds_gold_is_checked_against_a_runs_verdicts(tmp_path: Path) -> None:
    from pipeline.eval import check_gold, render_gold

    out = tmp_path / "out"
    (out / "verdicts").mkdir(parents=True)
    run = {
        "documents": [{"path": "seeds/000_x.txt", "doc_id": "a"}, {"path": "seeds/003_y.txt", "doc_id": "b"}]
    }
    (out / "run.json").write_text(json.dumps(run), encoding="utf-8")

    def verdict(name: str, doc: str, quote: str, label: str, stances: list[dict[str, str]]) -> None:
        data = {
            "claim_id": name,
            "verdict": label,
            "reason": "r",
            "independent_sources": 1,
            "sources": [{"doc_id": doc, "quote": {"text": quote}}],
            "stances": stances,
        }
        (out / "verdicts" / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")

    verdict(
        "v1",
        "a",
        "A strike killed over 60  Syrian soldiers.",
        "contradicted",
        [{"doc_id": "b", "stance": "contradicts"}],
    )
    verdict("v2", "b", "Lavrov said so.", "corroborated", [])
    gold = {
        "items": [
            {
                "id": "figure",
                "doc": "000",
                "quote": "killed over 60 syrian",
                "expect": ["contradicted"],
                "conflict_with": "003",
            },
            {"id": "only", "doc": "003", "quote": "Lavrov said", "expect": ["single_source"]},
            {"id": "absent", "doc": "003", "quote": "not in any claim", "expect": ["single_source"]},
        ]
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    result = check_gold(out, tmp_path / "gold.json")
    assert [r["passed"] for r in result["results"]] == [True, False, False]
    assert result["results"][1]["why"] == "verdict corroborated: r"
    assert "not extracted" in result["results"][2]["why"]
    assert "gold items passed: 1/3" in render_gold(result)
    with pytest.raises(DatasetError):
        check_gold(tmp_path / "missing", tmp_path / "gold.json")


def test_emergent_and_any_csv_with_its_columns(tmp_path: Path) -> None:
    from pipeline.eval import load_emergent

    csv_file = tmp_path / "pairs.csv"
    csv_file.write_text(
        "claim_id,claim,headline,stance\n"
        "1,A US jet downed a Syrian jet,US shoots down Syrian jet near Raqqa,for\n"
        "2,A US jet downed a Syrian jet,Pentagon denies downing any Syrian jet,against\n"
        "3,A US jet downed a Syrian jet,Reports say a Syrian jet may have been downed,observing\n",
        encoding="utf-8",
    )
    pairs = load_emergent(csv_file)
    assert [p.gold for p in pairs] == ["for", "against", "observing"]
    assert pairs[0].evidence == "US shoots down Syrian jet near Raqqa"
    (tmp_path / "bad.csv").write_text("claim,title\nx,y\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="no column headline, stance"):
        load_emergent(tmp_path / "bad.csv")


def test_expected_calibration_error() -> None:
    from pipeline.eval.metrics import expected_calibration_error

    assert expected_calibration_error([0.9] * 10, [True] * 9 + [False]) == pytest.approx(0.0)
    assert expected_calibration_error([1.0, 1.0], [False, False]) == pytest.approx(1.0)
    assert expected_calibration_error([0.55, 0.95], [True, True]) == pytest.approx((0.45 + 0.05) / 2)
