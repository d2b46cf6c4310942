from __future__ import annotations

from pipeline.check import SentenceIndex, crosscheck_claim
from pipeline.check.clauses import clauses
from pipeline.check.meaning import intended_only
from pipeline.ingest import make_document
from pipeline.records import Claim, Document, StanceLabel
from pipeline.settings import Settings
from pipeline.text import plain
from pipeline.verdict import CorpusInfo, build_verdicts
from tests.fakes import ScriptedChatModel
from tests.unit.check.test_accounts import claim_in
from tests.unit.verdict.test_cluster import PROV

DEFAULTS = Settings()


def test_a_claim_joining_facts_is_cut_between_its_clauses() -> None:
    assert clauses(
        "Tensions escalated on Sunday as the US military brought down the jet near Raqqa, and Iran "
        "launched missiles at Islamic State targets in eastern Syria."
    ) == [
        "Tensions escalated on Sunday",
        "the US military brought down the jet near Raqqa",
        "Iran launched missiles at Islamic State targets in eastern Syria",
    ]
    assert clauses("Kim Jong Un is ill because he eats too much cheese at state banquets") == [
        "Kim Jong Un is ill",
        "he eats too much cheese at state banquets",
    ]


def test_one_fact_with_its_phrases_and_asides_is_one_clause() -> None:
    for one in [
        # a participle, a preposition, "such as", a relative clause, a list
        "The plane was downed while flying a mission against Islamic State militants.",
        "The base at Fort Carson was locked down because of a missing nuclear weapon.",
        "The SDF captured the Bitani District, Sunday, after a short battle with Islamic State.",
        "Rebels seized heavy weapons such as the tanks left behind at the airbase.",
        "The Syrian military, which has recaptured districts of eastern Aleppo, reclaimed oil fields.",
        "Russia, Iran and Syria agreed to the overflight.",
    ]:
        assert clauses(one) == [], one


def first_sentence(doc: Document) -> Claim:
    """The document's first sentence as its claim, in the outlet's voice."""
    return claim_in(doc, 0, doc.sentences[0].text, "the outlet")


def test_a_source_stating_one_fact_of_a_claim_supports_that_part(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    mine = make_document(
        "Tensions escalated on Sunday as the US military brought down the jet near Raqqa, and Iran "
        "launched missiles at Islamic State targets in eastern Syria.",
        "mine.txt",
    )
    other = make_document(
        "A US warplane has brought down a Syrian military jet in southern Raqqa on Sunday.\n"
        "Weather in the region was clear and dry for most of the week.",
        "other.txt",
    )
    claim = first_sentence(mine)
    indexes = [SentenceIndex(mine, DEFAULTS), SentenceIndex(other, DEFAULTS)]
    (stance,) = crosscheck_claim(claim, indexes, fake, settings)
    assert (stance.stance, stance.method) == (StanceLabel.supports, "meaning")
    assert stance.part == "the US military brought down the jet near Raqqa"
    assert stance.evidence == other.sentences[0]
    assert not fake.history
    # One fact of a claim is not the claim: the two sentences' claims stay two verdicts.
    core = first_sentence(other)
    back = stance.model_copy(update={"doc_id": mine.doc_id, "evidence": mine.sentences[0], "part": None})
    corpus = CorpusInfo({d.doc_id: d for d in (mine, other)}, {d.doc_id: "e" for d in (mine, other)})
    both = {claim.claim_id: [stance], core.claim_id: [back]}
    assert len(build_verdicts([claim, core], both, corpus, PROV)) == 2
    whole = {claim.claim_id: [stance.model_copy(update={"part": None})], core.claim_id: [back]}
    assert len(build_verdicts([claim, core], whole, corpus, PROV)) == 1


def test_markup_is_not_meaning_and_a_threat_is_not_the_act() -> None:
    assert plain("#Syria army: #US-led coalition shoots down1of our jets — A. B. (@ab_tv) June 18, 2017") == (
        "Syria army: US-led coalition shoots down 1 of our jets — A. B. June 18, 2017"
    )
    assert plain("Su-22 and F/A-18E over 5km") == "Su-22 and F/A-18E over 5km"
    act = "The US-led coalition shot down one of our fighter jets near Rusafah."
    assert intended_only(act, "Russia threatens to shoot down US-led coalition aircraft over Syria.")
    assert not intended_only(
        "Russia vowed to shoot down coalition jets.", "Moscow threatened to down the jets."
    )
    assert not intended_only(act, "A US warplane shot down a Syrian jet near Rasafah.")
