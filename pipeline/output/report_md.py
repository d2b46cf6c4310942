"""out/report.md (and the Prefect markdown artifact): counts, then one row per claim grouped by verdict."""

from __future__ import annotations

from pipeline.output.report_html import shorten
from pipeline.records import Document, RunManifest, Verdict, VerdictLabel


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
