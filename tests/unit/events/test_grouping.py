"""Event grouping with a scripted embedder: the rules, apart from what any embedding model says."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from pipeline.embeddings import Embedder
from pipeline.events import group_documents, iso_day
from pipeline.ingest import make_document
from pipeline.records import Document, ModelInfo
from pipeline.settings import Settings

DEFAULTS = Settings()


class TopicEmbedder(Embedder):
    """Texts about jets point one way, texts about floods another, anything else a third."""

    def __init__(self) -> None:
        super().__init__(ModelInfo(name="topics", path="-", sha256="0" * 64), None)

    def embed(self, texts: list[str]) -> np.ndarray:
        def vector(text: str) -> list[float]:
            lower = text.lower()
            return [
                float("jet" in lower),
                float("flood" in lower),
                float("jet" not in lower and "flood" not in lower),
            ]

        return np.array([vector(t) for t in texts], dtype=np.float32)


def doc(name: str, text: str, date: str | None = None) -> Document:
    return make_document(text, f"{name}.txt", title=name, date=date)


JETS = [
    doc("jet-a", "A US warplane shot down a Syrian army jet near Raqqa on Sunday.", "2017-06-18"),
    doc("jet-b", "US forces downed a Syrian jet near Raqqa, the coalition said.", "2017-06-19"),
]
FLOODS = [
    doc("flood-a", "Monsoon floods killed more than 40 people in Dhaka.", "2017-06-18"),
    doc("flood-b", "The Dhaka floods have killed 40 people, the ministry said.", "2017-06-18"),
]


def test_documents_about_one_event_group_and_others_do_not() -> None:
    events = group_documents(JETS + FLOODS, TopicEmbedder(), DEFAULTS)
    assert sorted(sorted(e.doc_ids) for e in events) == sorted(
        [sorted(d.doc_id for d in JETS), sorted(d.doc_id for d in FLOODS)]
    )
    jets = next(e for e in events if JETS[0].doc_id in e.doc_ids)
    assert (jets.first_date, jets.last_date) == ("2017-06-18", "2017-06-19")
    assert jets.label in {"jet-a", "jet-b"}


def test_the_same_story_weeks_apart_is_another_event() -> None:
    later = doc("jet-c", "A US warplane shot down a Syrian army jet near Raqqa.", "2017-07-30")
    events = group_documents([*JETS, later], TopicEmbedder(), DEFAULTS)
    assert [len(e.doc_ids) for e in events] == [2, 1]


def test_event_ids_are_stable_and_a_new_article_joins_its_event() -> None:
    first = group_documents(JETS, TopicEmbedder(), DEFAULTS)
    known = {d: e.event_id for e in first for d in e.doc_ids}
    third = doc("jet-c", "The downed Syrian jet was an Su-22, the US military said.", "2017-06-19")
    again = group_documents([third, *JETS], TopicEmbedder(), DEFAULTS, known)
    (event,) = again
    assert event.event_id == first[0].event_id and set(event.doc_ids) == {d.doc_id for d in [*JETS, third]}


def test_an_event_past_the_size_bound_is_cut_by_date() -> None:
    many = [
        doc(f"jet-{i}", f"US jet story number {i} near Raqqa.", f"2017-06-{18 + i % 2}") for i in range(5)
    ]
    events = group_documents(many, TopicEmbedder(), replace(DEFAULTS, event_max_documents=2))
    assert sorted(len(e.doc_ids) for e in events) == [1, 2, 2]
    assert len({e.event_id for e in events}) == 3


def test_undated_documents_group_by_content_alone() -> None:
    undated = [d.model_copy(update={"date": None}) for d in JETS + FLOODS]
    assert len(group_documents(undated, TopicEmbedder(), DEFAULTS)) == 2


def test_dates_in_the_forms_corpora_give_them() -> None:
    assert iso_day("4/5/17") == "2017-04-05"  # FA-KES: m/d/yy
    assert (
        iso_day("June 18, 2017") == iso_day("18 June 2017") == iso_day("2017-06-18T10:00:00Z") == "2017-06-18"
    )
    assert iso_day("Sun, 18 Jun 2017 14:03:00 GMT") == "2017-06-18"  # RSS
    assert iso_day("13/45/17") is None and iso_day("soon") is None and iso_day(None) is None


class WarEmbedder(Embedder):
    """Every text is mostly about one war; a strike in Idlib and one in Douma differ a little."""

    def __init__(self) -> None:
        super().__init__(ModelInfo(name="war", path="-", sha256="0" * 64), None)

    def embed(self, texts: list[str]) -> np.ndarray:
        def vector(text: str) -> list[float]:
            lower = text.lower()
            return [3.0, float("idlib" in lower), float("douma" in lower), float(not lower.strip())]

        rows = np.array([vector(t) for t in texts], dtype=np.float32)
        unit: np.ndarray = rows / np.linalg.norm(rows, axis=1, keepdims=True)
        return unit


def test_what_every_article_of_a_corpus_shares_does_not_make_them_one_event() -> None:
    """In a corpus about one war, the war is no evidence of one event: the embedding all articles
    share is taken out (as idf discounts the words they all use), so strikes in two towns stay two
    events however close the raw embeddings (0.9 cosine here); the words decide the rest."""
    towns = ["Idlib", "Douma"]
    docs = [
        doc(f"{town}-{k}", f"An airstrike hit {town}, report {k}.", "2017-04-04")
        for town in towns
        for k in range(40)
    ]
    settings = replace(DEFAULTS, event_meaning_weight=1.0, event_max_documents=100)
    events = group_documents(docs, WarEmbedder(), settings)
    assert sorted(len(e.doc_ids) for e in events) == [40, 40]
    town_of = {d.doc_id: d.title.split("-")[0] for d in docs}
    assert all(len({town_of[i] for i in e.doc_ids}) == 1 for e in events)


def test_in_a_small_corpus_little_is_taken_out() -> None:
    """Five articles of one story: the mean is shrunk toward zero by the prior, so they stay one event."""
    docs = [doc(f"Idlib-{k}", f"An airstrike hit Idlib, report {k}.", "2017-04-04") for k in range(5)]
    events = group_documents(docs, WarEmbedder(), replace(DEFAULTS, event_meaning_weight=1.0))
    assert [len(e.doc_ids) for e in events] == [5]
