"""out/report.html: one self-contained page (no scripts, no outside resources) with the claim x source
matrix, every verdict with its confidence and evidence quotes, and links to the verdict files.

Every text from an article or the model goes through html.escape: an article cannot inject markup."""

from __future__ import annotations

from html import escape

from pipeline.records import Document, EventEntry, RunManifest, StanceLabel, Verdict, VerdictLabel

_VERDICT_ORDER = {label: i for i, label in enumerate(VerdictLabel)}

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#1d1d1f}
h1{font-size:1.5em;margin:0 0 .2em}
.meta{color:#555;margin-bottom:1em}
table{border-collapse:collapse}
th,td{border:1px solid #d0d0d0;padding:4px 6px;vertical-align:top}
th{background:#f3f3f3;font-weight:600}
.counts td:last-child{text-align:right}
.matrix th.doc{writing-mode:vertical-rl;transform:rotate(180deg);max-height:14em;font-weight:500}
.matrix td.claim{max-width:34em}
.cell{text-align:center;font-size:12px;min-width:4.5em}
.cell.states{background:#cfe2ff;color:#0a3a8a}
.cell.supports{background:#c8ecc9;color:#155d18}
.cell.contradicts{background:#f8c9c4;color:#8a1c10}
.cell.not_mentioned{background:#ececec;color:#666}
.cell.none{background:#fff;color:#bbb}
.badge{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;font-weight:600}
.badge.corroborated{background:#2e7d32;color:#fff}
.badge.contradicted{background:#c62828;color:#fff}
.badge.disputed{background:#ef6c00;color:#fff}
.badge.single_source{background:#1565c0;color:#fff}
.badge.unverified{background:#757575;color:#fff}
details{margin-top:3px}
details li{margin:2px 0}
q{font-style:italic}
.legend span{margin-right:.8em}
"""

_CELL_TEXT = {
    "states": "states",
    StanceLabel.supports.value: "supports",
    StanceLabel.contradicts.value: "contradicts",
    StanceLabel.not_mentioned.value: "not mentioned",
    "none": "-",
}


def render_html(manifest: RunManifest, verdicts: list[Verdict], documents: list[Document]) -> str:
    titles = {d.doc_id: d.title for d in documents}
    ordered = sorted(verdicts, key=lambda v: (_VERDICT_ORDER[v.verdict], -v.confidence, v.claim_id))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Fact-check report {escape(manifest.run_id)}</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Fact-check report</h1>",
        f'<p class="meta">Run <code>{escape(manifest.run_id)}</code> · {escape(manifest.finished_at)} · '
        f"model <code>{escape(manifest.model.name)}</code> · {len(documents)} document(s) · "
        f"{len(verdicts)} claim(s)</p>",
        _counts(manifest),
        _changes(manifest),
        '<p class="legend">'
        + "".join(f'<span class="cell {k}">{escape(v)}</span>' for k, v in _CELL_TEXT.items() if k != "none")
        + "</p>",
        _event_index(manifest, ordered),
        *(_event_section(e, ordered, documents, titles) for e in manifest.events),
        _problems(manifest),
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _counts(manifest: RunManifest) -> str:
    rows = "".join(
        f'<tr><td><span class="badge {label.value}">{label.value}</span></td>'
        f"<td>{manifest.counts.get(label.value, 0)}</td></tr>"
        for label in VerdictLabel
    )
    return f'<table class="counts" id="counts"><tr><th>verdict</th><th>claims</th></tr>{rows}</table>'


def _changes(manifest: RunManifest) -> str:
    docs, verdicts = manifest.changes.documents, manifest.changes.verdicts
    return (
        '<p class="meta" id="changes">Since the previous run: '
        f"{len(docs.new)} new, {len(docs.changed)} changed, {len(docs.unchanged)} unchanged, "
        f"{len(docs.removed)} removed document(s); verdicts {verdicts.new} new, "
        f"{verdicts.changed} changed, {verdicts.retired} retired.</p>"
    )


def _event_index(manifest: RunManifest, verdicts: list[Verdict]) -> str:
    """One row per event: label, dates, sources, verdict counts, what changed since the last run."""
    changed = set(manifest.changes.verdicts.changed_claims)
    new_paths = set(manifest.changes.documents.new) | set(manifest.changes.documents.changed)
    recomputed = set(manifest.changes.events.recomputed)
    paths = {d.doc_id: d.path for d in manifest.documents}
    rows = []
    for event in manifest.events:
        mine = [v for v in verdicts if v.event_id == event.event_id]
        dates = " to ".join(dict.fromkeys(d for d in (event.first_date, event.last_date) if d)) or "undated"
        counts = " ".join(
            f'<span class="badge {label}">{label} {n}</span>' for label, n in event.counts.items()
        )
        fresh = sum(paths.get(d) in new_paths for d in event.doc_ids)
        rows.append(
            f'<tr class="event" data-event="{event.event_id}">'
            f'<td><a href="#event-{event.event_id}">{escape(shorten(event.label, 90))}</a></td>'
            f"<td>{escape(dates)}</td><td>{len(event.doc_ids)}</td><td>{counts}</td>"
            f"<td>{'recomputed' if event.event_id in recomputed else 'from the cache'}: "
            f"{fresh} new or changed document(s), "
            f"{sum(v.claim_id in changed for v in mine)} verdict(s) changed</td></tr>"
        )
    return (
        '<h2>Events</h2><table class="events" id="events"><tr><th>event</th><th>dates</th>'
        f"<th>sources</th><th>verdicts</th><th>since the previous run</th></tr>{''.join(rows)}</table>"
    )


def _event_section(
    event: EventEntry, verdicts: list[Verdict], documents: list[Document], titles: dict[str, str]
) -> str:
    members = set(event.doc_ids)
    mine = [v for v in verdicts if v.event_id == event.event_id]
    sources = [d for d in documents if d.doc_id in members]
    return (
        f'<section class="event" id="event-{event.event_id}"><h2>{escape(event.label)}</h2>\n'
        f"{_matrix(mine, sources, titles, event.event_id)}</section>"
    )


def _matrix(verdicts: list[Verdict], documents: list[Document], titles: dict[str, str], event_id: str) -> str:
    head = "".join(
        f'<th class="doc" data-doc="{d.doc_id}"><a href="documents/{d.doc_id}.txt">'
        f"{escape(shorten(d.title, 60))}</a></th>"
        for d in documents
    )
    rows = [
        f'<table class="matrix" id="matrix-{event_id}">',
        f"<thead><tr><th>verdict</th><th>confidence</th><th>claim</th>{head}</tr></thead><tbody>",
    ]
    for v in verdicts:
        cells = "".join(_cell(v, d.doc_id) for d in documents)
        rows.append(
            f'<tr class="claim" id="claim-{v.claim_id}" data-verdict="{v.verdict.value}">'
            f'<td><span class="badge {v.verdict.value}">{v.verdict.value}</span></td>'
            f"<td>{v.confidence:.2f}</td>"
            f'<td class="claim"><a href="verdicts/{v.claim_id}.json">{escape(v.claim)}</a>'
            f"<br><small>{escape(v.claimer)} · {escape(v.reason)}</small>"
            f"{_evidence(v, titles)}</td>{cells}</tr>"
        )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _cell(verdict: Verdict, doc_id: str) -> str:
    kind, tip = "none", ""
    states = [s for s in verdict.sources if s.doc_id == doc_id]
    if states:
        kind, tip = "states", states[0].quote.text
    else:
        for stance in verdict.stances:
            if stance.doc_id == doc_id:
                kind = stance.stance.value
                tip = stance.evidence.text if stance.evidence else (stance.note or stance.method)
                break
    tip = escape(shorten(tip, 300))
    return (
        f'<td class="cell {kind}" data-doc="{doc_id}" data-stance="{kind}" title="{tip}">'
        f"{_CELL_TEXT[kind]}</td>"
    )


def _evidence(verdict: Verdict, titles: dict[str, str]) -> str:
    items = [
        f"<li>states · {escape(titles.get(s.doc_id, s.doc_id))}: <q>{escape(s.quote.text)}</q></li>"
        for s in verdict.sources
    ]
    items += [
        f'<li class="{s.stance.value}">{s.stance.value.replace("_", " ")} ({escape(s.method)}) · '
        f"{escape(titles.get(s.doc_id, s.doc_id))}: <q>{escape(s.evidence.text)}</q></li>"
        for s in verdict.stances
        if s.evidence is not None
    ]
    return f"<details><summary>evidence ({len(items)})</summary><ul>{''.join(items)}</ul></details>"


def _problems(manifest: RunManifest) -> str:
    items = [f"<li><code>{escape(r.path)}</code>: {escape(r.reason)}</li>" for r in manifest.rejected]
    items += [
        f"<li><code>{escape(d.path)}</code>: {escape(d.error)}</li>" for d in manifest.documents if d.error
    ]
    notes = [(d.path, n) for d in manifest.documents for n in d.notes]
    items += [f"<li><code>{escape(path)}</code>: {escape(note)}</li>" for path, note in notes]
    if not items:
        return ""
    return f'<h2>Inputs not (fully) processed</h2><ul id="problems">{"".join(items)}</ul>'


def shorten(text: str, limit: int) -> str:
    """One line of at most limit characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
