"""`factcheck bench` end to end on a small corpus with the embedded model."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import FAKES, SEEDS, fakes_csv, run_cli

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


def test_bench_prints_the_table_and_writes_the_json(tmp_path: Path) -> None:
    fakes_csv()
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


def test_bench_checks_the_slices_before_measuring(tmp_path: Path) -> None:
    fakes_csv()
    proc = run_cli("bench", "seeds", "--scale", "4,100000", "--fakes", str(FAKES))
    assert proc.returncode == 2
    assert "multi-source events, not 100000" in proc.stderr and "llama.cpp:" not in proc.stderr
