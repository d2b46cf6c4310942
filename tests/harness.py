"""`factcheck` in real processes with the rule-based scripted model, and a crash at a chosen point.

    python -m tests.harness run PATH --out OUT --model scripted-test-model

It runs the real command line: a supervisor process, a worker process that runs the flow (this
module again, so the worker installs the model and the crash below), and a Prefect server unless
PREFECT_API_URL names one. Environment:

FACTCHECK_TEST_CRASH="POINT:N:HOW" crashes the worker at the N-th occurrence of POINT:
  model    a model call (extraction or label scoring)
  extract  a document's extraction, just after it was saved to the cache
  judge    a claim's judgments, just after they were saved to the cache
  verdict  a verdict file, after its temp file was half written and before the rename
and HOW is `kill` (SIGKILL to the whole command, supervisor first, as `kill -9` would), `llama`
(a segfault inside libllama, in this worker: a real native crash) or `abort` (SIGABRT, which is
how llama.cpp stops on a failed assertion such as a grammar it cannot use).
FACTCHECK_TEST_DELAY=SECONDS makes every model call take that long, so that kills sent from
outside at random times land in the middle of the run.
FACTCHECK_TEST_PROMPTS=FILE appends every prompt the model is given to FILE, one JSON string a line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from pipeline.llm import ModelFile, ModelSource
from pipeline.output import emit
from pipeline.settings import Settings
from pipeline.store import CALIBRATION, ResultStore
from tests.fakes import hashed_judge, restate, rule_model

MODEL = "scripted-test-model"
_counts: dict[str, int] = {}
_counting = threading.Lock()


def _crash(how: str) -> None:
    if how == "llama":
        import llama_cpp

        llama_cpp.llama_sampler_sample(None, None, 0)  # a segfault inside libllama, no model needed
    if how == "abort":
        os.abort()  # what a failed GGML_ASSERT does
    os.kill(os.getppid(), signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)


def _reached(point: str) -> None:
    """Count an occurrence of `point`; crash the worker if it is the one asked for."""
    with _counting:
        _counts[point] = _counts.get(point, 0) + 1
        n = _counts[point]
    plan = os.environ.get("FACTCHECK_TEST_CRASH", "")
    if plan:
        where, at, how = plan.split(":")
        if where == point and n == int(at):
            _crash(how)


def _slow(reply: Any) -> Any:
    delay = float(os.environ.get("FACTCHECK_TEST_DELAY", "0"))

    record = os.environ.get("FACTCHECK_TEST_PROMPTS")

    def answer(prompt: str) -> Any:
        _reached("model")
        if record:
            with _counting, open(record, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(prompt) + "\n")
        time.sleep(delay)
        return reply(prompt)

    return answer


def _install() -> ModelSource:
    """The worker's model (scripted) and its crash points; returns the model to run the command with."""
    fake = rule_model().always(json_reply=_slow(restate), choice_reply=_slow(hashed_judge))

    save_extraction, save_judgments = ResultStore.save_extraction, ResultStore.save_judgments

    def saved_extraction(self: ResultStore, result: Any) -> None:
        save_extraction(self, result)
        _reached("extract")

    def saved_judgments(self: ResultStore, claim_id: str, memo: Any) -> None:
        save_judgments(self, claim_id, memo)
        if claim_id != CALIBRATION:
            _reached("judge")

    write_atomic = emit.write_atomic

    def written(path: Path, text: str) -> None:
        plan = os.environ.get("FACTCHECK_TEST_CRASH", "")
        if path.parent.name == "verdicts" and plan.startswith("verdict:"):
            n = _counts.get("verdict", 0) + 1
            if n == int(plan.split(":")[1]):  # what a kill between write and rename leaves
                fd, _ = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
                os.write(fd, text[: len(text) // 2].encode())
            _reached("verdict")
        write_atomic(path, text)

    ResultStore.save_extraction = saved_extraction  # type: ignore[method-assign]
    ResultStore.save_judgments = saved_judgments  # type: ignore[method-assign]
    emit.write_atomic = written  # type: ignore[attr-defined]
    return ModelSource(ModelFile(MODEL, Path("scripted"), "0" * 64, "raw"), Settings.from_env(), fake)


def command(paths: list[Path], out: Path) -> list[str]:
    where = [*map(str, paths), "--out", str(out), "--model", MODEL]
    return [sys.executable, "-m", "tests.harness", "run", *where]


def environment(
    api: str | None, crash: str | None = None, delay: float = 0.0, marker: str = "", judge: str = "encoder"
) -> dict[str, str]:
    """The harness's environment: the Prefect server at `api`, or with None one of its own; `judge`
    decides which passages state a claim (the crash tests take the model's path: its judgments are
    cached, so a run killed while judging resumes)."""
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "FACTCHECK_TEST_DELAY": str(delay),
        "FACTCHECK_STANCE_JUDGE": judge,
    }
    for name in ("FACTCHECK_TEST_CRASH", "PREFECT_API_URL", "FACTCHECK_WORKER"):
        env.pop(name, None)
    if api:
        env["PREFECT_API_URL"] = api
    if crash:
        env["FACTCHECK_TEST_CRASH"] = crash
    if marker:
        env["FACTCHECK_TEST_MARKER"] = marker
    return env


def run_harness(
    paths: list[Path],
    out: Path,
    api: str | None,
    crash: str | None = None,
    prompts: Path | None = None,
    judge: str = "encoder",
) -> subprocess.CompletedProcess[str]:
    """`factcheck run PATHS --out OUT --quiet` with the scripted model, to completion."""
    env = environment(api, crash, judge=judge)
    if prompts is not None:
        env["FACTCHECK_TEST_PROMPTS"] = str(prompts)
    return subprocess.run(
        [*command(paths, out), "--quiet"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        timeout=600,
    )


if __name__ == "__main__":
    from flows import supervise
    from flows.cli import main

    sys.exit(main(source=_install() if supervise.is_worker() else None))
