"""Events end to end: a mixed inbox is grouped before anything is checked, every stance rests on a
document of the claim's own event, an article alone in its event costs no cross-check call, and
`factcheck events` prints and writes the grouping without a model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipeline.ingest import ingest
from tests.checks import check_output
from tests.conftest import DATA, SEEDS, run_cli, scripted_source
from tests.fakes import ScriptedChatModel

LONE = "A new species of orchid was described by botanists in the cloud forests of Ecuador this week.\n"


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in sorted(SEEDS.iterdir())[:3]:
        shutil.copy(seed, inbox / seed.name)
    for name in ("dhaka_floods.txt", "dhaka_floods_2.txt"):
        shutil.copy(DATA / "articles" / name, inbox / name)
    (inbox / "orchid.txt").write_text(LONE, encoding="utf-8")
    return inbox


def test_a_mixed_inbox_is_checked_event_by_event(
    prefect_harness: None, scripted: ScriptedChatModel, tmp_path: Path
) -> None:
    from flows.factcheck_flow import factcheck

    inbox, out = _inbox(tmp_path), tmp_path / "out"
    factcheck(paths=[str(inbox)], out_dir=str(out), model=scripted_source(scripted))
    run, verdicts = check_output(out)
    events = {e["event_id"]: e for e in run["events"]}
    by_name = {Path(d["path"]).name: d for d in run["documents"]}
    seeds = {by_name[p.name]["event_id"] for p in sorted(SEEDS.iterdir())[:3]}
    floods = {by_name[n]["event_id"] for n in ("dhaka_floods.txt", "dhaka_floods_2.txt")}
    assert len(seeds) == len(floods) == 1 and seeds != floods and len(events) == 3
    lone = by_name["orchid.txt"]["event_id"]
    assert events[lone]["doc_ids"] == [by_name["orchid.txt"]["doc_id"]]
    for verdict in verdicts:
        members = set(events[verdict["event_id"]]["doc_ids"])
        assert {s["doc_id"] for s in verdict["sources"]} <= members
        # One stance per other document of the event, none from another event.
        assert {s["doc_id"] for s in verdict["stances"]} == members - {verdict["source"]["doc_id"]}
        if verdict["event_id"] == lone:
            assert verdict["verdict"] == "single_source" and verdict["stances"] == []
    # The cross-check asked the model nothing (the sentence encoder decides), and no evidence ever
    # came from another event's article.
    assert not [prompt for kind, prompt, _ in scripted.history if kind == "choice"]
    texts = {
        d["doc_id"]: (out / "documents" / f"{d['doc_id']}.txt").read_text(encoding="utf-8")
        for d in run["documents"]
    }
    for verdict in verdicts:
        for stance in verdict["stances"]:
            if stance["evidence"]:
                span = stance["evidence"]
                assert texts[stance["doc_id"]][span["start"] : span["end"]] == span["text"]
    assert sum(e["counts"].get("single_source", 0) for e in run["events"]) >= 1


THIRD_FLOODS = (
    "Dhaka floods: death toll passes 40\n"
    "More than 40 people have died in the Dhaka floods since Saturday, the Bangladesh health ministry said.\n"
    "Monsoon rains left large parts of Dhaka under water and thousands were moved to shelters.\n"
)


def test_an_article_joining_one_event_recomputes_only_that_event(
    prefect_harness: None, scripted: ScriptedChatModel, tmp_path: Path
) -> None:
    from flows.factcheck_flow import factcheck

    inbox, out = _inbox(tmp_path), tmp_path / "out"
    first = factcheck(paths=[str(inbox)], out_dir=str(out), model=scripted_source(scripted))
    assert sorted(first.changes.events.recomputed) == sorted(e.event_id for e in first.events)
    floods = next(d.event_id for d in first.documents if d.path.endswith("dhaka_floods.txt"))
    files = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "verdicts").iterdir()}

    (inbox / "dhaka_floods_3.txt").write_text(THIRD_FLOODS, encoding="utf-8")
    calls = len(scripted.history)
    second = factcheck(paths=[str(inbox)], out_dir=str(out), model=scripted_source(scripted))
    joined = next(d for d in second.documents if d.path.endswith("dhaka_floods_3.txt"))
    assert joined.event_id == floods
    assert second.changes.events.recomputed == [floods]
    assert second.changes.events.unchanged == 2 and second.changes.events.closed == []
    # The model saw only the flood event's sentences; other events' verdict files were not rewritten.
    others = {d.doc_id for d in second.documents if d.event_id != floods}
    sentences = [s.text for d in ingest([inbox]).documents if d.doc_id in others for s in d.sentences]
    prompts = [prompt for _, prompt, _ in scripted.history[calls:]]
    assert prompts and len(sentences) > 20
    assert not any(sentence in prompt for sentence in sentences for prompt in prompts)
    _, verdicts = check_output(out)
    for verdict in verdicts:
        name = f"{verdict['claim_id']}.json"
        if verdict["event_id"] != floods:
            path = out / "verdicts" / name
            assert (path.read_bytes(), path.stat().st_mtime_ns) == files[name]
        else:
            assert joined.doc_id in {s["doc_id"] for s in verdict["stances"]} | {
                s["doc_id"] for s in verdict["sources"]
            }


def test_events_command_groups_without_a_model(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path)
    out_json = tmp_path / "events.json"
    done = run_cli("events", str(inbox), "--json", str(out_json))
    assert done.returncode == 0, done.stderr
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert len(data["events"]) == 3 and len(data["documents"]) == 6
    assert {d["path"] for d in data["documents"]} == {str(p) for p in sorted(inbox.iterdir())}
    for event in data["events"]:
        assert event["label"] and event["label"] in done.stdout
    seed_event = next(
        d["event_id"] for d in data["documents"] if d["path"].endswith(".txt") and "00" in d["path"]
    )
    assert all(
        d["event_id"] == seed_event for d in data["documents"] if Path(d["path"]).name.startswith("00")
    )
