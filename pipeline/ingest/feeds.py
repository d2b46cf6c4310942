"""RSS and Atom feed files: one document per entry, with its link, publication date and source.

feedparser reads every RSS and Atom dialect; the entry's full content is preferred to its summary,
and both are HTML fragments read as visible text. The source is the outlet the entry names (an
aggregator's <source>), else the feed's title, else the link's host."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.ingest.document import make_document
from pipeline.ingest.html import html_to_text
from pipeline.records import Document, Rejection

FEED_SUFFIXES = {".rss", ".atom", ".xml"}


def read_feed(path: Path, data: bytes, encoding: str) -> Iterator[Document | Rejection]:
    import feedparser  # only when a feed is read

    # A stream, never a string: feedparser fetches a string that looks like a URL.
    parsed: Any = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({str(problem).splitlines()[0]})" if problem else ""
        yield Rejection(path=str(path), reason=f"not an RSS or Atom feed: no entries{detail}")
        return
    feed = parsed.feed
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{path}#entry={number}"
        body = _entry_html(entry)
        text = html_to_text(body)[1] if body else ""
        if not text.strip():
            yield Rejection(path=where, reason="feed entry has no text")
            continue
        link = _string(entry.get("link"))
        yield make_document(
            text,
            where,
            title=_string(entry.get("title")),
            source=_source(entry, feed, link),
            date=_day(entry.get("published_parsed") or entry.get("updated_parsed")),
            url=link,
            encoding=encoding,
        )


def _entry_html(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return str(max(contents, key=len))
    return _string(entry.get("summary")) or ""


def _source(entry: Any, feed: Any, link: str | None) -> str | None:
    named = entry.get("source") or {}
    for candidate in (named.get("title"), feed.get("title")):
        if _string(candidate):
            return _string(candidate)
    host = urlsplit(link).hostname if link else None
    return host.removeprefix("www.") if host else None


def _day(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _string(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
