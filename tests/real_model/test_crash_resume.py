"""A real-model run of the seeds killed in the middle of extraction resumes to the same verdicts.
(The cross-check asks the model nothing by default: the sentence encoder decides.)"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.checks import assert_complete, changes
from tests.conftest import ROOT, SEEDS, run_cli


def test_a_real_model_run_killed_during_extraction_resumes(
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
    extracted = out / ".cache" / "extract"
    deadline = time.monotonic() + 600
    while len(list(extracted.rglob("*.json"))) < 2:  # two of the five articles
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.2)
    run.kill()
    run.wait()
    resumed = run_cli("run", str(SEEDS), "--out", str(out), "--quiet")
    assert resumed.returncode == 0, resumed.stderr
    assert_complete(out, reference)
    ch = changes(out)
    assert ch["reused"] >= 2 and ch["extracted"] <= 3
