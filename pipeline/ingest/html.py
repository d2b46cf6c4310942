"""Saved article pages: the article's own text, title, publication date, site name and link.

A news page is mostly not the article: menus, bylines, share buttons, related-article lists and
footers. trafilatura finds the main text; htmldate (through trafilatura, without its "extensive
search", which reads a footer's "Copyright 2017" as 1 January 2017) finds the publication date in
the page's metadata, URL or byline. A fragment with no page structure, which trafilatura declines,
is read by a plain visible-text extractor, as are the HTML snippets inside feed entries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from pipeline.ingest.document import one_line, web_link


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None


def read_page(html: str) -> Page:
    """The main text of a saved article page with its metadata; '' when the page shows no text."""
    import trafilatura  # 0.3 s to import: only when a page is read

    extracted: Any = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    main = _paragraphs(extracted.text) if extracted is not None and extracted.text else ""
    if not main:
        title, text = html_to_text(html)
        return Page(text=text, title=title)
    return Page(
        text=main,
        title=one_line(extracted.title) or html_to_text(html)[0],
        date=one_line(extracted.date),
        site=one_line(extracted.sitename),
        url=web_link(extracted.url),
    )


def _paragraphs(text: str) -> str:
    # trafilatura puts one block per line; a blank line between blocks is how plain-text articles
    # mark paragraphs, and the sentence splitter never joins across one.
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


class _TextExtractor(HTMLParser):
    _SKIP: frozenset[str] = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    _BLOCK: frozenset[str] = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}
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
    """All visible text of an HTML page or fragment (scripts and styles dropped) and its <title>."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n[ \n]*", "\n\n", text).strip()
    title = " ".join("".join(parser.title).split()) or None
    return title, text
