"""Figures conflict only between counts of the same thing: designations, dates, times and ages are
never counts, and counts of different things never conflict."""

from __future__ import annotations

import pytest

from pipeline.check import can_both_hold, figure_value, numeric_conflict, quantities
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
    ("claim", "passage"),
    [
        # Parts of two totals.
        (
            "Since Thursday bombardment killed 44 civilians including 11 women and nine children.",
            "Seven people were killed in Kafr Takharim, including four women and two children.",
        ),
        # A running total against one strike.
        (
            "More than 3000 people including nearly 1000 civilians have been killed during the past month.",
            "A US-led strike killed 18 civilians in Raqqa on Tuesday.",
        ),
        (
            "At least 123 civilians have been killed since the offensive began.",
            "Air strikes killed 17 civilians.",
        ),
        # The wounded are not the killed; an increment is not a total.
        (
            "An air raid on another hospital in Idlib had wounded five people.",
            "An air strike on the hospital in Idlib killed 14 people.",
        ),
        (
            "Another 11 buses carrying some 500 people left Madaya.",
            "The convoy was carrying at least 5000 people.",
        ),
        (
            "A further nine people were killed in strikes in Idlib.",
            "An air strike in Idlib killed 14 people.",
        ),
        # On different days.
        (
            "They were among 19 people killed by strikes across Idlib province on Thursday.",
            "Air strikes in and around a town in Idlib province on Tuesday killed 26 people.",
        ),
        (
            "Syria had 135 attacks on health facilities and workers in 2015.",
            "There were 43 attacks on healthcare facilities in Syria in July 2016.",
        ),
        # Each names a place the other does not.
        (
            "More than 19 civilians were killed in Eastern Ghouta on Sunday.",
            "On Sunday air strikes on the areas of Mesraba and Madira killed 17 civilians.",
        ),
        # What follows "a day after" or "that attack" is another incident's.
        (
            "The deaths came a day after UNICEF said 22 children had been killed in air strikes.",
            "At least six children were killed in rebel rocket attacks on a school.",
        ),
        (
            "The United States accused Damascus of that attack, which it estimates killed 1429 people.",
            "At least four people were killed after a gas barrel was dropped on the town.",
        ),
        # Those counted where they were taken are some of the victims, not the toll.
        (
            "Three people had died in the attack on Khan Sheikhoun since being brought to hospitals.",
            "At least 27 people died in the attack on Khan Sheikhoun.",
        ),
        (
            "It said 31 people hurt in the attack were being treated in Turkish hospitals and three "
            "people had died since being brought from Syria.",
            "The attack killed 27 people and hurt 200.",
        ),
        # "also": a count beside the story's own.
        (
            "More than a dozen people were also killed in a besieged neighborhood in Aleppo.",
            "At least 20 people were killed in a car bomb blast in Aleppo.",
        ),
    ],
)
def test_no_conflict_between_counts_of_different_incidents(claim: str, passage: str) -> None:
    assert numeric_conflict(claim, passage, DEFAULTS) is None


def test_the_same_incident_in_other_words_still_conflicts() -> None:
    claim = "In September 2016, a coalition airstrike on Deir ez-Zor killed over 60 Syrian soldiers."
    passage = "the coalition massacred over 80 syrian military soldiers in deir ez-zor in september 2016"
    assert numeric_conflict(claim, passage, DEFAULTS) is not None
    # A place only one side names is not another incident.
    assert numeric_conflict(
        "An airstrike in Idlib killed 33 people.", "The airstrike killed 48 people.", DEFAULTS
    )


@pytest.mark.parametrize(
    ("claim", "passage", "figures"),
    [
        ("killed over 60 Syrian soldiers", "massacred over 80 syrian military soldiers after", (60, 80)),
        ("killed over 60 Syrian soldiers", "killed more than 80 Syrian troops", (60, 80)),
        ("At least 33 people were killed in the airstrike", "The airstrike killed 48 people", (33, 48)),
        ("Two children died in the fire", "three children died in the fire", (2, 3)),
        # People killed are never fewer than the civilians killed among them; the fate that follows
        # "and" belongs to the next count.
        (
            "The Observatory says 34 people were killed, six of them women or children.",
            "Rocket shells hit Furqan, killing according to the latest toll 44 civilians and wounding "
            "over 140.",
            (34, 44),
        ),
        # The wounded taken somewhere later in the sentence leave the toll a toll.
        (
            "The strike killed 20 people, and the wounded were rushed to hospital.",
            "The strike killed 45 people.",
            (20, 45),
        ),
    ],
)
def test_counts_of_the_same_thing_conflict(claim: str, passage: str, figures: tuple[int, int]) -> None:
    conflict = numeric_conflict(claim, passage, DEFAULTS)
    assert conflict is not None and (conflict[0].value, conflict[1].value) == figures


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        (
            "The 10 Democrats who gathered outside the Senate chamber after the vote.",
            "The agreement that 33 Senate Democrats voted to advance to a final vote.",
        ),
        (
            "Pelosi vowed to retake the chamber, despite needing to gain roughly 35 seats.",
            "House Democrats picked up just six seats in this election.",
        ),
        # An auxiliary says nothing of the act.
        ("The 10 Democrats who had gathered outside the chamber.", "33 Senate Democrats had voted."),
        # A toll against a count of people doing something else.
        ("About 200 people protested in the square.", "About 12 people were killed in the square."),
    ],
)
def test_counts_of_one_thing_under_different_actions_do_not_conflict(claim: str, passage: str) -> None:
    assert numeric_conflict(claim, passage, DEFAULTS) is None


def test_counts_of_one_thing_under_one_action_conflict() -> None:
    conflict = numeric_conflict(
        "The Senate voted 52 to confirm the nominee.", "52 senators voted for him and 48 against.", DEFAULTS
    )
    assert conflict is None  # the same figure
    conflict = numeric_conflict(
        "The Senate voted to confirm him after 52 senators backed the nominee.",
        "In the end 51 senators backed the nominee.",
        DEFAULTS,
    )
    assert conflict is not None and (conflict[0].value, conflict[1].value) == (52, 51)


def test_a_comma_ends_the_other_incidents_clause() -> None:
    (count,) = quantities("Hours after the truce began, strikes killed 19 people.", DEFAULTS.unit_words)
    assert not count.part
    # "that attack, which ..." goes on about that attack.
    (count,) = quantities(
        "The US accused Damascus of that attack, which killed 1429 people.", DEFAULTS.unit_words
    )
    assert count.part
    # A caption's "the day after" ends at its brackets.
    caption = "Syrians pass burnt vehicles the day after shelling (Photo AFP) State media says 30 people died"
    (count,) = quantities(caption, DEFAULTS.unit_words)
    assert not count.part


def test_also_is_beside_the_story_but_not_in_saying_or_doing_more() -> None:
    (count,) = quantities("More than a dozen people were also killed in Aleppo.", DEFAULTS.unit_words)
    assert count.part
    for whole in ("The Observatory also said 20 people were killed.", "The strike also killed 30 people."):
        (count,) = quantities(whole, DEFAULTS.unit_words)
        assert not count.part


def test_numbers_in_words() -> None:
    text = "Thirty-five people, thirty-one soldiers and one child died; fifteen soldiers were hurt"
    assert [q.value for q in quantities(text, 3)] == [35, 31, 1, 15]
    assert [q.value for q in quantities("One hundred people and two hundred soldiers died", 3)] == [100, 200]
    assert figure_value("one hundred") == 100 and figure_value("Thirty-one") == 31
    # "one of" counts nothing, nor does "one ... and another".
    assert quantities("one of the soldiers was killed", 3) == []
    assert quantities("one restaurant on the river and another in Spencer still serve pizza", 3) == []
    assert numeric_conflict("Thirty-one people were killed", "31 people were killed", DEFAULTS) is None


def test_a_toll_in_a_sentence_sharing_little_else_is_compared_strictly() -> None:
    claim = "At least 86 people were killed on Tuesday in Khan Sheikhoun and dozens more were treated."
    passage = "On Tuesday some 80 people were killed in the attack"
    assert numeric_conflict(claim, passage, DEFAULTS, strict=True)
    # Strictly, the fate must be known on both sides, the counted thing the same, and a day or a
    # place named by both.
    assert not numeric_conflict(claim, "On Tuesday some 80 people were treated", DEFAULTS, strict=True)
    assert not numeric_conflict(claim, "On Tuesday 90 civilians were killed", DEFAULTS, strict=True)
    assert not numeric_conflict(claim, "some 80 people were killed in the attack", DEFAULTS, strict=True)


def test_a_part_may_be_fewer_than_its_whole() -> None:
    assert numeric_conflict("Strikes killed 34 people.", "Strikes killed 20 civilians.", DEFAULTS) is None
    assert numeric_conflict("Strikes killed 30 people.", "Strikes wounded 44 civilians.", DEFAULTS) is None
    assert (
        numeric_conflict("Rescuers evacuated 500 civilians.", "The strike killed 300 people.", DEFAULTS)
        is None
    )


def test_a_breakdown_is_not_what_a_total_counts() -> None:
    (total,) = [
        q for q in quantities("strikes killed at least 12 people including civilians", 3) if not q.part
    ]
    assert total.counts == "people"


def test_what_a_number_counts() -> None:
    (count,) = quantities("Two children died and the F/A-18 returned on June 18", DEFAULTS.unit_words)
    assert (count.value, count.counts) == (2, "child")
    # A fate after what was counted ends the phrase, "-ed" or not.
    (count,) = quantities("Officials said 31 people hurt in the attack", DEFAULTS.unit_words)
    assert (count.counts, count.fate) == ("people", "wounded")
    # A scale word multiplies the number and is not what it counts.
    (count,) = quantities("buses carried some 5 thousand people out of the towns", DEFAULTS.unit_words)
    assert (count.value, count.counts, count.text) == (5000, "people", "5 thousand")
    assert figure_value("some 2.5 million") == 2_500_000


def test_what_is_added_after_a_count_has_its_own_fate() -> None:
    toll = "The death toll from the attacks was put at 8 civilians in addition to 12 injured."
    assert [(q.value, q.fate) for q in quantities(toll, 3)] == [(8, "killed"), (12, "wounded")]


def test_a_death_tolls_figure_and_a_participle_after_the_count_give_its_fate() -> None:
    toll = (
        "The death toll from Tuesday's terrorist rocket attacks on the same neighborhood was put at "
        "8 civilians in addition to 12 injured."
    )
    assert [(q.value, q.fate) for q in quantities(toll, 3)] == [(8, "killed"), (12, "wounded")]
    # A headline that lost its commas: the nine were injured, not killed.
    headline = "Child killed 9 Civilians Injured in Terrorist Attacks in Damascus"
    assert [(q.value, q.fate) for q in quantities(headline, 3)] == [(9, "wounded")]
    # A participle with a count of its own is that count's fate.
    text = "The attack killed 30 people wounded 50 others"
    assert [(q.value, q.fate) for q in quantities(text, 3)] == [(30, "killed"), (50, "wounded")]
    claim = "At least 20 civilians were killed in the bombing of Aleppo on Friday."
    assert numeric_conflict(claim, "Child killed 9 Civilians Injured in Aleppo on Friday.", DEFAULTS) is None


def test_people_moved_are_not_people_killed() -> None:
    assert (
        numeric_conflict(
            "The convoy arrived in Aleppo evacuating some 5 thousand people from the besieged towns.",
            "A car bomb hit the convoy of buses, killing at least 100 people.",
            DEFAULTS,
        )
        is None
    )


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("a coalition airstrike killed over 60 Syrian soldiers", "over 60"),
        ("At least 33 people were killed", "At least 33"),
        ("More than a dozen people were killed", "More than a dozen"),
        ("the strike killed not less than 20 people", "not less than 20"),
        ("not more than 10 people died", "not more than 10"),
        # "over" and "up to" that belong to a verb bound nothing.
        ("Turkey handed over 20 bodies", "20"),
        ("ISIS took over 3 villages", "3"),
        ("the death toll went up to 45 people", "45"),
        ("the new attack brought the toll up to 45 people", "45"),
    ],
)
def test_a_figure_keeps_its_bound(text: str, figure: str) -> None:
    (count,) = quantities(text, DEFAULTS.unit_words)
    assert count.text == figure


def test_figures_that_cannot_both_hold_are_the_conflict_reported() -> None:
    conflict = numeric_conflict(
        "A coalition airstrike killed over 60 Syrian soldiers and wounded 100 soldiers.",
        "A coalition airstrike killed over 80 Syrian soldiers and wounded 20 soldiers.",
        DEFAULTS,
    )
    assert conflict is not None and (conflict[0].text, conflict[1].text) == ("100", "20")


@pytest.mark.parametrize(
    ("figure", "other", "both"),
    [
        ("over 60", "over 80", True),
        ("at least 33", "48", True),
        ("more than a dozen", "20", True),
        ("up to 20", "15", True),
        ("at least 30", "30", True),
        ("60", "80", False),
        ("more than 30", "30", False),
        ("over 60", "50", False),
        ("up to 20", "25", False),
        ("fewer than 10", "over 12", False),
        ("some 80", "86", False),
        # Counts are whole numbers.
        ("more than 30", "fewer than 31", False),
        ("more than 30", "fewer than 32", True),
        ("not less than 20", "15", False),
        ("not more than 10", "8", True),
    ],
)
def test_bounds_that_overlap_can_both_hold(figure: str, other: str, both: bool) -> None:
    assert can_both_hold(figure, other) is both and can_both_hold(other, figure) is both


@pytest.mark.parametrize(
    ("claim", "passage", "unstated"),
    [
        # A passage close in meaning that gives some of the victims states no toll it lacks.
        (
            "At least 27 children were confirmed killed in the attack in Idlib.",
            "Three people had died since being brought from Syria, and 31 people hurt were being treated.",
            ("At least 27", "Three"),
        ),
        (
            "Officials said 31 people hurt in the attack were being treated in Turkish hospitals.",
            "A further 546 people have been injured in the attack in Idlib.",
            ("31", "546"),
        ),
        # The claim's figure among others, other things counted, or another fate: nothing unstated.
        (
            "At least 18 civilians were killed in Aleppo.",
            "A missile killed 18 civilians in Aleppo and wounded 40 people.",
            None,
        ),
        ("US forces shot down a Syrian jet near Raqqa.", "An F/A-18 downed a Syrian Su-22 near Raqqa.", None),
        (
            "At present the concentration is just over 400 ppm.",
            "It rose from 280 ppm in the 18th century to 415 ppm as of May 2019.",
            None,
        ),
        (
            "195 countries signed the Paris Agreement.",
            "196 countries agreed to the Paris Agreement.",
            ("195", "196"),
        ),
        # The claim's figure anywhere in the passage; a whole above its part may hold both.
        ("Police arrested 5 people at the protest.", "Police arrested 5 of the 200 people there.", None),
        ("The strike killed 12 people, including 5 children.", "The strike killed 12 people.", None),
        # Two bounds that overlap do not state each other.
        (
            "Missile kills at least 18 civilians in Aleppo.",
            "At least 12 civilians were killed in a raid on a village.",
            ("at least 18", "At least 12"),
        ),
        ("Five soldiers were killed in the raid.", "The raid left 40 people wounded.", None),
    ],
)
def test_a_passage_giving_only_other_figures_does_not_state_them(
    claim: str, passage: str, unstated: tuple[str, str] | None
) -> None:
    from pipeline.check.rules import unstated_figure

    found = unstated_figure(claim, passage, DEFAULTS)
    assert (found and (found[0].text, found[1].text)) == unstated
