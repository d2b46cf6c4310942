"""Ingest: turn files, folders and CSV/JSONL corpora into Documents, rejecting bad inputs with a reason."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from pipeline.injection import addressed_to_a_model
from pipeline.records import Document, Rejection
from pipeline.sentences import split_sentences

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES

# Column names accepted for each field of a CSV/JSONL row (FA-KES uses article_title/article_content).
_COLUMNS = {
    "title": ("title", "article_title", "headline"),
    "content": ("content", "article_content", "text", "body", "articlebody", "article"),
    "source": ("source", "outlet", "publisher"),
    "date": ("date", "published", "published_at"),
}
_DATE_HEADER = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?")
_MAX_TITLE = 160


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


def make_document(
    text: str,
    path: str,
    title: str | None = None,
    source: str | None = None,
    date: str | None = None,
    encoding: str = "utf-8",
) -> Document:
    """Build a Document: id from the content hash, a leading 'date YYYY-MM-DD' header recognised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    body_start = 0
    header = _DATE_HEADER.match(text)
    if header:
        date = date or header.group(1)
        body_start = header.end()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    stem = path.rsplit("/", 1)[-1]
    sentences = split_sentences(text, body_start)
    return Document(
        doc_id=digest[:16],
        path=path,
        title=(title or _title_from_text(text, body_start) or stem).strip()[:_MAX_TITLE],
        source=(source or stem).strip(),
        date=date or None,
        sha256=digest,
        text=text,
        body_start=body_start,
        sentences=sentences,
        aside=[i for i, s in enumerate(sentences) if addressed_to_a_model(s.text)],
        encoding=encoding,
    )


def decode(data: bytes) -> str:
    return read_text(data)[0]


def read_text(data: bytes) -> tuple[str, str]:
    """The text and how it was read: UTF-8 first; legacy single-byte encodings (cp1252, then
    ISO-8859-1, which decodes any bytes) as the fallback for files that are not valid UTF-8."""
    for encoding in ("utf-8-sig", "cp1252", "iso-8859-1"):
        try:
            return data.decode(encoding), encoding.removesuffix("-sig")
        except UnicodeDecodeError:
            continue
    raise AssertionError("iso-8859-1 decodes every byte string")


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
        yield from _read_table(path, text, encoding)
        return
    title = None
    if suffix in HTML_SUFFIXES:
        title, text = html_to_text(text)
    if not text.strip():
        reason = "no visible text" if suffix in HTML_SUFFIXES else "only whitespace"
        yield Rejection(path=str(path), reason=reason)
        return
    yield make_document(text, str(path), title=title, encoding=encoding)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return len(head) > 0 and controls / len(head) > 0.1


def _read_table(path: Path, text: str, encoding: str) -> Iterator[Document | Rejection]:
    rows: Iterator[tuple[int, dict[str, object] | str]]
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        fields = {f.strip().lower(): f for f in (reader.fieldnames or [])}
        if not any(name in fields for name in _COLUMNS["content"]):
            yield Rejection(
                path=str(path),
                reason="CSV has no content column (expected one of: " + ", ".join(_COLUMNS["content"]) + ")",
            )
            return
        rows = ((i, dict(row)) for i, row in enumerate(reader, start=1))
    else:
        rows = _jsonl_rows(text)
    for number, row in rows:
        where = f"{path}#row={number}"
        if isinstance(row, str):
            yield Rejection(path=where, reason=row)
            continue
        values = {k.strip().lower(): v for k, v in row.items() if isinstance(k, str)}
        picked = {key: _pick(values, names) for key, names in _COLUMNS.items()}
        content = picked["content"]
        if not content or not content.strip():
            yield Rejection(path=where, reason="row has no content")
            continue
        yield make_document(
            content,
            where,
            title=picked["title"],
            source=picked["source"],
            date=picked["date"],
            encoding=encoding,
        )


def _jsonl_rows(text: str) -> Iterator[tuple[int, dict[str, object] | str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            yield number, f"invalid JSON: {err.msg}"
            continue
        yield number, value if isinstance(value, dict) else "row is not a JSON object"


def _pick(values: dict[str, object], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = values.get(name)
        if value is not None and str(value).strip():
            return str(value)
    return None


def _title_from_text(text: str, start: int) -> str | None:
    first = text[start:].lstrip().split("\n", 1)[0].strip()
    # A short first line without final punctuation reads as a headline.
    if 0 < len(first) <= _MAX_TITLE and first[-1] not in '.!?"”':
        return first
    return None


class _TextExtractor(HTMLParser):
    _SKIP: frozenset[str] = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    _BLOCK: frozenset[str] = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "section",
            "article",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str | None, str]:
    """Visible text of an HTML page (scripts and styles dropped) and its <title>."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n[ \n]*", "\n\n", text).strip()
    title = " ".join("".join(parser.title).split()) or None
    return title, text
