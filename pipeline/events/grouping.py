"""Event grouping: each document joins an event or opens one, as online news clustering does it.

Documents are taken in date order (undated ones last). A document joins the event whose members it
is most similar to on average, if that similarity reaches `event_join`; otherwise it opens a new
event. Similarity mixes two views of a document's title and lead:
- meaning: the cosine of their sentence embeddings (so five articles about one story group even
  when they share every word), less what the corpus's articles all share: the mean embedding,
  shrunk toward zero by the same `event_idf_prior` empty documents, is taken out first, so that in
  a corpus about one war "another strike in Syria" is not the same event (in a small corpus little
  is taken out);
- words: the cosine of TF-IDF vectors, with document frequencies smoothed by `event_idf_prior` empty
  documents, so that a small corpus still weighs the words its articles share;
and decays with the days between publication dates (a Gaussian of `event_days` days): the same
words a month apart are usually another event. Documents assigned in an earlier run keep their
event (stable ids); an event larger than `event_max_documents` is cut by date into parts."""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from pipeline.embeddings import Embedder
from pipeline.events.dates import iso_day, ordinal
from pipeline.records import Document
from pipeline.settings import Settings
from pipeline.text import terms


@dataclass(frozen=True)
class Event:
    """Documents about one event, with the title of its most central one as label."""

    event_id: str
    label: str
    doc_ids: tuple[str, ...]
    first_date: str | None
    last_date: str | None


def group_documents(
    docs: list[Document], embedder: Embedder, settings: Settings, known: dict[str, str] | None = None
) -> list[Event]:
    """The events of `docs`, in order of their first document; `known` maps doc ids to the event an
    earlier run gave them, which they keep."""
    if not docs:
        return []
    sims = similarities(docs, embedder, settings)
    days = [ordinal(iso_day(d.date)) for d in docs]
    known = known or {}
    members: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        if doc.doc_id in known:
            members.setdefault(known[doc.doc_id], []).append(i)
    new = [i for i, d in enumerate(docs) if d.doc_id not in known]
    new.sort(key=lambda i: (days[i] is None, days[i] or 0, i))
    for i in new:
        best, best_id = -1.0, None
        for event_id, idx in members.items():
            score = float(sims[i, idx].mean())
            if score > best:
                best, best_id = score, event_id
        if best_id is not None and best >= settings.event_join:
            members[best_id].append(i)
        else:
            members[_event_id(docs[i].doc_id)] = [i]
    parts = [part for event_id, idx in members.items() for part in _split(event_id, idx, days, settings)]
    events = [_event(event_id, idx, docs, sims, days) for event_id, idx in parts]
    return sorted(events, key=lambda e: (e.first_date is None, e.first_date or "", e.event_id))


def similarities(docs: list[Document], embedder: Embedder, settings: Settings) -> np.ndarray:
    """Pairwise similarity of the documents, time decay included."""
    leads = [_lead(d, settings.event_lead_words) for d in docs]
    vectors = _centred(
        embedder.embed([f"{d.title}. {lead}" for d, lead in zip(docs, leads, strict=True)]),
        settings.event_idf_prior,
    )
    meaning = vectors @ vectors.T
    words = _tfidf(docs, leads, settings)
    sims: np.ndarray = settings.event_meaning_weight * meaning + (1 - settings.event_meaning_weight) * words
    days = np.array([ordinal(iso_day(d.date)) or np.nan for d in docs], dtype=float)
    apart = days[:, None] - days[None, :]
    decay = np.where(np.isnan(apart), 1.0, np.exp(-(apart**2) / (2 * settings.event_days**2)))
    return sims * decay


def _centred(vectors: np.ndarray, prior: int) -> np.ndarray:
    """Unit vectors less the corpus's common direction (as idf discounts common words): the mean,
    averaged with `prior` zero vectors, is subtracted. A zero vector (no known word) stays zero."""
    n = len(vectors)
    if not n:
        return vectors
    shifted = vectors - vectors.mean(axis=0) * (n / (n + prior))
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    known = (np.linalg.norm(vectors, axis=1, keepdims=True) > 0) & (norms > 1e-9)
    centred: np.ndarray = np.where(known, shifted / np.maximum(norms, 1e-9), 0.0)
    return centred


def _lead(doc: Document, words: int) -> str:
    return " ".join(doc.text[doc.body_start :].split()[:words])


def _tfidf(docs: list[Document], leads: list[str], settings: Settings) -> np.ndarray:
    counts = [Counter(terms(d.title) * 2 + terms(lead)) for d, lead in zip(docs, leads, strict=True)]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(docs) + settings.event_idf_prior
    vocabulary = {w: j for j, w in enumerate(sorted(df))}
    rows, cols, values = [], [], []
    for i, c in enumerate(counts):
        for w, f in c.items():
            rows.append(i)
            cols.append(vocabulary[w])
            values.append((1 + math.log(f)) * math.log(n / (df[w] + 1)))
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(docs), len(vocabulary)), dtype=np.float64)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    matrix = sparse.diags(1 / np.where(norms == 0, 1.0, norms)) @ matrix
    result: np.ndarray = (matrix @ matrix.T).toarray()
    return result


def _event_id(founder: str) -> str:
    return hashlib.sha256(f"event\n{founder}".encode()).hexdigest()[:16]


def _split(
    event_id: str, idx: list[int], days: list[int | None], settings: Settings
) -> list[tuple[str, list[int]]]:
    """An event past the size bound, cut by date into parts of at most `event_max_documents`."""
    bound = max(2, settings.event_max_documents)
    if len(idx) <= bound:
        return [(event_id, idx)]
    ordered = sorted(idx, key=lambda i: (days[i] is None, days[i] or 0, i))
    chunks = [ordered[k : k + bound] for k in range(0, len(ordered), bound)]
    return [(event_id if k == 0 else _event_id(f"{event_id}:{k}"), chunk) for k, chunk in enumerate(chunks)]


def _event(
    event_id: str, idx: list[int], docs: list[Document], sims: np.ndarray, days: list[int | None]
) -> Event:
    ordered = sorted(idx, key=lambda i: (days[i] is None, days[i] or 0, i))

    # The most central member with a headline of its own (not its file name): the highest mean
    # similarity to the others, the first on a tie.
    def rank(i: int) -> tuple[bool, float, int]:
        titled = docs[i].title != docs[i].path.rsplit("/", 1)[-1]
        return titled, float(sims[i, ordered].sum()), -ordered.index(i)

    centre = max(ordered, key=rank)
    dated = sorted(iso for i in ordered if (iso := iso_day(docs[i].date)))
    return Event(
        event_id=event_id,
        label=docs[centre].title,
        doc_ids=tuple(docs[i].doc_id for i in ordered),
        first_date=dated[0] if dated else None,
        last_date=dated[-1] if dated else None,
    )
