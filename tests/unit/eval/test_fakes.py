"""FA-KES as whole multi-source events: the slices the scale series runs on."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.eval import event_groups, read_fakes, take_documents, write_slice
from pipeline.ingest import ingest
from tests.conftest import fakes_csv


def test_fakes_slices_are_whole_two_source_events(tmp_path: Path) -> None:
    groups = event_groups(read_fakes(fakes_csv()))
    assert len(groups) >= 40
    for group in groups:
        assert len(group) == 2 and len({r["source"] for r in group}) == 2
        assert len({(r["date"], r["location"]) for r in group}) == 1
    eight = take_documents(groups, 8)
    assert take_documents(groups, 4) == eight[:4]  # a larger slice contains the smaller one
    # The ISO-8859-1 source is re-written as UTF-8 CSV that ingest reads row by row.
    docs = ingest([write_slice(eight, tmp_path / "slice.csv")]).documents
    assert len(docs) == 8 and [d.title for d in docs] == [r["article_title"].strip() for r in eight]
    with pytest.raises(ValueError, match="only"):
        take_documents(groups, 10_000)
