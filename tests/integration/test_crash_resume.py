"""Crashes and concurrency with real processes: SIGKILL at chosen and at random points, a native
crash inside llama.cpp, and two runs on one output directory. The runs use the rule-based
scripted model (tests/harness.py) so that each takes seconds (tests/real_model kills a real-model run)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.checks import assert_complete, changes
from tests.conftest import ROOT, SEEDS
from tests.harness import command, environment, run_harness

# The model's judging path: its judgments are cached, so these runs can be killed while judging.
JUDGE = "model"


@pytest.fixture(scope="module")
def reference(prefect_api: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reference") / "out"
    done = run_harness([SEEDS], out, prefect_api, judge=JUDGE)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize(
    "crash",
    [
        "model:40:kill",  # during extraction
        "extract:2:llama",  # llama.cpp segfaults after two documents were extracted
        "judge:5:kill",  # during cross-check
        "verdict:7:kill",  # while writing verdicts, between a temp file and its rename
    ],
)
def test_a_crashed_run_resumes_to_the_uninterrupted_result(
    crash: str, prefect_api: str, reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = run_harness([SEEDS], out, prefect_api, crash, judge=JUDGE)
    if crash.endswith(":kill"):
        assert first.returncode == -signal.SIGKILL, first.stderr
    else:
        assert first.returncode == 3, first.stderr
        assert "the run crashed (its process was killed by SIGSEGV" in first.stderr
        assert "run the same command again to resume" in first.stderr
    full = changes(reference)
    second = run_harness([SEEDS], out, prefect_api, judge=JUDGE)
    assert second.returncode == 0, second.stderr
    assert_complete(out, reference)
    resumed = changes(out)
    if crash.startswith("extract:"):
        assert resumed["reused"] >= 2 and resumed["extracted"] <= 3
    if crash.startswith("judge:"):
        assert resumed["extracted"] == 0 and resumed["rechecked"] <= full["rechecked"] - 5
    if crash.startswith("verdict:"):
        assert resumed == {"extracted": 0, "reused": 5, "rechecked": 0}


def _started(out: Path, api: str, delay: float) -> subprocess.Popen[bytes]:
    """The command on the seeds, started and left running; each model call takes `delay` seconds."""
    quiet = subprocess.DEVNULL
    env = environment(api, delay=delay, judge=JUDGE)
    return subprocess.Popen(
        [*command([SEEDS], out), "--quiet"], cwd=ROOT, env=env, stdout=quiet, stderr=quiet
    )


def test_kills_at_random_times_then_a_full_run(prefect_api: str, reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    rng = random.Random(6)
    kills = []
    for _ in range(4):
        run = _started(out, prefect_api, delay=0.03)
        at = rng.uniform(1.0, 9.0)
        kills.append(round(at, 1))
        try:
            run.wait(timeout=at)
        except subprocess.TimeoutExpired:
            run.kill()
            run.wait()
    done = run_harness([SEEDS], out, prefect_api, judge=JUDGE)
    assert done.returncode == 0, (kills, done.stderr)
    assert_complete(out, reference)


def test_a_second_run_on_the_same_output_is_refused(
    prefect_api: str, reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    # Slow enough that the first run still holds the output while the second starts up, even on a
    # busy machine (at 0.05 s per model call a loaded CI box let the first finish first).
    first = _started(out, prefect_api, delay=0.3)
    try:
        deadline = time.monotonic() + 120
        while not (out / ".lock").is_file() or not (out / ".lock").read_text().startswith("pid"):
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.1)
        second = run_harness([SEEDS], out, prefect_api, judge=JUDGE)
        assert second.returncode == 2, (first.poll(), second.stderr[-2000:])
        assert second.stderr.strip().startswith(
            "factcheck: error:"
        ) and "in use by another factcheck run" in (second.stderr)
        assert len(second.stderr.strip().splitlines()) == 1
        assert first.wait(timeout=600) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert_complete(out, reference)


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _run_alone(out: Path, crash: str) -> tuple[subprocess.Popen[str], str, str, str]:
    """The command with its own Prefect server, its pipes held by the test as a shell pipe would."""
    marker = uuid.uuid4().hex
    run = subprocess.Popen(
        command([SEEDS], out),
        cwd=ROOT,
        env=environment(None, crash, marker=marker, judge=JUDGE),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # communicate() returns only when every process holding the pipes has exited.
    stdout, stderr = run.communicate(timeout=300)
    return run, stdout, stderr, marker


def _assert_nothing_left_running(marker: str) -> None:
    deadline = time.monotonic() + 30  # a server given SIGTERM takes a moment to stop
    while _processes_with(marker):
        assert time.monotonic() < deadline, f"still running: {_processes_with(marker)}"
        time.sleep(0.5)


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux only")
def test_a_killed_command_leaves_no_server_and_no_open_pipes(tmp_path: Path) -> None:
    run, _, _, marker = _run_alone(tmp_path / "out", "judge:3:kill")
    assert run.returncode == -signal.SIGKILL
    _assert_nothing_left_running(marker)
    assert len(list((tmp_path / "out" / ".cache" / "judge").rglob("*.json"))) >= 3


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux only")
def test_a_crash_inside_llama_cpp_is_reported_and_keeps_the_work(tmp_path: Path) -> None:
    run, _, stderr, marker = _run_alone(tmp_path / "out", "extract:3:abort")
    assert run.returncode == 3, stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("factcheck: error: the run crashed") and "SIGABRT" in last
    _assert_nothing_left_running(marker)
    assert len(list((tmp_path / "out" / ".cache" / "extract").rglob("*.json"))) == 3
    assert not (tmp_path / "out" / "verdicts").exists()
