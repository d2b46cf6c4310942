"""What changed since the previous run on the same output directory, and the run history file."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import ValidationError

from pipeline.records import (
    Document,
    DocumentChanges,
    EventChanges,
    Rejection,
    RunManifest,
    Verdict,
    VerdictChanges,
)

HISTORY = "history.jsonl"


def previous_manifest(out_dir: Path) -> RunManifest | None:
    """run.json of the last finished run, or None (first run, or a file from an incompatible version)."""
    try:
        return RunManifest.model_validate_json((out_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValidationError, ValueError):
        return None


def document_changes(
    previous: RunManifest | None, documents: list[Document], rejected: list[Rejection]
) -> DocumentChanges:
    before = {d.path: d.sha256 for d in previous.documents} if previous else {}
    changes = DocumentChanges(rejected=[r.path for r in rejected])
    for doc in documents:
        if doc.path not in before:
            changes.new.append(doc.path)
        elif before[doc.path] != doc.sha256:
            changes.changed.append(doc.path)
        else:
            changes.unchanged.append(doc.path)
    present = {d.path for d in documents} | set(changes.rejected)
    changes.removed = sorted(p for p in before if p not in present)
    return changes


def event_changes(
    previous: RunManifest | None, members: dict[str, set[str]], judged: set[str]
) -> EventChanges:
    """Which events (`members`: event id -> doc ids, in run order) this run had to recompute: new
    ones, ones whose documents changed, and ones where the model judged a claim anew (`judged`). The
    rest were re-derived from the cache, unchanged."""
    before = {e.event_id: set(e.doc_ids) for e in previous.events} if previous else {}
    changes = EventChanges()
    for event_id, doc_ids in members.items():
        if event_id in judged or before.get(event_id) != doc_ids:
            changes.recomputed.append(event_id)
        else:
            changes.unchanged += 1
    changes.closed = sorted(e for e in before if e not in members)
    return changes


def verdict_changes(out_dir: Path, verdicts: list[Verdict]) -> VerdictChanges:
    """Compare the verdicts about to be written with the files already in out/verdicts/."""
    folder = out_dir / "verdicts"
    old: dict[str, str | None] = {}
    if folder.is_dir():
        for path in folder.glob("*.json"):
            try:
                old[path.stem] = json.loads(path.read_text(encoding="utf-8")).get("verdict")
            except (OSError, ValueError, AttributeError):
                old[path.stem] = None  # unreadable: it will be rewritten, and counts as changed
    changes = VerdictChanges()
    current = set()
    for verdict in verdicts:
        current.add(verdict.claim_id)
        if verdict.claim_id not in old:
            changes.new += 1
        elif old[verdict.claim_id] != verdict.verdict.value:
            changes.changed += 1
            changes.changed_claims.append(verdict.claim_id)
        else:
            changes.unchanged += 1
    changes.retired = sum(1 for claim_id in old if claim_id not in current)
    changes.changed_claims.sort()
    return changes


def append_history(out_dir: Path, manifest: RunManifest) -> None:
    """One line per run in out/history.jsonl, appended with a single write."""
    entry = {
        "run_id": manifest.run_id,
        "started_at": manifest.started_at,
        "finished_at": manifest.finished_at,
        "counts": manifest.counts,
        "changes": manifest.changes.model_dump(mode="json"),
        "seconds": manifest.timings.get("total"),
    }
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(out_dir / HISTORY, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def read_history(out_dir: Path) -> list[dict[str, object]]:
    path = out_dir / HISTORY
    if not path.is_file():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue  # a line cut by a crash mid-write; the runs before and after are intact
    return entries
