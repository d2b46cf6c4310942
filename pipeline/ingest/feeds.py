"""RSS and Atom feed files: one document per entry, with its link, publication date and source.

feedparser reads every RSS and Atom dialect; the entry's full content is preferred to its summary,
and both are HTML fragments read as visible text. The source is the outlet the entry names (an
aggregator's <source>), else the feed's title, else the link's host."""

from __future__ import annotations

import email.utils
import io
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.ingest.document import make_document, one_line, web_link
from pipeline.ingest.html import html_to_text
from pipeline.records import Document, Rejection

FEED_SUFFIXES = {".rss", ".atom", ".xml"}


def read_feed(path: Path, data: bytes, encoding: str) -> Iterator[Document | Rejection]:
    import feedparser  # only when a feed is read

    # A stream, never a string: feedparser fetches a string that looks like a URL.
    parsed: Any = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.get("version"):
            yield Rejection(path=str(path), reason="feed has no entries")
            return
        problem = parsed.get("bozo_exception")
        lines = str(problem).splitlines() if problem else []
        detail = f" ({lines[0]})" if lines else ""
        yield Rejection(path=str(path), reason=f"not an RSS or Atom feed{detail}")
        return
    feed = parsed.feed
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{path}#entry={number}"
        body = _entry_html(entry)
        text = html_to_text(body)[1] if body else ""
        if not text.strip():
            yield Rejection(path=where, reason="feed entry has no text")
            continue
        link = web_link(entry.get("link"))
        yield make_document(
            text,
            where,
            title=one_line(entry.get("title")),
            source=_source(entry, feed, link),
            date=_day(entry),
            url=link,
            encoding=encoding,
        )


def _entry_html(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return str(max(contents, key=len))
    summary = entry.get("summary")
    return summary if isinstance(summary, str) else ""


def _source(entry: Any, feed: Any, link: str | None) -> str | None:
    named = entry.get("source") or {}
    outlet = one_line(named.get("title")) or one_line(feed.get("title"))
    if outlet:
        return outlet
    host = urlsplit(link).hostname if link else None
    return host.removeprefix("www.") if host else None


def _day(entry: Any) -> str | None:
    """The entry's publication date as the publisher wrote it ("Tue, 20 Jun 2017 01:30 +0300" is the
    20th, not the UTC 19th); feedparser's UTC reading when the text is in no known form."""
    for key in ("published", "updated"):
        raw = one_line(entry.get(key))
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return datetime.fromisoformat(raw).date().isoformat()
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None
