"""FA-KES death tolls as labels for numeric conflicts: which groups count, and how a run is scored."""

from __future__ import annotations

from pipeline.eval.tolls import GroupScore, conflicts_of, pick_groups, summarise, toll_groups


def _row(
    date: str, place: str, source: str, civilians: str, others: str = "0", text: str = ""
) -> dict[str, str]:
    return {
        "date": date,
        "location": place,
        "source": source,
        "nb_civilians": civilians,
        "nb_noncivilians": others,
        "article_content": text or f"{source} on {place} {date} {civilians}",
        "article_title": "t",
    }


ROWS = [
    _row("1/2/17", "idlib", "sana", "30", "3"),
    _row("1/2/17", "idlib", "trt", "48"),
    _row("1/2/17", "idlib", "trt", "48", text="same outlet, another article"),
    _row("1/3/17", "homs", "sana", "5"),
    _row("1/3/17", "homs", "alaraby", "4", "1"),
    _row("1/4/17", "hama", "sana", "7"),  # one source only
    _row("1/5/17", "douma", "sana", "7"),
    _row("1/5/17", "douma", "trt", "7", text="sana on douma 1/5/17 7"),  # a copy of the other: dropped
    _row("1/6/17", "daraa", "sana", "2"),
    _row("1/6/17", "daraa", "trt", "not given", ""),  # no toll: the group is left out
]


def test_groups_are_multi_source_events_with_labelled_tolls() -> None:
    assert toll_groups([_row("1/1/17", "x", "a", "inf", ""), _row("1/1/17", "x", "b", "2")]) == []
    groups = toll_groups(ROWS)
    assert [(g.location, g.tolls) for g in groups] == [("idlib", (33, 48, 48)), ("homs", (5, 5))]
    assert [g.disagree for g in groups] == [True, False]
    assert groups[0].figures() == {0, 3, 30, 33, 48}


def test_a_sample_takes_both_kinds_of_group_reproducibly() -> None:
    rows = [
        _row(f"2/{day}/17", "aleppo", source, toll)
        for day, tolls in enumerate([("3", "5"), ("4", "9"), ("1", "2"), ("7", "8"), ("6", "6"), ("2", "2")])
        for source, toll in zip(("sana", "trt"), tolls, strict=True)
    ]
    groups = toll_groups(rows)
    assert [g.disagree for g in groups].count(True) == 4 and pick_groups(groups, None, 0) == groups
    picked = pick_groups(groups, 4, seed=3)
    assert [g.disagree for g in picked].count(True) == 2 and len(picked) == 4
    assert pick_groups(groups, 4, seed=3) == picked
    assert len({g.key for g in groups}) == len(groups)


def test_scoring_reads_the_figures_of_contradicting_stances() -> None:
    verdicts = [
        {
            "stances": [
                {
                    "stance": "contradicts",
                    "method": "numeric",
                    "note": "claim says 33 people, source says 48",
                },
                {"stance": "supports", "method": "model", "note": "claim says 3, source says 4"},
                {"stance": "contradicts", "method": "debunk_cues", "note": "the source denies it"},
            ]
        }
    ]
    assert conflicts_of(verdicts) == [("33 people", "48")]
    idlib, homs = toll_groups(ROWS)
    right = GroupScore(idlib, conflicts_of(verdicts))
    other_count = GroupScore(idlib, [("three airstrikes", "four airstrikes")])
    assert right.both_figures and other_count.reported and not other_count.both_figures
    summary = summarise([right, other_count, GroupScore(homs, [("five", "six")])])
    assert summary["disagreement_reported"] == 1.0
    assert summary["disagreement_reported_with_both_figures"] == 0.5
    assert summary["false_conflict"] == 1.0
    assert summarise([GroupScore(homs)])["false_conflict"] == 0.0
