from __future__ import annotations

import pytest

from pipeline.check import SentenceIndex, crosscheck_claim
from pipeline.check.place import placing
from pipeline.extract import claim_id
from pipeline.ingest import make_document
from pipeline.records import Claim, Document, SourceStance, StanceLabel
from pipeline.settings import Settings
from tests.fakes import ScriptedChatModel

OWN = make_document(
    "A car bomb exploded at a crowded market in northern Syria on Friday, killing at least twelve people. "
    "Rescue workers pulled survivors from the rubble for hours. "
    "Local officials said the blast happened near Jarablus as traders were opening their stalls.",
    "own.txt",
)


def placing_claim(doc: Document, text: str) -> Claim:
    return Claim(
        claim_id=claim_id(doc.doc_id, text),
        claim=text,
        claimer="Local officials",
        doc_id=doc.doc_id,
        quote=doc.sentences[-1],
        rewrite="model",
    )


def _placed_near_jarablus(other: Document, fake: ScriptedChatModel, settings: Settings) -> SourceStance:
    """The other source's stance on the claim placing OWN's blast near Jarablus."""
    claim = placing_claim(OWN, "The blast happened near Jarablus.")
    (stance,) = crosscheck_claim(
        claim, [SentenceIndex(OWN, settings), SentenceIndex(other, settings)], fake, settings
    )
    return stance


def test_a_claim_placing_its_event_gives_the_names_of_the_place() -> None:
    found = placing(
        "The army stated that the incident took place in a remote village called Rasafah on Sunday."
    )
    assert found is not None
    assert (found.clause, found.names) == (
        "the incident took place in a remote village called Rasafah",
        ("rasafah",),
    )
    # The clause ends where another fact begins; an article of an Arabic name names no place alone.
    found = placing(
        "The explosion took place in Al Kalassa region of the Syrian capital and that 19 were hurt."
    )
    assert found is not None and found.names == ("kalassa",)
    found = placing("The bombing took place in al-Msheirfeh near the city of Raqqa; Sputnik reported.")
    assert found is not None and found.names == ("msheirfeh", "raqqa")


def test_no_placing_without_a_named_place_or_with_a_time_instead() -> None:
    assert placing("The incident took place in a nearby town.") is None
    assert placing("The attack was carried out at around noon local time (0900 GMT) on Thursday.") is None
    assert placing("The attack took place at dawn near Jarablus.") is None
    # A people's adjective before a noun is no place; a name that ends like one is.
    found = placing("The attack took place near the Syrian border town of Jarablus.")
    assert found is not None and found.names == ("jarablu",)
    found = placing("The attack took place in Arish.")
    assert found is not None and found.names == ("arish",)
    assert placing("Rescue workers pulled survivors from the rubble near Jarablus.") is None  # no event word
    assert placing("Officials said a second blast took place in Jarablus.") is None  # not the story's event


def test_a_source_naming_the_place_of_the_same_event_supports_it(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    other = make_document(
        "Twelve people were killed when a car bomb went off in a busy market in the town of Jarabulus "
        "on Friday. "
        "The town lies close to the Turkish border.",
        "other.txt",
    )
    stance = _placed_near_jarablus(other, fake, settings)
    assert (stance.stance, stance.method) == (StanceLabel.supports, "place")
    assert stance.evidence is not None and stance.evidence.text.startswith("Twelve people were killed")
    assert stance.part == "the blast happened near Jarablus"
    assert stance.note == "the source places the same event in Jarabulus"


def test_a_source_naming_the_place_about_something_else_does_not(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    other = make_document(
        "The football club of Jarablus won its league title last season after a penalty shoot-out. "
        "Its coach thanked the fans for their patience.",
        "other.txt",
    )
    stance = _placed_near_jarablus(other, fake, settings)
    assert stance.method != "place"
    assert stance.stance is StanceLabel.not_mentioned


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials denied that a car bomb went off in the market of Jarabulus on Friday.",
        "Did a car bomb go off in the market of Jarabulus on Friday?",
        "No car bomb went off in the market of Jarabulus on Friday, officials said.",
    ],
)
def test_a_source_asking_or_denying_does_not_place_the_event(
    sentence: str, fake: ScriptedChatModel, settings: Settings
) -> None:
    other = make_document(sentence, "other.txt")
    stance = _placed_near_jarablus(other, fake, settings)
    assert stance.method != "place"
