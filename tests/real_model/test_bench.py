"""`factcheck bench` end to end on a small corpus, and the FA-KES slicing it relies on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.eval import event_groups, read_fakes, take_documents, write_slice
from pipeline.ingest import ingest
from tests.conftest import ROOT, SEEDS, run_cli

FAKES = ROOT.parent / "shared" / "eval" / "fakes" / "fakes.csv"
KEYS = {
    "raw_decode_tok_s",
    "raw_prompt_tok_s",
    "constrained_decode_tok_s",
    "model_busy_fraction",
    "startup_seconds",
    "cold_seconds",
    "warm_seconds",
    "model_calls",
    "prompt_tokens",
    "cached_prompt_tokens",
    "generated_tokens",
    "peak_rss_mb",
}


def _fakes_csv(tmp_path: Path) -> Path:
    if FAKES.is_file():
        return FAKES
    if os.environ.get("CI"):
        pytest.fail(f"{FAKES} is missing in CI")
    pytest.skip("FA-KES is not beside the project")


def test_fakes_slices_are_whole_two_source_events(tmp_path: Path) -> None:
    groups = event_groups(read_fakes(_fakes_csv(tmp_path)))
    assert len(groups) >= 40
    for group in groups:
        assert len(group) == 2 and len({r["source"] for r in group}) == 2
        assert len({(r["date"], r["location"]) for r in group}) == 1
    eight = take_documents(groups, 8)
    assert take_documents(groups, 4) == eight[:4]  # a larger slice contains the smaller one
    # The ISO-8859-1 source is re-written as UTF-8 CSV that ingest reads row by row.
    docs = ingest([write_slice(eight, tmp_path / "slice.csv")]).documents
    assert len(docs) == 8 and [d.title for d in docs] == [r["article_title"].strip() for r in eight]
    with pytest.raises(ValueError, match="only"):
        take_documents(groups, 10_000)


@pytest.mark.real_model
def test_bench_prints_the_table_and_writes_the_json(tmp_path: Path) -> None:
    _fakes_csv(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in sorted(p.name for p in SEEDS.iterdir())[:2]:
        text = (SEEDS / name).read_text(encoding="utf-8")
        (corpus / name).write_text(text[:1500], encoding="utf-8")
    out_json = tmp_path / "bench.json"
    proc = run_cli("bench", str(corpus), "--scale", "2,4", "--fakes", str(FAKES), "--json", str(out_json))
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(out_json.read_text())
    assert set(result) >= KEYS
    assert all(isinstance(result[k], (int, float)) and result[k] >= 0 for k in KEYS)
    assert result["raw_decode_tok_s"] > 0 and result["raw_prompt_tok_s"] > result["raw_decode_tok_s"]
    assert 0 < result["model_busy_fraction"] <= 1
    assert result["model_calls"] == result["calls_extract"] + result["calls_crosscheck"] > 0
    assert result["warm_model_calls"] == 0 and result["warm_seconds"] < result["cold_seconds"]
    assert 0 < result["cached_prompt_tokens"] < result["prompt_tokens"]
    assert [row["documents"] for row in result["scale"]] == [2, 4]
    assert all(row["seconds"] > 0 for row in result["scale"])
    assert "free decode (1 sequence)" in proc.stdout and "scale: FA-KES" in proc.stdout


def test_bench_rejects_bad_options() -> None:
    proc = run_cli("bench", "no-such-folder")
    assert proc.returncode == 2 and proc.stderr.strip() == "factcheck: error: no such corpus: no-such-folder"
    proc = run_cli("bench", "seeds", "--scale", "4,x")
    assert proc.returncode == 2 and "--scale '4,x' is not a comma-separated list" in proc.stderr


@pytest.mark.real_model
def test_bench_checks_the_slices_before_measuring(tmp_path: Path) -> None:
    _fakes_csv(tmp_path)
    proc = run_cli("bench", "seeds", "--scale", "4,100000", "--fakes", str(FAKES))
    assert proc.returncode == 2
    assert "multi-source events, not 100000" in proc.stderr and "llama.cpp:" not in proc.stderr
