from __future__ import annotations

from pipeline.check import SentenceIndex, crosscheck_claim
from pipeline.check.accounts import competing_accounts
from pipeline.extract import claim_id
from pipeline.ingest import make_document
from pipeline.records import Claim, Document, StanceLabel, VerdictLabel
from pipeline.settings import Settings
from pipeline.verdict import CorpusInfo, build_verdicts
from tests.fakes import ScriptedChatModel
from tests.unit.verdict.test_cluster import PROV

DEFAULTS = Settings()


def parties(text: str) -> list[tuple[str, str]]:
    doc = make_document(text, "x.txt")
    return [(a.first.party, a.second.party) for a in competing_accounts(doc, DEFAULTS.max_claimer_words)]


def test_two_parties_versions_set_against_each_other_are_found() -> None:
    assert parties(
        "Washington said the jet dropped bombs close to the US-led forces, but the Syrian government "
        "claims the jet was on a mission to counter ISIS."
    ) == [("Washington", "the Syrian government")]
    assert parties(
        "A warplane was shot down, with Washington saying the jet had dropped bombs near allied forces "
        "and Damascus saying the plane was on a mission against Islamic State."
    ) == [("Washington", "Damascus")]
    # A denial of another party's claims answers what the article has just reported.
    doc = make_document(
        "Washington claims that the jet had dropped bombs near US-backed forces. "
        "Syrian officials deny the US claims, stating that their plane was striking an ISIS position.",
        "x.txt",
    )
    (found,) = competing_accounts(doc, DEFAULTS.max_claimer_words)
    assert (found.first.party, found.second.party) == ("US", "Syrian officials")
    assert found.first.text == doc.sentences[0].text
    assert found.second.text == "their plane was striking an ISIS position."
    assert parties(
        "The observatory first reported this. The White House disputed Republican claims that the "
        "calls might be illegal or improper."
    ) == [("Republican", "The White House")]


def test_one_party_twice_a_time_or_a_bare_report_is_no_dispute() -> None:
    assert parties("The army said the road was closed, but the army said later that it had reopened.") == []
    assert parties("The Guardian reported the order on Wednesday, while The Post reported the program.") == []
    assert parties("Syria accuses Qatar of funding armed groups in the country; Press TV reported.") == []
    assert parties("Assad has denied previous accusations of using chemical weapons.") == []
    # Two findings joined by "but" are not two versions of one thing.
    assert (
        parties("Acme said its profits rose sharply, but analysts said the outlook for next year was weak.")
        == []
    )
    # What is denied must be someone's claims, answering a statement the article has reported.
    assert (
        parties(
            "The mayor spoke on Monday. The former minister denied the corruption allegations, saying "
            "they were invented."
        )
        == []
    )
    assert (
        parties("The port reopened on Monday. Moscow denied the US claims, saying its ships were far away.")
        == []
    )


def claim_in(doc: Document, index: int, text: str, claimer: str) -> Claim:
    return Claim(
        claim_id=claim_id(doc.doc_id, text),
        claim=text,
        claimer=claimer,
        doc_id=doc.doc_id,
        quote=doc.sentences[index],
        rewrite="quote",
    )


def test_a_claim_stating_one_version_is_contested_by_the_other_party(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    mine = make_document(
        "US officials said the Syrian jet had dropped bombs near US-backed forces south of Tabqah.\n"
        "US warplanes shot down a Syrian army jet near Raqqa on Sunday.",
        "mine.txt",
    )
    other = make_document(
        "Washington said the jet dropped bombs close to the US-backed forces, but the Syrian government "
        "claims the jet was on a mission against ISIS when it was shot down.",
        "other.txt",
    )
    indexes = [SentenceIndex(mine, DEFAULTS), SentenceIndex(other, DEFAULTS)]
    claim = claim_in(mine, 0, mine.sentences[0].text, "US officials")
    (stance,) = crosscheck_claim(claim, indexes, fake, settings)
    assert (stance.stance, stance.method, stance.claimer) == (
        StanceLabel.contradicts,
        "accounts",
        "the Syrian government",
    )
    assert stance.evidence is not None and stance.evidence.text == other.sentences[0].text
    assert stance.note is not None and stance.note.startswith("the Syrian government's account differs: ")
    # The story both versions tell is not either version: the shoot-down itself is not contested.
    fake.always(choice_reply="supports")
    core = claim_in(mine, 1, mine.sentences[1].text, "the outlet")
    (stance,) = crosscheck_claim(core, indexes, fake, settings)
    # (The other source says "claims": for a claim in the outlet's own voice it only reports it.)
    assert (stance.stance, stance.method) == (StanceLabel.not_mentioned, "hedged")


def test_a_claim_joining_several_facts_is_contested_in_the_clause_stating_one_version(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    mine = make_document(
        "Tensions escalated on Sunday as the US military brought down the jet near Raqqa for dropping "
        "bombs near US-backed forces on the ground, and Iran launched missiles at Islamic State targets "
        "in eastern Syria for the first time in the war.",
        "mine.txt",
    )
    other = make_document(
        "Washington said the jet dropped bombs close to the US-backed forces, but the Syrian government "
        "said the jet was on a mission against ISIS when it was shot down.",
        "other.txt",
    )
    indexes = [SentenceIndex(mine, DEFAULTS), SentenceIndex(other, DEFAULTS)]
    claim = claim_in(mine, 0, mine.sentences[0].text, "the outlet")
    (stance,) = crosscheck_claim(claim, indexes, fake, settings)
    assert (stance.stance, stance.method, stance.claimer) == (
        StanceLabel.contradicts,
        "accounts",
        "the Syrian government",
    )


def test_a_claim_whose_own_sentence_sets_two_versions_against_each_other_is_disputed(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    mine = make_document(
        "Washington said the jet dropped bombs close to the US-led forces, but the Syrian government "
        "claims the jet was on a mission to counter ISIS when the US warplane shot it down.\n"
        "A warplane was shot down near Raqqa, with Washington saying the jet had dropped bombs near "
        "allied forces and Damascus saying the plane was on a mission against Islamic State.",
        "mine.txt",
    )
    other = make_document("A US warplane shot down a Syrian army jet near Raqqa on Sunday.", "other.txt")
    indexes = [SentenceIndex(mine, DEFAULTS), SentenceIndex(other, DEFAULTS)]
    corpus = CorpusInfo({d.doc_id: d for d in (mine, other)}, {d.doc_id: "e" for d in (mine, other)})
    disputed = claim_in(mine, 0, mine.sentences[0].text, "Washington")
    stances = crosscheck_claim(disputed, indexes, fake, settings)
    assert all(s.doc_id != mine.doc_id for s in stances)  # its own document is no witness
    (verdict,) = build_verdicts([disputed], {disputed.claim_id: stances}, corpus, PROV)
    assert verdict.verdict is VerdictLabel.disputed
    assert verdict.reason.startswith(
        "its own sentence sets Washington's account against the Syrian government's"
    )
    assert any(a.claimer == "the Syrian government" and a.position == "contradicts" for a in verdict.accounts)
    # A sentence that first states the shoot-down and then each side's reasons does not dispute the
    # shoot-down.
    framed = claim_in(mine, 1, mine.sentences[1].text, "the outlet")
    stances = crosscheck_claim(framed, indexes, fake, settings)
    (verdict,) = build_verdicts([framed], {framed.claim_id: stances}, corpus, PROV)
    assert verdict.verdict is not VerdictLabel.disputed
