"""Emit: verdict files, document texts, the run manifest and the report, each written atomically."""

from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jsonschema

from pipeline.grounding import check_span
from pipeline.records import Document, RunManifest, Verdict, VerdictLabel
from pipeline.report_html import render_html, shorten
from pipeline.schemas import schema_for

_SAFE_ID = re.compile(r"^[0-9a-f]{16}$")


class GroundingError(AssertionError):
    """A span about to be written does not equal the document text at its offsets (a bug)."""


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file in the same directory and rename, so readers never see a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class OutputLockedError(RuntimeError):
    """Another run is writing to the same output directory."""


@contextmanager
def output_lock(out_dir: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold out_dir for one run: a second run waits up to `wait` seconds, then refuses, instead of
    interleaving its writes.

    The lock is an flock, so it is released even when the holder is killed; temp files that a
    killed run left behind are removed once the lock is held."""
    out_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    with (out_dir / ".lock").open("a+") as fh:
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "another process"
                    raise OutputLockedError(
                        f"{out_dir} is in use by another factcheck run ({holder})"
                    ) from None
                time.sleep(0.2)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        for stale in out_dir.rglob(".*.tmp"):
            stale.unlink(missing_ok=True)
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)


def verdict_path(out_dir: Path, claim_id: str) -> Path:
    if not _SAFE_ID.match(claim_id):
        raise ValueError(f"refusing unsafe claim id {claim_id!r}")
    return out_dir / "verdicts" / f"{claim_id}.json"


def check_verdict(verdict: Verdict, texts: dict[str, str]) -> dict[str, object]:
    """The verdict as JSON data, after checking every span against its document and the schema."""
    if not check_span(verdict.quote, texts[verdict.source.doc_id]):
        raise GroundingError(f"quote of {verdict.claim_id} does not match its document")
    for source in verdict.sources:
        if not check_span(source.quote, texts[source.doc_id]):
            raise GroundingError(f"quote of {source.claim_id} in {verdict.claim_id} does not match")
    for stance in verdict.stances:
        if stance.evidence is not None and not check_span(stance.evidence, texts[stance.doc_id]):
            raise GroundingError(f"evidence of {verdict.claim_id} from {stance.doc_id} does not match")
    data: dict[str, object] = verdict.model_dump(mode="json")
    jsonschema.validate(data, schema_for(Verdict))
    return data


def write_verdicts(out_dir: Path, verdicts: list[Verdict], documents: list[Document]) -> list[Path]:
    """One file per claim; verdict files of earlier runs that this run did not produce go to retired/."""
    texts = {d.doc_id: d.text for d in documents}
    written = []
    for verdict in verdicts:
        path = verdict_path(out_dir, verdict.claim_id)
        text = json.dumps(check_verdict(verdict, texts), indent=2, ensure_ascii=False) + "\n"
        if not _same_text(path, text):  # an unchanged verdict keeps its file (and its mtime)
            write_atomic(path, text)
        written.append(path)
    keep = {p.name for p in written}
    verdict_dir = out_dir / "verdicts"
    if verdict_dir.is_dir():
        for old in verdict_dir.glob("*.json"):
            if old.name not in keep:
                retired = out_dir / "retired" / old.name
                retired.parent.mkdir(parents=True, exist_ok=True)
                os.replace(old, retired)
    return written


def _same_text(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, ValueError):
        return False


def write_documents(out_dir: Path, documents: list[Document]) -> None:
    """The texts that all offsets refer to, so anyone can check a quote: documents/<doc_id>.txt."""
    for doc in documents:
        path = out_dir / "documents" / f"{doc.doc_id}.txt"
        if not _same_text(path, doc.text):
            write_atomic(path, doc.text)


def write_manifest(out_dir: Path, manifest: RunManifest) -> Path:
    data = manifest.model_dump(mode="json")
    jsonschema.validate(data, schema_for(RunManifest))
    path = out_dir / "run.json"
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


def verdict_counts(verdicts: list[Verdict]) -> dict[str, int]:
    counts = Counter(v.verdict.value for v in verdicts)
    return {label.value: counts.get(label.value, 0) for label in VerdictLabel}


def _cell(text: str, limit: int = 160) -> str:
    return shorten(text.replace("|", "\\|"), limit)


def render_report(manifest: RunManifest, verdicts: list[Verdict], documents: list[Document]) -> str:
    """out/report.md: counts, then one row per claim grouped by verdict, then what went wrong."""
    names = {d.doc_id: d.title for d in documents}
    lines = [
        "# Fact-check report",
        "",
        f"Run `{manifest.run_id}` · {manifest.finished_at} · model `{manifest.model.name}` · "
        f"{len(documents)} document(s) · {len(verdicts)} claim(s) · {manifest.timings.get('total', 0):.1f} s",
        "",
        "| verdict | claims |",
        "|---|---|",
        *[f"| {label} | {n} |" for label, n in manifest.counts.items() if label in VerdictLabel.__members__],
        "",
    ]
    order = list(VerdictLabel)
    for label in order:
        group = sorted((v for v in verdicts if v.verdict is label), key=lambda v: -v.confidence)
        if not group:
            continue
        lines += [
            f"## {label.value} ({len(group)})",
            "",
            "| claim | claimer | source | confidence | evidence |",
            "|---|---|---|---|---|",
        ]
        for v in group:
            evidence = "; ".join(
                f"{s.stance.value} · {_cell(names.get(s.doc_id, s.doc_id), 40)}: "
                f"“{_cell(s.evidence.text, 120)}”"
                for s in v.stances
                if s.evidence is not None
            ) or _cell(v.reason, 120)
            lines.append(
                f"| [{_cell(v.claim)}](verdicts/{v.claim_id}.json) | {_cell(v.claimer, 40)} | "
                f"{_cell(v.source.title, 40)} | {v.confidence:.2f} | {evidence} |"
            )
        lines.append("")
    problems = [f"- `{r.path}`: {r.reason}" for r in manifest.rejected]
    problems += [f"- `{d.path}`: {d.error}" for d in manifest.documents if d.error]
    problems += [f"- `{d.path}`: {note}" for d in manifest.documents for note in d.notes]
    if problems:
        lines += ["## Inputs not (fully) processed", "", *problems, ""]
    return "\n".join(lines)


def write_report(
    out_dir: Path, manifest: RunManifest, verdicts: list[Verdict], documents: list[Document]
) -> Path:
    write_atomic(out_dir / "report.html", render_html(manifest, verdicts, documents))
    path = out_dir / "report.md"
    write_atomic(path, render_report(manifest, verdicts, documents))
    return path
