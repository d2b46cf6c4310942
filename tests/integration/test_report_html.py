"""out/report.html rendered in headless Chromium: the claim x source matrix, colour-coded, with
working links, and an article's markup shown as text, never run."""

from __future__ import annotations

import json
from pathlib import Path

from tests.browser import open_page
from tests.checks import check_output
from tests.conftest import SEEDS, scripted_source
from tests.fakes import ScriptedChatModel

# Another story than the seeds', so that its claim stays a row of its own (in the seeds' event it
# would merge into theirs, as the same fact, and the markup would not be shown).
HOSTILE = (
    "<script>document.title = 'pwned'</script><b>Bold claim</b>: The harbour authority closed the "
    "northern pier to cargo ships on Monday.\n"
    'An <img src=x onerror="document.title=1"> image tag sat in the story about the pier.\n'
)

PAGE_FACTS = """JSON.stringify({
  title: document.title,
  scripts: document.scripts.length,
  images: document.images.length,
  events: [...document.querySelectorAll('#events tr.event')].map(tr => tr.dataset.event),
  docs: [...document.querySelectorAll('table.matrix th.doc')].map(th => th.dataset.doc),
  rows: [...document.querySelectorAll('table.matrix tr.claim')].map(tr => ({
    id: tr.id.slice(6),
    verdict: tr.dataset.verdict,
    href: tr.querySelector('td.claim a').getAttribute('href'),
    claim: tr.querySelector('td.claim a').textContent,
    cells: [...tr.querySelectorAll('td.cell')].map(td => td.dataset.stance),
  })),
  colours: Object.fromEntries(['states', 'supports', 'contradicts', 'not_mentioned'].map(kind => {
    const cell = document.querySelector('table.matrix td.cell.' + kind);
    return [kind, cell ? getComputedStyle(cell).backgroundColor : null];
  })),
  counts: Object.fromEntries([...document.querySelectorAll('#counts tr')].slice(1).map(tr =>
    [tr.cells[0].textContent, Number(tr.cells[1].textContent)])),
  matrixWidth: document.querySelector('table.matrix').getBoundingClientRect().width,
})"""


def test_report_html_in_chromium(prefect_harness: None, scripted: ScriptedChatModel, tmp_path: Path) -> None:
    from flows.factcheck_flow import factcheck

    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    for seed in sorted(SEEDS.iterdir())[:2]:
        (inbox / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (inbox / "hostile.html.txt").write_text(HOSTILE, encoding="utf-8")
    factcheck(paths=[str(inbox)], out_dir=str(out), model=scripted_source(scripted))
    run, verdicts = check_output(out)

    with open_page((out / "report.html").as_uri()) as page:
        facts = json.loads(page.evaluate(PAGE_FACTS))
        page.screenshot(tmp_path / "report.png")

    assert facts["title"].startswith("Fact-check report")  # no script ran
    assert facts["scripts"] == 0 and facts["images"] == 0
    # An index of the events, then one matrix per event whose columns are that event's documents.
    assert facts["events"] == [e["event_id"] for e in run["events"]]
    assert sorted(facts["docs"]) == sorted(d["doc_id"] for d in run["documents"])
    assert sorted(r["id"] for r in facts["rows"]) == sorted(v["claim_id"] for v in verdicts)
    by_id = {v["claim_id"]: v for v in verdicts}
    for row in facts["rows"]:
        verdict = by_id[row["id"]]
        assert row["verdict"] == verdict["verdict"] and row["claim"] == verdict["claim"]
        assert (out / row["href"]).is_file()
        # One cell per source: its own sources "state" it, the others have the stance on file.
        expected = {s["doc_id"]: s["stance"] for s in verdict["stances"]}
        expected.update({s["doc_id"]: "states" for s in verdict["sources"]})
        event = next(e for e in run["events"] if e["event_id"] == verdict["event_id"])
        assert row["cells"] == [expected.get(d, "none") for d in facts["docs"] if d in event["doc_ids"]]
    assert any("<b>Bold claim</b>" in r["claim"] for r in facts["rows"])  # shown as text
    colours = facts["colours"]
    present = {k: v for k, v in colours.items() if v is not None}
    assert {"states", "supports"} <= set(present)
    assert len(set(present.values())) == len(present)  # each stance its own colour
    assert colours["supports"] == "rgb(200, 236, 201)"
    assert facts["counts"] == {k: run["counts"][k] for k in facts["counts"]}
    assert facts["matrixWidth"] > 0 and (tmp_path / "report.png").stat().st_size > 10_000
