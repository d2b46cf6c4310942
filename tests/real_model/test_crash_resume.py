"""A real-model run of the seeds killed in the middle of the cross-check resumes to the same verdicts."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.checks import assert_complete, changes
from tests.conftest import ROOT, SEEDS, run_cli


def test_a_real_model_run_killed_during_cross_check_resumes(
    seeds_run: tuple[subprocess.CompletedProcess[str], Path], tmp_path: Path
) -> None:
    done, reference = seeds_run
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    run = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", str(SEEDS), "--out", str(out), "--quiet"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    judged = out / ".cache" / "judge"
    deadline = time.monotonic() + 600
    while len(list(judged.rglob("*.json"))) < 6:  # the calibration probe and 5 claims
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.2)
    run.kill()
    run.wait()
    resumed = run_cli("run", str(SEEDS), "--out", str(out), "--quiet")
    assert resumed.returncode == 0, resumed.stderr
    assert_complete(out, reference)
    ch = changes(out)
    assert ch["extracted"] == 0 and ch["rechecked"] < changes(reference)["rechecked"]
