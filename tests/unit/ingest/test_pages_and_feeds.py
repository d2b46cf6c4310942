"""Saved article pages (trafilatura + htmldate) and RSS/Atom feeds (feedparser) as documents."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.ingest import html_to_text, ingest, read_page

DATA = Path(__file__).parents[2] / "data" / "pages"
ARTICLE = [
    "A US Navy F/A-18E Super Hornet shot down a Syrian Su-22 near Raqqa on Sunday, the US-led coalition "
    "said in a statement.",
    "The coalition said the Syrian jet had dropped bombs near its partner forces south of Tabqah.",
    "Russia's defence ministry said it would treat coalition aircraft west of the Euphrates as targets.",
]


def test_a_news_page_is_its_article_without_menus_footers_or_related_links(tmp_path: Path) -> None:
    shutil.copy(DATA / "news_page.html", tmp_path / "page.html")
    doc = ingest([tmp_path]).documents[0]
    assert doc.text == "\n\n".join(ARTICLE)
    assert (doc.title, doc.source, doc.date) == ("Syrian jet downed near Raqqa", "Example News", "2017-06-19")
    assert [doc.text[s.start : s.end] for s in doc.sentences] == ARTICLE
    # What the plain visible-text reader kept: the menu, the related articles and the footer.
    everything = html_to_text((DATA / "news_page.html").read_text(encoding="utf-8"))[1]
    for boilerplate in ("Home", "Floods in Dhaka kill 12", "All rights reserved", "By Jane Doe"):
        assert boilerplate in everything and boilerplate not in doc.text


def test_page_dates_come_from_metadata_or_byline_never_from_a_copyright_line() -> None:
    html = (DATA / "news_page.html").read_text(encoding="utf-8")
    undated = html.replace('<meta property="article:published_time" content="2017-06-19T08:00:00Z">', "")
    assert read_page(undated).date is None  # "Copyright 2017" is not 1 January 2017
    bylined = undated.replace("By Jane Doe</p>", "By Jane Doe, June 18, 2017</p>")
    assert read_page(bylined).date == "2017-06-18"


def test_a_fragment_without_page_structure_is_read_as_visible_text() -> None:
    page = read_page("<p>x</p><script>var MARK = 1;</script>")
    assert page.text == "x" and page.title is None and page.date is None


def test_a_feed_is_one_document_per_entry_with_link_date_and_source(tmp_path: Path) -> None:
    for name in ("world.rss", "wire.atom"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "sitemap.xml").write_text("<urlset><url><loc>x</loc></url></urlset>", encoding="utf-8")
    result = ingest([tmp_path])
    docs = {Path(d.path).name: d for d in result.documents}
    assert set(docs) == {"wire.atom#entry=1", "world.rss#entry=1", "world.rss#entry=2"}
    jet = docs["world.rss#entry=1"]
    assert jet.text == (
        "A US Navy jet shot down a Syrian Su-22 near Raqqa on Sunday, the coalition said."
        "\n\nRussia protested."
    )
    assert (jet.title, jet.source, jet.date, jet.url) == (
        "Syrian jet downed near Raqqa",
        "Example News - World",
        "2017-06-19",
        "https://news.example.com/world/jet",
    )
    assert docs["world.rss#entry=2"].date is None
    # Atom: the full content, not the summary; the date in UTC.
    wire = docs["wire.atom#entry=1"]
    assert (wire.text, wire.source, wire.date) == (
        "The coalition said a Syrian jet was shot down.",
        "Wire",
        "2017-06-18",
    )
    reasons = {Path(r.path).name: r.reason for r in result.rejected}
    assert reasons == {
        "world.rss#entry=3": "feed entry has no text",
        "sitemap.xml": "not an RSS or Atom feed",
    }


def test_an_aggregated_entry_names_its_own_outlet(tmp_path: Path) -> None:
    (tmp_path / "news.rss").write_text(
        '<rss version="2.0"><channel><title>Aggregator</title><item><title>T</title>'
        '<link>https://www.outlet.example/a</link><source url="https://outlet.example">The Outlet</source>'
        "<description>The jet was shot down on Sunday.</description></item>"
        "<item><title>U</title><link>https://www.other.example/b</link>"
        "<description>The pilot ejected.</description></item></channel></rss>",
        encoding="utf-8",
    )
    (tmp_path / "bare.rss").write_text(
        '<rss version="2.0"><channel><item><title>V</title><link>https://www.bare.example/c</link>'
        "<description>Rain fell on Monday.</description></item></channel></rss>",
        encoding="utf-8",
    )
    sources = {Path(d.path).name: d.source for d in ingest([tmp_path]).documents}
    assert sources == {
        "news.rss#entry=1": "The Outlet",
        "news.rss#entry=2": "Aggregator",
        "bare.rss#entry=1": "bare.example",
    }


def test_feed_dates_are_the_publishers_links_are_web_links_and_entities_stay_unresolved(
    tmp_path: Path,
) -> None:
    (tmp_path / "late.rss").write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        '<rss version="2.0"><channel><title>T</title><item><title>a</title><link>javascript:alert(1)</link>'
        "<pubDate>Tue, 20 Jun 2017 01:30:00 +0300</pubDate>"
        "<description>The jet &x; was shot down.</description></item></channel></rss>",
        encoding="utf-8",
    )
    (tmp_path / "empty.rss").write_text(
        '<rss version="2.0"><channel><title>Quiet</title></channel></rss>', encoding="utf-8"
    )
    result = ingest([tmp_path])
    (doc,) = result.documents
    assert doc.date == "2017-06-20"  # 19 June in UTC, 20 June where it was published
    assert doc.url is None  # only http(s) links are kept
    assert doc.text == "The jet was shot down."  # the external entity was not read
    assert [(Path(r.path).name, r.reason) for r in result.rejected] == [("empty.rss", "feed has no entries")]
