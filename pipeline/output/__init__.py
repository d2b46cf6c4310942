"""Output: verdict files, document texts, run.json, history.jsonl, report.md and report.html, every
span checked against its document and every file against its schema before it is written."""

from pipeline.output.emit import (
    check_verdict,
    verdict_path,
    write_documents,
    write_manifest,
    write_report,
    write_verdicts,
)
from pipeline.output.grounding import check_span
from pipeline.output.history import (
    append_history,
    document_changes,
    event_changes,
    previous_manifest,
    read_history,
    verdict_changes,
)
from pipeline.output.manifest import build_manifest, now, provenance, verdict_counts
from pipeline.output.report_html import render_html
from pipeline.output.report_md import render_report

__all__ = [
    "append_history",
    "build_manifest",
    "check_span",
    "check_verdict",
    "document_changes",
    "event_changes",
    "now",
    "previous_manifest",
    "provenance",
    "read_history",
    "render_html",
    "render_report",
    "verdict_changes",
    "verdict_counts",
    "verdict_path",
    "write_documents",
    "write_manifest",
    "write_report",
    "write_verdicts",
]
