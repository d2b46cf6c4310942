"""Counts are compared only when they can be of one incident; where and when a statement was made,
nationalities, superlatives and list commas do not make two reports of one attack different."""

from __future__ import annotations

import pytest

from pipeline.check import numeric_conflict
from pipeline.check.incident import places, same_incident
from pipeline.settings import Settings

DEFAULTS = Settings()


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        (
            "A car bomb in Damascus killed 12 people on Sunday.",
            "A car bomb in Damascus killed 20 people on Sunday.",
        ),
        (
            "A car bomb in Paris killed 12 people.",
            "The car bomb near the Bataclan in Paris killed 20 people.",
        ),
        (
            "Air strikes killed at least 30 people and wounded dozens in Idlib.",
            "Air strikes killed 45 people in Idlib.",
        ),
        (
            "Strikes, including barrel bombs, killed 30 people in Aleppo on Tuesday.",
            "Strikes killed 45 people in Aleppo on Tuesday.",
        ),
        ("The attack in Idlib killed 33 people.", "The attack claimed the lives of 48 people."),
        (
            "The attack, the deadliest since 2015, killed 33 people in Idlib.",
            "The attack killed 48 people in Idlib.",
        ),
        (
            "The strike killed 33 people in Idlib on Monday.",
            "Activists said on Tuesday that 48 people died in the Idlib strike on Monday.",
        ),
        (
            "33 people were killed in the attack, the UN said in Geneva.",
            "The attack in Idlib killed 48 people.",
        ),
        (
            "33 people were killed in the attack, the Observatory said in a post on Facebook.",
            "The attack in Idlib killed 48 people.",
        ),
        ("33 people were killed in an Israeli strike.", "The Israeli strike in Gaza City killed 48 people."),
        (
            "Coalition strikes killed 20 civilians near Raqqa.",
            "Coalition strikes killed 35 civilians near Raqqa.",
        ),
        ("Activists said 48 people died in the Idlib strike.", "The strike in Idlib killed 33 people."),
        # When the article was published is not when the attack happened.
        (
            "Rockets kill 30 in Aleppo AP Saturday 9 Jul 2016 State media says 30 people were killed "
            "overnight in Aleppo.",
            "On Friday rocket shells hit Aleppo, killing 44 civilians.",
        ),
    ],
)
def test_reports_of_one_incident_conflict(claim: str, passage: str) -> None:
    assert numeric_conflict(claim, passage, DEFAULTS) is not None


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        (
            "In March 2016, 30 people were killed in the market attack.",
            "In March 2017, 40 people were killed in the market attack.",
        ),
        ("In Hama, 12 people were killed on Tuesday.", "An air strike in Idlib on Tuesday killed 48 people."),
        ("The total death toll from the war has reached 400,000 people.", "A strike killed 30 people."),
        ("The war has killed more than 220000 people.", "The LCC said 27 people were killed."),
        # Different days, months or spans, as news writes them.
        (
            "Saturdays convoy attack killed 126 people, the Observatory said.",
            "Six people were killed on Wednesday in a blast in Aleppo.",
        ),
        (
            "AFP Thursday 16 Jul 2015 At least 11 civilians were killed Thursday in barrel bomb attacks.",
            "In May more than 60 civilians were killed by barrel bomb attacks on the town.",
        ),
        (
            "More than 300 civilians have been killed in Aleppo since April.",
            "In the past two weeks more than 200 civilians have been killed in Aleppo.",
        ),
        # The place of the other count appears only where the sentence tells of another incident.
        (
            "At least 19 people were killed near the capital on Tuesday just hours after a gas attack "
            "left dozens dead in Khan Sheikhun.",
            "On Tuesday at least 58 people were killed in a chemical attack on Khan Sheikhun.",
        ),
        ("Another 6 people were killed in a second strike.", "The first strike killed 13 people."),
        (
            "At least 123 civilians have been killed since the Syrian regime and Russian jets began a push.",
            "On Sunday air strikes killed 17 civilians.",
        ),
    ],
)
def test_reports_of_different_incidents_do_not(claim: str, passage: str) -> None:
    assert numeric_conflict(claim, passage, DEFAULTS) is None


def test_places_are_spelled_as_the_other_sentence_is_read() -> None:
    assert places("A car bomb in Damascus killed 12 people.") == {"damascu"}  # as `terms` spells it
    assert places("killed in an Israeli strike") == set()
    assert places("the UN said in Geneva that the strike in Idlib killed 5") == {"idlib"}
    assert same_incident("Strikes hit Idlib's hospital, killing 9.", "Strikes in Idlib killed 14.")
