"""`factcheck serve` for real: its own Prefect server, Prefect's scheduler, the embedded model; an
article added between runs is the only one processed by the next run, and only its event is
recomputed."""

from __future__ import annotations

import fcntl
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.output import read_history
from tests.checks import check_output
from tests.conftest import DATA, ROOT

A = (
    "A US warplane shot down a Syrian army jet near Raqqa on Sunday, officials said.\n"
    "The Syrian army said the pilot was missing after the crash.\n"
)
B = "US forces shot down a Syrian army jet near Raqqa on Sunday.\n"
C = "The Syrian army said the pilot of the downed jet was missing after the crash near Raqqa.\n"


def _wait(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.5)


def test_serve_processes_only_new_articles(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_text(A, encoding="utf-8")
    (inbox / "b.txt").write_text(B, encoding="utf-8")
    for name in ("dhaka_floods.txt", "dhaka_floods_2.txt"):  # a second event, which c.txt leaves alone
        (inbox / name).write_bytes((DATA / "articles" / name).read_bytes())
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PYTHONUNBUFFERED"] = "1"
    log = (tmp_path / "serve.log").open("w")
    command = [sys.executable, "-m", "flows.cli", "serve", "--inbox", str(inbox), "--out", str(out)]
    process = subprocess.Popen(
        [*command, "--interval", "4", "--max-runs", "3"],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
        env=env,
    )
    try:
        _wait(lambda: len(read_history(out)) >= 1, 300, "the first scheduled run")
        # Add the article while no run is writing: hold the output lock as a run would.
        with (out / ".lock").open("a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            files = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "verdicts").iterdir()}
            (inbox / "c.txt").write_text(C, encoding="utf-8")
            fcntl.flock(lock, fcntl.LOCK_UN)
        process.wait(timeout=400)
    finally:
        if process.poll() is None:
            process.kill()
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert process.returncode == 0, output[-3000:]

    history = read_history(out)
    assert len(history) == 3, output[-3000:]
    changes = [h["changes"] for h in history]
    paths = {p.name: str(p) for p in inbox.iterdir()}
    assert sorted(changes[0]["documents"]["new"]) == sorted(v for k, v in paths.items() if k != "c.txt")
    first_with_c = next(i for i, c in enumerate(changes) if paths["c.txt"] in c["documents"]["new"])
    assert first_with_c >= 1
    for before in changes[1:first_with_c]:  # runs that started before the article arrived
        assert before["documents"]["new"] == [] and before["extracted"] == 0
    picked = changes[first_with_c]
    assert sorted(picked["documents"]["unchanged"]) == sorted(v for k, v in paths.items() if k != "c.txt")
    assert picked["extracted"] == 1 and picked["reused"] == 4
    # The new source either adds claims of its own or joins (and changes) existing verdicts.
    assert picked["verdicts"]["new"] + picked["verdicts"]["changed"] >= 1
    for after in changes[first_with_c + 1 :]:
        assert after["extracted"] == 0 and after["claims_rechecked"] == 0

    # Every verdict of c.txt's event now accounts for it; the flood event was not recomputed and its
    # verdict files were not rewritten. Files are schema-valid and grounded.
    run, verdicts = check_output(out)
    event_of = {Path(d["path"]).name: d["event_id"] for d in run["documents"]}
    assert event_of["a.txt"] == event_of["b.txt"] == event_of["c.txt"] != event_of["dhaka_floods.txt"]
    assert picked["events"]["recomputed"] == [event_of["c.txt"]] and picked["events"]["unchanged"] == 1
    c_id = next(d["doc_id"] for d in run["documents"] if d["path"] == paths["c.txt"])
    for verdict in verdicts:
        mentioned = {s["doc_id"] for s in verdict["sources"]} | {s["doc_id"] for s in verdict["stances"]}
        if verdict["event_id"] == event_of["c.txt"]:
            assert c_id in mentioned or verdict["verdict"] == "unverified"
        else:
            path = out / "verdicts" / f"{verdict['claim_id']}.json"
            assert (path.read_bytes(), path.stat().st_mtime_ns) == files[path.name]
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]["documents"] == 5

    # The Prefect server that serve started is gone with it.
    url = re.search(r"Prefect dashboard: (http://127\.0\.0\.1:\d+)", output)
    assert url, output[:2000]
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{url.group(1)}/api/health", timeout=2)
