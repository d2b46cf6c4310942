from __future__ import annotations

import pytest

from pipeline.extract import claim_id
from pipeline.ingest import make_document
from pipeline.records import Claim, Document, Figures, Provenance, SourceStance, StanceLabel, VerdictLabel
from pipeline.settings import Settings
from pipeline.verdict import CorpusInfo, build_verdicts, near_duplicates

DEFAULTS = Settings()

EVENT = "e" * 16
PROV = Provenance(
    model="m",
    model_sha256="0" * 64,
    embedder="e",
    embedder_sha256="1" * 64,
    encoder="n",
    encoder_sha256="2" * 64,
    prompts={},
    pipeline_version="0",
)
EVENT = "US forces shot down a Syrian army jet near Raqqa on Sunday, officials said."


def doc(name: str, text: str) -> Document:
    return make_document(text, name)


def claim(d: Document, claimer: str = "the outlet") -> Claim:
    text = d.sentences[0].text
    return Claim(
        claim_id=claim_id(d.doc_id, text),
        claim=text,
        claimer=claimer,
        doc_id=d.doc_id,
        quote=d.sentences[0],
        rewrite="quote",
    )


def supports(of: Claim, d: Document) -> SourceStance:
    return SourceStance(
        doc_id=d.doc_id, stance=StanceLabel.supports, evidence=d.sentences[0], score=0.8, method="model"
    )


def mutual(claims: list[Claim], docs: list[Document]) -> dict[str, list[SourceStance]]:
    return {c.claim_id: [supports(c, d) for d in docs if d.doc_id != c.doc_id] for c in claims}


def test_one_claim_stated_by_three_sources_is_one_verdict() -> None:
    docs = [
        doc("a.txt", "A US warplane shot down a Syrian army jet near Raqqa on Sunday."),
        doc("b.txt", "US forces downed a Syrian army jet near Raqqa on Sunday."),
        doc("c.txt", "The Syrian jet was shot down near Raqqa by a US plane on Sunday."),
    ]
    claims = [claim(d) for d in docs]
    corpus = CorpusInfo({d.doc_id: d for d in docs}, {d.doc_id: EVENT for d in docs})
    (verdict,) = build_verdicts(claims, mutual(claims, docs), corpus, PROV)
    assert verdict.verdict is VerdictLabel.corroborated
    assert sorted(s.doc_id for s in verdict.sources) == sorted(d.doc_id for d in docs)
    assert verdict.independent_sources == 3
    texts = {d.doc_id: d.text for d in docs}
    assert all(texts[s.doc_id][s.quote.start : s.quote.end] == s.quote.text for s in verdict.sources)
    assert [s.doc_id for s in verdict.stances] == [
        d.doc_id for d in docs if d.doc_id != verdict.source.doc_id
    ]


def test_competing_claimers_are_not_merged() -> None:
    docs = [
        doc("a.txt", "The jet was fighting Islamic State near Raqqa, the Syrian army said."),
        doc("b.txt", "The jet was bombing near US-backed forces near Raqqa, the coalition said."),
    ]
    claims = [claim(docs[0], "the Syrian army"), claim(docs[1], "the coalition")]
    corpus = CorpusInfo({d.doc_id: d for d in docs}, {d.doc_id: EVENT for d in docs})
    verdicts = build_verdicts(claims, mutual(claims, docs), corpus, PROV)
    assert len(verdicts) == 2
    # Each verdict names the other party's account, taken from the claim extracted from its sentence.
    assert [(a.claimer, a.position) for a in verdicts[0].accounts] == [
        ("the Syrian army", "states"),
        ("the coalition", "supports"),
    ]


@pytest.mark.parametrize(
    "first",
    [
        # "the statement" names no one: it can be anyone's.
        "the statement",
        # Read from the sentences around ("a statement by the Syrian army" earlier in the article):
        # named in words Damascus does not share.
        "the Syrian army",
    ],
)
def test_a_claimer_its_sentence_does_not_name_can_be_any_party(first: str) -> None:
    docs = [
        doc("a.txt", "According to the statement, the jet was fighting Islamic State near Raqqa."),
        doc("b.txt", "Damascus stated that the jet was fighting Islamic State near Raqqa."),
        doc("c.txt", "The jet was bombing near US-backed forces near Raqqa, the coalition said."),
    ]
    # The first two state each other's sentence: one claim; the coalition, named in its own
    # sentence, is another party even where the stances say otherwise.
    claims = [claim(docs[0], first), claim(docs[1], "Damascus"), claim(docs[2], "the coalition")]
    corpus = CorpusInfo({d.doc_id: d for d in docs}, {d.doc_id: EVENT for d in docs})
    verdicts = build_verdicts(claims, mutual(claims, docs), corpus, PROV)
    merged = {frozenset(s.claimer for s in v.sources) for v in verdicts}
    assert merged == {frozenset({first, "Damascus"}), frozenset({"the coalition"})}


def test_syndicated_copies_count_as_one_source() -> None:
    wire = (
        "A US warplane shot down a Syrian army jet near Raqqa on Sunday. The Pentagon said the jet had "
        "dropped bombs near US-backed fighters. Damascus said the plane was on a mission against "
        "Islamic State. It was the first such downing since the war began in 2011."
    )
    docs = [doc("wire.txt", wire), doc("copy.txt", "Breaking news. " + wire + " More to follow.")]
    assert near_duplicates(docs, DEFAULTS) == {docs[1].doc_id: docs[0].doc_id}
    assert near_duplicates([docs[0], doc("other.txt", EVENT)], DEFAULTS) == {}
    claims = [claim(docs[0])]
    corpus = CorpusInfo(
        {d.doc_id: d for d in docs}, {d.doc_id: EVENT for d in docs}, copy_of=near_duplicates(docs, DEFAULTS)
    )
    stances = {claims[0].claim_id: [supports(claims[0], docs[1])]}
    (verdict,) = build_verdicts(claims, stances, corpus, PROV)
    assert verdict.verdict is VerdictLabel.single_source and verdict.independent_sources == 1


def test_a_differing_figure_is_a_conflict_on_both_claims() -> None:
    from pipeline.records import VerdictLabel as V

    docs = [
        doc("a.txt", "A coalition airstrike on Deir ez-Zor killed over 60 Syrian soldiers."),
        doc("b.txt", "The us attack on dier azor massacred over 80 syrian soldiers."),
    ]
    a, b = claim(docs[0]), claim(docs[1])
    figure = SourceStance(
        doc_id=docs[1].doc_id,
        stance=StanceLabel.contradicts,
        evidence=docs[1].sentences[0],
        score=0.8,
        method="numeric",
        note="claim says over 60, source says over 80",
        figures=Figures(claim_says="over 60", source_says="over 80"),
    )
    missed = SourceStance(
        doc_id=docs[0].doc_id, stance=StanceLabel.not_mentioned, evidence=None, score=0.9, method="retrieval"
    )
    corpus = CorpusInfo({d.doc_id: d for d in docs}, {d.doc_id: EVENT for d in docs})
    verdicts = build_verdicts([a, b], {a.claim_id: [figure], b.claim_id: [missed]}, corpus, PROV)
    # Two lower bounds could both hold, yet the outlets disagree on the toll: a conflict on both
    # sides, and the reason says the figures could both hold.
    assert [v.verdict for v in verdicts] == [V.contradicted, V.contradicted]
    assert all("though both could hold" in v.reason for v in verdicts)
    (mirrored,) = verdicts[1].stances
    assert mirrored.evidence == a.quote and mirrored.note == "claim says over 80, source says over 60"
    exact = figure.model_copy(
        update={
            "note": "claim says 60, source says 80",
            "figures": Figures(claim_says="60", source_says="80"),
        }
    )
    verdicts = build_verdicts([a, b], {a.claim_id: [exact], b.claim_id: [missed]}, corpus, PROV)
    assert [v.verdict for v in verdicts] == [V.contradicted, V.contradicted]


def test_a_sentence_stating_another_claim_states_part_of_its_own() -> None:
    docs = [
        doc("a.txt", "The Syrian army said the attack was an attempt to undermine its fight against terror."),
        doc(
            "b.txt",
            "The statement added that although such attacks seek to undermine the army's struggle "
            "against terrorism, it will not be deterred.",
        ),
    ]
    a, b = claim(docs[0], "The Syrian army"), claim(docs[1], "the statement")
    missed = SourceStance(
        doc_id=docs[0].doc_id, stance=StanceLabel.not_mentioned, evidence=None, score=0.9, method="retrieval"
    )
    # B's sentence states all of A; B's own check found nothing in A (it says more than A does).
    stances = {a.claim_id: [supports(a, docs[1])], b.claim_id: [missed]}
    corpus = CorpusInfo({d.doc_id: d for d in docs}, {d.doc_id: EVENT for d in docs})
    verdicts = build_verdicts([a, b], stances, corpus, PROV)
    # A part never merges the two claims; each is corroborated by the other's sentence.
    assert [v.verdict for v in verdicts] == [VerdictLabel.corroborated, VerdictLabel.corroborated]
    (mirrored,) = verdicts[1].stances
    assert mirrored.stance is StanceLabel.supports and mirrored.evidence == a.quote
    assert mirrored.part == a.claim and mirrored.note == f"the source states this part of it: {a.claim}"


def test_a_merged_source_is_shown_stating_the_claim() -> None:
    docs = [
        doc("a.txt", "A US warplane shot down a Syrian army jet near Raqqa on Sunday."),
        doc("b.txt", "US forces downed a Syrian army jet near Raqqa on Sunday."),
        doc("c.txt", "The Syrian jet was shot down near Raqqa by a US plane on Sunday."),
        doc("d.txt", "Washington's jet downed a Syrian plane near Raqqa."),
    ]
    a, b, c = (claim(d) for d in docs[:3])

    def missed(d: Document) -> SourceStance:
        return SourceStance(
            doc_id=d.doc_id, stance=StanceLabel.not_mentioned, evidence=None, score=0.9, method="retrieval"
        )

    # A and B state each other, B and C too; the lead, A, missed C's sentence in its own check.
    stances = {
        a.claim_id: [supports(a, docs[1]), missed(docs[2]), supports(a, docs[3])],
        b.claim_id: [supports(b, docs[0]), supports(b, docs[2]), missed(docs[3])],
        c.claim_id: [missed(docs[0]), supports(c, docs[1]), missed(docs[3])],
    }
    corpus = CorpusInfo({d.doc_id: d for d in docs}, {d.doc_id: EVENT for d in docs})
    (verdict,) = build_verdicts([a, b, c], stances, corpus, PROV)
    assert verdict.claim_id == a.claim_id and len(verdict.sources) == 3
    shown = {s.doc_id: s for s in verdict.stances}
    assert shown[docs[2].doc_id].stance is StanceLabel.supports
    assert shown[docs[2].doc_id].evidence == c.quote


def test_a_merged_verdict_keeps_the_silence_that_found_most_not_the_highest_rate() -> None:
    docs = [
        doc("a.txt", "A US warplane shot down a Syrian army jet near Raqqa on Sunday."),
        doc("b.txt", "US forces downed a Syrian army jet near Raqqa on Sunday."),
        doc("c.txt", "Football results from the weekend were announced."),
    ]
    a, b = claim(docs[0]), claim(docs[1])
    quiet = SourceStance(
        doc_id=docs[2].doc_id, stance=StanceLabel.not_mentioned, evidence=None, score=0.92, method="retrieval"
    )
    about = quiet.model_copy(update={"evidence": docs[2].sentences[0], "score": 0.57})
    stances = {a.claim_id: [supports(a, docs[1]), quiet], b.claim_id: [supports(b, docs[0]), about]}
    corpus = CorpusInfo({d.doc_id: d for d in docs}, {d.doc_id: EVENT for d in docs})
    (verdict,) = build_verdicts([a, b], stances, corpus, PROV)
    (silence,) = [s for s in verdict.stances if s.doc_id == docs[2].doc_id]
    assert silence.evidence is not None and silence.score == 0.57
