from __future__ import annotations

import json
from pathlib import Path

from pipeline.ingest import decode, html_to_text, ingest, make_document
from tests.conftest import SEEDS


def test_seed_corpus() -> None:
    result = ingest([SEEDS])
    assert len(result.documents) == 5 and not result.rejected
    first = result.documents[0]
    assert first.date == "2017-06-18"  # the leading 'date YYYY-MM-DD' header
    assert first.text[first.body_start :].startswith("The US-led coalition")
    assert all(d.text[s.start : s.end] == s.text for d in result.documents for s in d.sentences)
    titled = {d.title for d in result.documents}
    assert "US shoots down Syrian Air Force fighter" in titled


def test_doc_id_is_content_hash() -> None:
    a = make_document("Same text.", "a.txt")
    b = make_document("Same text.", "elsewhere/b.txt")
    assert a.doc_id == b.doc_id and len(a.doc_id) == 16


def test_encodings() -> None:
    assert decode("café".encode()) == "café"
    assert decode("café".encode("cp1252")) == "café"
    assert decode(b"\xef\xbb\xbfbom") == "bom"
    assert decode(bytes([0x81, 0x8D])) == "\x81\x8d"  # undefined in cp1252: ISO-8859-1 fallback


def test_bad_inputs_are_rejected_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("A jet was shot down near Raqqa on Sunday.", encoding="utf-8")
    (tmp_path / "copy.md").write_text("A jet was shot down near Raqqa on Sunday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / "legacy.txt").write_bytes("Le dîner à Damas coûte 5 €.".encode("cp1252"))
    result = ingest([tmp_path, tmp_path / "missing.txt"])
    reasons = {Path(r.path).name: r.reason for r in result.rejected}
    assert reasons["empty.txt"] == "only whitespace"
    assert reasons["image.txt"] == "binary file, not text"
    assert reasons["notes.docx"].startswith("unsupported file type")
    assert reasons["missing.txt"] == "no such file or directory"
    duplicate = [r for r in result.rejected if r.reason.startswith("duplicate of")]
    assert len(duplicate) == 1
    legacy = next(d for d in result.documents if d.path.endswith("legacy.txt"))
    assert "dîner" in legacy.text and "€" in legacy.text


def test_csv_and_jsonl(tmp_path: Path) -> None:
    csv_path = tmp_path / "corpus.csv"
    csv_path.write_text(
        "article_title,article_content,source,date\n"
        'Strike,"First line.\nSecond line, quoted newline.",Outlet A,2/5/15\n'
        "Blank,,Outlet B,2/5/15\n",
        encoding="utf-8",
    )
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text(
        json.dumps({"title": "T", "content": "Body text here.", "source": "S"}) + "\n{not json\n[1]\n",
        encoding="utf-8",
    )
    no_content = tmp_path / "bad.csv"
    no_content.write_text("title,source\nx,y\n", encoding="utf-8")
    result = ingest([csv_path, jsonl, no_content])
    by_path = {d.path: d for d in result.documents}
    row = by_path[f"{csv_path}#row=1"]
    assert (row.title, row.source, row.date) == ("Strike", "Outlet A", "2/5/15")
    assert "Second line" in row.text
    assert by_path[f"{jsonl}#row=1"].source == "S"
    reasons = {r.path: r.reason for r in result.rejected}
    assert reasons[f"{csv_path}#row=2"] == "row has no content"
    assert reasons[f"{jsonl}#row=2"].startswith("invalid JSON")
    assert reasons[f"{jsonl}#row=3"] == "row is not a JSON object"
    assert reasons[str(no_content)].startswith("CSV has no content column")


def test_fakes_csv_is_latin1_and_reads(tmp_path: Path) -> None:
    raw = 'article_title,article_content,source,date\nA,"Civilians in Douma \u2014 45 dead.",SANA,2/5/15\n'
    path = tmp_path / "fakes.csv"
    path.write_bytes(raw.encode("utf-8").replace("\u2014".encode(), b"\x97"))
    doc = ingest([path]).documents[0]
    assert "\u2014" in doc.text  # cp1252 0x97 is an em dash


def test_html(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Jet down</title><style>p{color:red}</style></head>"
        "<body><script>alert('x')</script><p>A jet was downed.</p>"
        "<p>Pilot &amp; crew missing.</p></body></html>",
        encoding="utf-8",
    )
    doc = ingest([page]).documents[0]
    assert doc.title == "Jet down"
    assert doc.text == "A jet was downed.\n\nPilot & crew missing."
    assert html_to_text("<p>x</p>")[0] is None


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text that is here.", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    result = ingest([tmp_path])
    assert len(result.documents) == 1
    assert any("symlink loop" in r.reason for r in result.rejected)
