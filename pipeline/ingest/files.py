"""Ingest: turn files, folders and CSV/JSONL corpora into Documents, rejecting bad inputs with a reason."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest.document import make_document, read_text
from pipeline.ingest.feeds import FEED_SUFFIXES, read_feed
from pipeline.ingest.html import read_page
from pipeline.ingest.tables import read_table
from pipeline.records import Document, Rejection

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES | FEED_SUFFIXES


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def ingest(paths: Iterable[str | Path]) -> IngestResult:
    """Read every supported file under the given paths; duplicates and unreadable inputs are rejected."""
    result = IngestResult()
    seen: dict[str, str] = {}
    for path in _expand(paths, result.rejected):
        for item in _read_path(path):
            if isinstance(item, Rejection):
                result.rejected.append(item)
            elif item.doc_id in seen:
                result.rejected.append(Rejection(path=item.path, reason=f"duplicate of {seen[item.doc_id]}"))
            else:
                seen[item.doc_id] = item.path
                result.documents.append(item)
    return result


def _expand(paths: Iterable[str | Path], rejected: list[Rejection]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            rejected.append(Rejection(path=str(raw), reason="no such file or directory"))
        elif path.is_dir():
            yield from _walk(path, rejected)
        else:
            yield path


def _walk(root: Path, rejected: list[Rejection]) -> Iterator[Path]:
    visited: set[tuple[int, int]] = set()

    def onerror(err: OSError) -> None:
        rejected.append(Rejection(path=str(err.filename), reason=f"cannot read directory: {err.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in visited:  # a symlink loop
            rejected.append(Rejection(path=dirpath, reason="directory visited twice (symlink loop)"))
            dirnames[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path
            else:
                rejected.append(Rejection(path=str(path), reason=f"unsupported file type '{path.suffix}'"))


def _read_path(path: Path) -> Iterator[Document | Rejection]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield Rejection(path=str(path), reason=f"unsupported file type '{path.suffix}'")
        return
    if path.is_symlink() and not path.exists():
        yield Rejection(path=str(path), reason="broken symbolic link")
        return
    if not path.is_file():  # reading a named pipe would wait for a writer forever
        yield Rejection(path=str(path), reason="not a regular file")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Rejection(path=str(path), reason=f"cannot read file: {err.strerror or err}")
        return
    if not data:
        yield Rejection(path=str(path), reason="empty file")
        return
    if _looks_binary(data):
        yield Rejection(path=str(path), reason="binary file, not text")
        return
    text, encoding = read_text(data)
    if suffix in TABLE_SUFFIXES:
        yield from read_table(path, text, encoding)
        return
    if suffix in FEED_SUFFIXES:
        yield from read_feed(path, data, encoding)
        return
    if suffix in HTML_SUFFIXES:
        page = read_page(text)
        if not page.text.strip():
            yield Rejection(path=str(path), reason="no visible text")
            return
        yield make_document(
            page.text,
            str(path),
            title=page.title,
            source=page.site,
            date=page.date,
            url=page.url,
            encoding=encoding,
        )
        return
    if not text.strip():
        yield Rejection(path=str(path), reason="only whitespace")
        return
    yield make_document(text, str(path), encoding=encoding)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return len(head) > 0 and controls / len(head) > 0.1
