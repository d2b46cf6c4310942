"""CSV and JSONL corpora: one article per row, columns found by their usual names."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from pipeline.ingest.document import make_document
from pipeline.records import Document, Rejection

# Column names accepted for each field of a CSV/JSONL row (FA-KES uses article_title/article_content).
_COLUMNS = {
    "title": ("title", "article_title", "headline"),
    "content": ("content", "article_content", "text", "body", "articlebody", "article"),
    "source": ("source", "outlet", "publisher"),
    "date": ("date", "published", "published_at"),
}


def read_table(path: Path, text: str, encoding: str) -> Iterator[Document | Rejection]:
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
