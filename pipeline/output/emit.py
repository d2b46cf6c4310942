"""Emit: verdict files, document texts, the run manifest and the report, each written atomically."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema

from pipeline.errors import GroundingError
from pipeline.files import same_text, write_atomic
from pipeline.output.grounding import check_span
from pipeline.output.report_html import render_html
from pipeline.output.report_md import render_report
from pipeline.records import Document, RunManifest, Verdict
from pipeline.schemas import schema_for

_SAFE_ID = re.compile(r"^[0-9a-f]{16}$")


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
        if not same_text(path, text):  # an unchanged verdict keeps its file (and its mtime)
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


def write_documents(out_dir: Path, documents: list[Document]) -> None:
    """The texts that all offsets refer to, so anyone can check a quote: documents/<doc_id>.txt."""
    for doc in documents:
        path = out_dir / "documents" / f"{doc.doc_id}.txt"
        if not same_text(path, doc.text):
            write_atomic(path, doc.text)


def write_manifest(out_dir: Path, manifest: RunManifest) -> Path:
    data = manifest.model_dump(mode="json")
    jsonschema.validate(data, schema_for(RunManifest))
    path = out_dir / "run.json"
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


def write_report(
    out_dir: Path, manifest: RunManifest, verdicts: list[Verdict], documents: list[Document]
) -> Path:
    write_atomic(out_dir / "report.html", render_html(manifest, verdicts, documents))
    path = out_dir / "report.md"
    write_atomic(path, render_report(manifest, verdicts, documents))
    return path
