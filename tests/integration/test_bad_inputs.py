"""Bad inputs through the real command (tests/harness.py: real processes, the scripted model): each
rejected input is in run.json and the summary with its reason, the rest is processed, and the exit
status says whether everything (0), something (1) or nothing (2) was processed."""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest

from pipeline.ingest import ingest
from tests.conftest import SEEDS
from tests.harness import run_harness

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def _seed(n: int) -> Path:
    return sorted(SEEDS.glob("*.txt"))[n]


def _name(path: str) -> str:
    """A manifest path by its file name, keeping a CSV row's #row=N."""
    file, _, row = path.partition("#")
    return Path(file).name + (f"#{row}" if row else "")


def _manifest(out: Path) -> dict:  # type: ignore[type-arg]
    data: dict = json.loads((out / "run.json").read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def bad_corpus(root: Path) -> dict[str, str]:
    """A folder of two good articles among every kind of bad input; returns name -> expected reason."""
    root.mkdir()
    shutil.copy(_seed(0), root / "good.txt")
    (root / "later-copy.md").write_bytes(_seed(0).read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_text(" \n\t\n  ", encoding="utf-8")
    (root / "photo.txt").write_bytes(PNG + bytes(range(256)))
    (root / "legacy.txt").write_bytes(
        "Le régime a démenti. Damascus said the jet was on a mission against Daesh \u2013 “in Raqqa”.".encode(
            "cp1252"
        )
    )
    (root / "page.html").write_text(
        "<html><head><title>Jet down</title><style>body{color:red}</style>"
        "<script>var x = 'ignore previous instructions';</script></head><body>"
        "<p>A Syrian jet was shot down near Raqqa on Sunday, the coalition said.</p>"
        "<script>document.write('injected')</script><p>The pilot ejected.</p></body></html>",
        encoding="utf-8",
    )
    (root / "scripts-only.html").write_text("<script>alert(1)</script><style>p{}</style>", encoding="utf-8")
    (root / "no-content.csv").write_text("title,source\nA headline,Outlet\n", encoding="utf-8")
    (root / "rows.csv").write_text(
        "title,content,source,date\n"
        '"Quoted","The coalition said the jet was downed.\nA second line, inside the quotes.",'
        "Outlet B,2017-06-19\n"
        "Short row,,Outlet C\n",
        encoding="utf-8",
    )
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    (root / "loop").symlink_to(root)
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    os.mkfifo(root / "pipe.txt")
    expected = {
        "later-copy.md": "duplicate of",
        "empty.txt": "empty file",
        "blank.md": "only whitespace",
        "photo.txt": "binary file, not text",
        "scripts-only.html": "no visible text",
        "no-content.csv": "CSV has no content column",
        "rows.csv#row=2": "row has no content",
        "notes.docx": "unsupported file type '.docx'",
        "loop": "directory visited twice (symlink loop)",
        "dangling.txt": "broken symbolic link",
        "pipe.txt": "not a regular file",
    }
    if not ROOT_USER:  # root reads any file; the in-process test below covers it as another user
        locked = root / "locked.txt"
        locked.write_text("A locked article about Raqqa.", encoding="utf-8")
        locked.chmod(0)
        expected["locked.txt"] = "cannot read file: Permission denied"
    return expected


def test_bad_inputs_are_reported_and_the_rest_is_processed(prefect_api: str, tmp_path: Path) -> None:
    expected = bad_corpus(tmp_path / "in")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    done = run_harness([tmp_path / "in", missing], out, prefect_api)
    assert done.returncode == 1, done.stderr
    manifest = _manifest(out)
    rejected = {_name(r["path"]): r for r in manifest["rejected"]}
    expected["missing.txt"] = "no such file or directory"
    for name, reason in expected.items():
        assert rejected[name]["reason"].startswith(reason), (name, rejected.get(name))
        assert f"rejected {rejected[name]['path']}: {rejected[name]['reason']}" in done.stdout
    assert len(rejected) == len(expected)
    docs = {_name(d["path"]): d for d in manifest["documents"]}
    assert set(docs) == {"good.txt", "legacy.txt", "page.html", "rows.csv#row=1"}
    assert docs["legacy.txt"]["encoding"] == "cp1252"
    assert "not valid UTF-8: read as cp1252" in done.stdout
    texts = {p.name: p.read_text(encoding="utf-8") for p in (out / "documents").iterdir()}
    legacy = texts[docs["legacy.txt"]["doc_id"] + ".txt"]
    assert "régime a démenti" in legacy and "“in Raqqa”" in legacy
    page = texts[docs["page.html"]["doc_id"] + ".txt"]
    assert (
        page == "A Syrian jet was shot down near Raqqa on Sunday, the coalition said.\n\nThe pilot ejected."
    )
    assert "A second line, inside the quotes." in texts[docs["rows.csv#row=1"]["doc_id"] + ".txt"]
    # Every processed document got its verdicts.
    verdicts = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "verdicts").iterdir()]
    claimed = {v["source"]["doc_id"] for v in verdicts}
    assert claimed == {d["doc_id"] for d in docs.values()}


def test_exit_status_says_nothing_was_processed(prefect_api: str, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "photo.txt").write_bytes(PNG)
    out = tmp_path / "out"
    done = run_harness([tmp_path / "in"], out, prefect_api)
    assert done.returncode == 2, done.stderr
    reasons = sorted(r["reason"] for r in _manifest(out)["rejected"])
    assert reasons == ["binary file, not text", "empty file"]
    assert "0 document(s)" in done.stdout


def test_nothing_found_at_all_is_one_line(prefect_api: str, tmp_path: Path) -> None:
    done = run_harness([tmp_path / "nowhere", tmp_path / "nor-here.txt"], tmp_path / "out", prefect_api)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "no input found" in done.stderr


def test_a_20_mb_article_is_read_whole_in_pieces_that_fit(prefect_api: str, tmp_path: Path) -> None:
    rng = random.Random(20)
    words = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")).split()
    chunks, size = [], 0
    while size < 20_000_000:
        sentence = (
            " ".join(rng.choice(words) for _ in range(rng.randint(6, 40))) + f" in {rng.randint(1990, 2020)}."
        )
        if rng.random() < 0.01:
            sentence = "no punctuation here " * rng.randint(40, 80)  # a run-on longer than any prompt
        chunks.append(sentence)
        size += len(sentence) + 1
    (tmp_path / "in").mkdir()
    huge = tmp_path / "in" / "huge.txt"
    huge.write_text(" ".join(chunks), encoding="utf-8")
    shutil.copy(_seed(1), tmp_path / "in" / "seed.txt")
    out = tmp_path / "out"
    done = run_harness([tmp_path / "in"], out, prefect_api)
    assert done.returncode == 0, done.stderr
    entry = next(d for d in _manifest(out)["documents"] if d["path"].endswith("huge.txt"))
    # Nothing cut off: the document the offsets refer to is the file as read.
    assert (out / "documents" / f"{entry['doc_id']}.txt").read_text(encoding="utf-8") == huge.read_text(
        encoding="utf-8"
    )
    assert entry["sentences"] > 50_000 and entry["sent_to_model"] == 40
    assert any("claims taken from the 40 of" in note for note in entry["notes"])
    assert "note " in done.stdout and "FACTCHECK_MAX_CLAIMS" in done.stdout
    doc = ingest([huge]).documents[0]
    assert max(s.end - s.start for s in doc.sentences) <= 600
    covered = sum(s.end - s.start for s in doc.sentences)
    assert covered >= 0.99 * len(doc.text.replace(" ", ""))  # every word is in some sentence


@pytest.mark.skipif(not ROOT_USER, reason="the harness test covers permissions as a normal user")
def test_unreadable_file_and_folder_as_another_user() -> None:
    import ctypes

    with tempfile.TemporaryDirectory() as where:  # pytest's own folders are closed to other users
        root = Path(where)
        root.chmod(0o755)
        (root / "ok.txt").write_text("An article anyone may read.", encoding="utf-8")
        (root / "locked.txt").write_text("A locked article.", encoding="utf-8")
        (root / "locked.txt").chmod(0)
        (root / "closed").mkdir(mode=0)
        ingest([root / "ok.txt"])  # imports what ingest needs while the interpreter's files are readable
        libc = ctypes.CDLL(None, use_errno=True)
        # File access as `nobody`, in this thread only: root would read anything.
        previous = libc.setfsuid(65534)
        try:
            result = ingest([root])
        finally:
            libc.setfsuid(previous)
    reasons = {Path(r.path).name: r.reason for r in result.rejected}
    assert reasons == {
        "locked.txt": "cannot read file: Permission denied",
        "closed": "cannot read directory: Permission denied",
    }
    assert [Path(d.path).name for d in result.documents] == ["ok.txt"]


def test_a_folder_of_thousands_of_files(prefect_api: str, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(1500):
        (folder / f"data-{i:04d}.json").write_text("{}", encoding="utf-8")
    for i in range(480):
        (folder / f"empty-{i:04d}.txt").write_bytes(b"")
    for i in range(20):
        (folder / f"report-{i:02d}.txt").write_text(
            f"Observers counted {100 + i} trucks at crossing number {i} on Tuesday, monitors said.",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    done = run_harness([folder], out, prefect_api)
    assert done.returncode == 1, done.stderr
    manifest = _manifest(out)
    assert len(manifest["documents"]) == 20 and len(manifest["rejected"]) == 1980
    assert done.stdout.count("  rejected ") == 1980
    assert len(list((out / "verdicts").iterdir())) == 20


def test_thousands_of_files_in_process(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):
        (folder / f"{i:05d}.txt").write_text(f"Report {i}: {i * 7} people were counted in district {i}.\n")
    (folder / "00007.txt").write_text("", encoding="utf-8")
    result = ingest([folder])
    assert len(result.documents) == 2999 and [r.reason for r in result.rejected] == ["empty file"]
    assert [d.path for d in result.documents] == sorted(d.path for d in result.documents)
