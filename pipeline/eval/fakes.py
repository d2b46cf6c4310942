"""FA-KES (Salem et al. 2019) as multi-source events: the corpus of the scale series and of the
event measurements. The file is read in place from ../shared/eval, never copied into the project."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path


def read_fakes(path: Path) -> list[dict[str, str]]:
    """FA-KES rows (the file is ISO-8859-1)."""
    text = path.read_bytes().decode("iso-8859-1")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def rows_by_event(rows: list[dict[str, str]]) -> dict[tuple[str, str], list[dict[str, str]]]:
    """Rows grouped by FA-KES's event key (date, location); empty and repeated articles left out."""
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    seen: set[str] = set()
    for row in rows:
        content = (row.get("article_content") or "").strip()
        if not content or content in seen:
            continue
        seen.add(content)
        groups[(row.get("date", ""), row.get("location", ""))].append(row)
    return groups


def event_groups(rows: list[dict[str, str]], size: int = 2) -> list[list[dict[str, str]]]:
    """Events (one date and location) told by exactly `size` articles from as many sources, in date
    order: multi-source clusters like the seeds, all of one size so that slices differ only in count."""
    groups = rows_by_event(rows)
    picked = [g for g in groups.values() if len(g) == size and len({r.get("source") for r in g}) == size]
    return sorted(picked, key=lambda g: (g[0].get("date", ""), g[0].get("location", "")))


def take_documents(groups: list[list[dict[str, str]]], n: int) -> list[dict[str, str]]:
    """The first whole event groups holding n articles: a slice twice as large has twice the events."""
    rows = [row for group in groups for row in group][:n]
    if len(rows) < n:
        raise ValueError(f"the corpus has only {len(rows)} articles in multi-source events, not {n}")
    return rows


def write_slice(rows: list[dict[str, str]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fields = ["unit_id", "article_title", "article_content", "source", "date", "location"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path
