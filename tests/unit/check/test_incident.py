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
        (
            "The conflict has become a civil war that has killed more than 230000 people.",
            "Al-Qaeda attacked a Kurdish town, sparking fighting in which 17 people were killed.",
        ),
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
        # A day against a month: one day's strike is not the toll of May.
        (
            "At least 11 civilians were killed Thursday in regime barrel bomb attacks on the town.",
            "In May more than 60 civilians were killed by barrel bomb attacks on the town.",
        ),
        # A month against a year.
        (
            "There were 43 attacks on healthcare facilities in Syria in July.",
            "Syria saw 135 attacks on health facilities and workers in 2015.",
        ),
        # A car bomb at a checkpoint and an air strike on a village are two incidents.
        (
            "At least 20 people were killed in a car bomb blast at a checkpoint in Aleppo province.",
            "At least 23 people were killed in an airstrike on a village west of Aleppo.",
        ),
        (
            "At least 17 people were killed in a car bomb blast near a checkpoint in northern Syria.",
            "Severe bombardment on Aleppo has killed at least 84 civilians.",
        ),
        # A sum over a province against one town's dead.
        (
            "A spokesman said an air strike hit the hospital's courtyard, killing 14 people.",
            "They were among 19 people killed by strikes across rebel-held Idlib province.",
        ),
        # A war's toll, however it is worded.
        (
            "At least 15 people were killed in air strikes on Aleppo.",
            "Aleppo was ravaged by the conflict that began in 2011 and has since killed more than "
            "300000 people.",
        ),
        # Counted on Saturday; reported on Wednesday, or published on a Wednesday, without a day.
        (
            "Saturdays convoy attack killed 126 people, the Observatory said.",
            "A bomb blast killed six people in Aleppo, state television reported on Wednesday.",
        ),
        (
            "Saturdays convoy attack killed 126 people, the Observatory said.",
            "Posted on April 19 2017 by the Daily Six people were killed in a blast in Aleppo.",
        ),
    ],
)
def test_reports_of_different_incidents_do_not(claim: str, passage: str) -> None:
    assert numeric_conflict(claim, passage, DEFAULTS) is None
    assert numeric_conflict(passage, claim, DEFAULTS) is None


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # A chemical weapon comes by plane or by rocket: one incident.
        (
            "At least 86 people were killed on Tuesday in a gas attack in the town.",
            "On Tuesday 80 people were killed by air strikes in the town.",
        ),
        # Both say the day: a weekday and its date in the month.
        (
            "At least 20 people were killed in a suicide bombing at a wedding on Monday.",
            "The suicide bombing on 3 October killed 31 people at a wedding.",
        ),
        # A year that names a thing is no span of time.
        (
            "195 countries signed the 2015 Paris Agreement.",
            "On 12 December 2015, 196 countries signed the Paris Agreement.",
        ),
        # Reported the next day: the toll may be of the day before.
        (
            "Strikes on Monday killed 33 people in the town.",
            "Strikes killed 48 people in the town, activists said on Tuesday.",
        ),
    ],
)
def test_one_incident_told_with_other_details_still_conflicts(claim: str, passage: str) -> None:
    assert numeric_conflict(claim, passage, DEFAULTS) is not None


def test_a_country_named_as_its_adjective_and_a_person_with_a_title_are_no_other_place() -> None:
    assert places("The West blames the attack on Syria President Bashar al-Assad's forces.") == {"syria"}
    assert same_incident(
        "At least 87 people died in the attack that the West blames on Syria President Bashar al-Assad.",
        "Jets attacked the Syrian province of Idlib with chemical weapons, killing at least 70 people.",
    )


def test_places_are_spelled_as_the_other_sentence_is_read() -> None:
    assert places("A car bomb in Damascus killed 12 people.") == {"damascu"}  # as `terms` spells it
    assert places("killed in an Israeli strike") == set()
    assert places("the UN said in Geneva that the strike in Idlib killed 5") == {"idlib"}
    assert same_incident("Strikes hit Idlib's hospital, killing 9.", "Strikes in Idlib killed 14.")
