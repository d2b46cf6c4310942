"""A Document from text: its id (a content hash), title, date header and sentences."""

from __future__ import annotations

import hashlib
import re

from pipeline.ingest.injection import addressed_to_a_model
from pipeline.ingest.sentences import split_sentences
from pipeline.records import Document

_DATE_HEADER = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?")
_MAX_TITLE = 160


def make_document(
    text: str,
    path: str,
    title: str | None = None,
    source: str | None = None,
    date: str | None = None,
    encoding: str = "utf-8",
    url: str | None = None,
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
        url=url or None,
        sha256=digest,
        text=text,
        body_start=body_start,
        sentences=sentences,
        aside=[i for i, s in enumerate(sentences) if addressed_to_a_model(s.text)],
        encoding=encoding,
    )


def one_line(value: object) -> str | None:
    """A metadata string (title, date, site, link) on one line; None when not a non-blank string."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def web_link(value: object) -> str | None:
    """An http(s) link, or None: other schemes (javascript:, data:, file:) are not kept."""
    link = one_line(value)
    return link if link and link.lower().startswith(("http://", "https://")) else None


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


def _title_from_text(text: str, start: int) -> str | None:
    first = text[start:].lstrip().split("\n", 1)[0].strip()
    # A short first line without final punctuation reads as a headline.
    if 0 < len(first) <= _MAX_TITLE and first[-1] not in '.!?"”':
        return first
    return None
