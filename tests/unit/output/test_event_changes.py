"""Which events a run recomputed: new ones, ones whose documents changed, ones the model judged anew."""

from __future__ import annotations

from pipeline.output import event_changes
from pipeline.records import EventEntry, ModelInfo, RunManifest


def _previous(events: dict[str, list[str]]) -> RunManifest:
    model = ModelInfo(name="m", path="p", sha256="0" * 64)
    return RunManifest(
        run_id="r",
        started_at="t",
        finished_at="t",
        pipeline_version="v",
        model=model,
        embedder=model,
        encoder=model,
        prompts={},
        inputs=[],
        events=[
            EventEntry(event_id=e, label=e, doc_ids=docs, first_date=None, last_date=None)
            for e, docs in events.items()
        ],
        documents=[],
        rejected=[],
        counts={},
        timings={},
        model_stats={},
    )


def test_first_run_recomputes_every_event() -> None:
    changes = event_changes(None, {"a": {"1"}, "b": {"2"}}, set())
    assert (changes.recomputed, changes.unchanged, changes.closed) == (["a", "b"], 0, [])


def test_only_changed_or_judged_events_are_recomputed() -> None:
    before = _previous({"same": ["1", "2"], "grows": ["3"], "judged": ["4"], "gone": ["5"]})
    now = {"same": {"1", "2"}, "grows": {"3", "6"}, "judged": {"4"}, "new": {"7"}}
    changes = event_changes(before, now, judged={"judged"})
    assert changes.recomputed == ["grows", "judged", "new"]
    assert (changes.unchanged, changes.closed) == (1, ["gone"])
