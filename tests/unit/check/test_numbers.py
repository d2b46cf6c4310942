"""Figures conflict only between counts of the same thing: designations, dates, times and ages are
never counts, and counts of different things never conflict."""

from __future__ import annotations

import pytest

from pipeline.check import numeric_conflict, quantities
from pipeline.settings import Settings

DEFAULTS = Settings()


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("their F/A-18 fighter jet shot down a Syrian SU-22 attack plane", "its SU-22 jet dropped bombs"),
        (
            "a similar attack took place on June 5, 2017 near Raqqa",
            "on June 18 the coalition attacked near Raqqa",
        ),
        ("the strike on 5 June killed soldiers", "the strike on 18 June killed soldiers"),
        ("three Syrian soldiers were killed", "four Syrian jets were downed"),
        (
            "an AK-47 rifle was found with the 5th battalion",
            "an AK-74 rifle was found with the 6th battalion",
        ),
        ("the 35-year-old pilot ejected", "the 40-year-old pilot ejected"),
        ("the raid began on 07.04 at 10:30", "the raid began on 07.05 at 11:30"),
        ("the war has lasted six years", "the siege lasted three years"),
        ("12 civilians were killed", "12 civilians died in the raid"),
    ],
)
def test_no_conflict_between_unlike_or_equal_things(claim: str, passage: str) -> None:
    assert numeric_conflict(claim, passage, DEFAULTS) is None


@pytest.mark.parametrize(
    ("claim", "passage", "figures"),
    [
        ("killed over 60 Syrian soldiers", "massacred over 80 syrian military soldiers after", (60, 80)),
        ("killed over 60 Syrian soldiers", "killed more than 80 Syrian troops", (60, 80)),
        ("At least 33 people were killed in the airstrike", "The airstrike killed 48 people", (33, 48)),
        ("Two children died in the fire", "three children died in the fire", (2, 3)),
    ],
)
def test_counts_of_the_same_thing_conflict(claim: str, passage: str, figures: tuple[int, int]) -> None:
    conflict = numeric_conflict(claim, passage, DEFAULTS)
    assert conflict is not None and (conflict[0].value, conflict[1].value) == figures


def test_what_a_number_counts() -> None:
    (count,) = quantities("Two children died and the F/A-18 returned on June 18", DEFAULTS.unit_words)
    assert (count.value, count.counts) == (2, "child")
