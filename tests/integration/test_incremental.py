"""Runs on an output directory that holds earlier results: only new work reaches the model, the result
equals a fresh run, removed documents' claims are retired, and each run is recorded."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from pipeline.output import read_history
from pipeline.settings import Settings
from tests.checks import check_output
from tests.conftest import scripted_source
from tests.fakes import ScriptedChatModel

A = (
    "A US warplane shot down a Syrian army jet near Raqqa on Sunday, officials said.\n"
    "The Syrian army said the pilot was missing after the crash.\n"
)
B = (
    "US forces shot down a Syrian army jet near Raqqa on Sunday.\n"
    "Weather in the region was clear and dry for most of the week.\n"
)
C = (
    "Damascus said the pilot of the Syrian army jet shot down near Raqqa was missing after the crash.\n"
    "The US warplane shot down the Syrian jet on Sunday, the coalition said.\n"
)


def _run(inbox: Path, out: Path, model: ScriptedChatModel):  # type: ignore[no-untyped-def]
    from flows.factcheck_flow import factcheck

    # The model's judging path, whose judgments are cached and re-used (by default the sentence
    # encoder decides and every claim is screened anew, asking the model nothing).
    settings = replace(Settings.from_env(), stance_judge="model")
    return factcheck(paths=[str(inbox)], out_dir=str(out), model=scripted_source(model, settings))


def _verdict_files(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((out / "verdicts").glob("*.json"))}


def test_incremental_runs(prefect_harness: None, scripted: ScriptedChatModel, tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_text(A, encoding="utf-8")
    (inbox / "b.txt").write_text(B, encoding="utf-8")

    first = _run(inbox, out, scripted)
    assert first.changes.extracted == 2 and first.changes.reused == 0
    assert len(first.changes.documents.new) == 2
    pilot = [json.loads(t) for t in _verdict_files(out).values() if "pilot" in t]
    assert [v["verdict"] for v in pilot] == ["single_source"]

    # A new article: only its sentences are extracted, only claims that meet it are judged anew.
    (inbox / "c.txt").write_text(C, encoding="utf-8")
    calls = len(scripted.history)
    second = _run(inbox, out, scripted)
    new_calls = scripted.history[calls:]
    extracted = [p.rsplit("Sentence: ", 1)[1].strip() for kind, p, _ in new_calls if kind == "json"]
    assert extracted == C.splitlines()
    assert second.changes.documents.new == [str(inbox / "c.txt")]
    assert sorted(second.changes.documents.unchanged) == [str(inbox / "a.txt"), str(inbox / "b.txt")]
    assert second.changes.extracted == 1 and second.changes.reused == 2
    assert 0 < second.changes.claims_rechecked < second.counts["claim_mentions"]
    # The new source corroborates the pilot claim, which keeps its file.
    pilot_after = json.loads((out / "verdicts" / f"{pilot[0]['claim_id']}.json").read_text(encoding="utf-8"))
    assert pilot_after["verdict"] == "corroborated"
    assert pilot[0]["claim_id"] in second.changes.verdicts.changed_claims
    check_output(out)

    # Exactly what a fresh run on the same inputs writes.
    fresh = tmp_path / "fresh"
    _run(inbox, fresh, scripted)
    assert _verdict_files(fresh) == _verdict_files(out)

    # Nothing new: no model call at all, no verdict file rewritten.
    calls = len(scripted.history)
    mtimes = {p.name: p.stat().st_mtime_ns for p in (out / "verdicts").glob("*.json")}
    third = _run(inbox, out, scripted)
    assert len(scripted.history) == calls
    assert third.changes.extracted == 0 and third.changes.claims_rechecked == 0
    assert third.changes.verdicts.changed == third.changes.verdicts.new == 0
    assert {p.name: p.stat().st_mtime_ns for p in (out / "verdicts").glob("*.json")} == mtimes

    # A removed article: its claims are retired, not deleted.
    (inbox / "b.txt").unlink()
    fourth = _run(inbox, out, scripted)
    assert fourth.changes.documents.removed == [str(inbox / "b.txt")]
    retired = {p.name for p in (out / "retired").glob("*.json")}
    assert retired and fourth.changes.verdicts.retired == len(retired)
    assert not retired & set(_verdict_files(out))
    weather = [json.loads((out / "retired" / n).read_text(encoding="utf-8")) for n in retired]
    assert any("Weather" in v["claim"] for v in weather)

    # An edited article is "changed"; the history file has one line per run.
    (inbox / "c.txt").write_text(C.replace("Sunday", "Saturday"), encoding="utf-8")
    fifth = _run(inbox, out, scripted)
    assert fifth.changes.documents.changed == [str(inbox / "c.txt")] and fifth.changes.extracted == 1
    history = read_history(out)
    assert [h["run_id"] for h in history] == [m.run_id for m in (first, second, third, fourth, fifth)]
    run, _ = check_output(out)
    assert run["changes"]["documents"]["changed"] == [str(inbox / "c.txt")]


def test_a_damaged_cache_is_recomputed(
    prefect_harness: None, scripted: ScriptedChatModel, tmp_path: Path
) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_text(A, encoding="utf-8")
    (inbox / "b.txt").write_text(B, encoding="utf-8")
    _run(inbox, out, scripted)
    before = _verdict_files(out)
    for path in (out / ".cache").rglob("*.json"):
        path.write_text("{truncated", encoding="utf-8")
    again = _run(inbox, out, scripted)
    assert again.changes.extracted == 2
    assert _verdict_files(out) == before
    shutil.rmtree(out / ".cache")
    assert _run(inbox, out, scripted).changes.extracted == 2
