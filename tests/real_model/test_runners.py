"""The same verdicts whichever task runner runs the flow: a local Dask cluster of two processes
against the default threads, on the seed articles with the embedded model."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.checks import check_output
from tests.conftest import SEEDS, run_cli


def test_dask_gives_the_same_verdicts_as_threads(
    seeds_run: tuple[subprocess.CompletedProcess[str], Path], tmp_path: Path
) -> None:
    threads_result, threads_out = seeds_run
    assert threads_result.returncode == 0, threads_result.stderr[-2000:]
    out = tmp_path / "dask"
    result = run_cli(
        "run", str(SEEDS), "--out", str(out), "--quiet", "--task-runner", "dask", "--workers", "2"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    run, verdicts = check_output(out)
    threads_run, threads_verdicts = check_output(threads_out)
    assert [d["doc_id"] for d in run["documents"]] == [d["doc_id"] for d in threads_run["documents"]]
    assert run["counts"] == threads_run["counts"]
    # Byte for byte: same claim ids, same verdicts, same evidence and scores.
    assert verdicts == threads_verdicts
    files = {p.name: p.read_bytes() for p in (out / "verdicts").glob("*.json")}
    assert files == {p.name: p.read_bytes() for p in (threads_out / "verdicts").glob("*.json")}
    # The work really ran on the workers: the model calls were counted there, not here.
    assert run["model_stats"]["model_calls"] == threads_run["model_stats"]["model_calls"] > 0
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["changes"]["extracted"] == 5
