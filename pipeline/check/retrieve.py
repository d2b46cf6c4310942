"""Retrieval: rank a document's sentences against a claim with BM25, so the model judges short evidence."""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from pipeline.check.accounts import Accounts, competing_accounts
from pipeline.records import Document, Span
from pipeline.settings import Settings
from pipeline.text import CONNECTIVES, REPORTING, plain, terms


@dataclass(frozen=True)
class Hit:
    sentence: Span
    score: float
    terms: frozenset[str]  # the query's content words found in the sentence
    number: int  # the sentence's position in the document

    @property
    def overlap(self) -> int:
        return len(self.terms)


class SentenceIndex:
    """BM25 over one document's sentences (k1 and b from Settings)."""

    def __init__(self, doc: Document, settings: Settings) -> None:
        self.doc = doc
        self._k1, self._b = settings.bm25_k1, settings.bm25_b
        # A sentence written to a model is never evidence: it gets no words, so no query finds it.
        aside = self._aside = set(doc.aside)
        self._tfs = [Counter() if i in aside else Counter(terms(s.text)) for i, s in enumerate(doc.sentences)]
        self._lens = [sum(tf.values()) for tf in self._tfs]
        self._avg = (sum(self._lens) / len(self._lens)) if self._lens else 1.0
        df: Counter[str] = Counter()
        for tf in self._tfs:
            df.update(tf.keys())
        n = len(self._tfs)
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self.vocabulary = frozenset(df)
        # word -> the sentences holding it, so a query reads only those: a 20 MB article has 160k.
        self._postings: dict[str, list[int]] = {}
        for i, tf in enumerate(self._tfs):
            for t in tf:
                self._postings.setdefault(t, []).append(i)

        self.words = [0 if i in aside else len(s.text.split()) for i, s in enumerate(doc.sentences)]
        self._matches: dict[str, list[tuple[str, ...]]] = {}
        self._vectors: np.ndarray | None = None
        self._meanings: dict[int, np.ndarray] = {}
        self._accounts: dict[int, list[Accounts]] = {}

    def accounts(self, max_words: int) -> list[Accounts]:
        """The sentences of the document that set two parties' versions against each other."""
        if max_words not in self._accounts:
            self._accounts[max_words] = competing_accounts(self.doc, max_words)
        return self._accounts[max_words]

    def similarities(self, vector: np.ndarray) -> np.ndarray:
        """Each sentence's cosine with a normalised sentence embedding (embedded on first use; a
        sentence written to a model scores 0, like it has no words)."""
        if self._vectors is None:
            from pipeline.embeddings import embedder

            vectors = embedder().embed([s.text for s in self.doc.sentences])
            vectors[list(self.doc.aside)] = 0.0
            self._vectors = vectors
        cosines: np.ndarray = self._vectors @ vector
        return cosines

    def meanings(self, claim: np.ndarray, numbers: list[int]) -> np.ndarray:
        """How close some sentences (by number) come in meaning to a claim: the sentence encoder's
        cosine, sentence with claim and what each reports with what the other reports, whichever is
        higher (`claim` holds both vectors, `meaning_vectors`), so that "the army said the attack came
        as ..." is as close to "the attack came as ..." as the words after "said" are. Only the
        sentences asked about are encoded, each once: a 20 MB article has 160k sentences and the
        encoder reads about 40 a second."""
        new = [i for i in dict.fromkeys(numbers) if i not in self._meanings]
        if new:
            vectors = meaning_vectors([self.doc.sentences[i].text for i in new])
            for i, v in zip(new, vectors, strict=True):
                self._meanings[i] = np.zeros_like(v) if i in self._aside else v
        if not numbers:
            return np.zeros(0, dtype=np.float32)
        pairs = np.einsum("nkd,kd->nk", np.stack([self._meanings[i] for i in numbers]), claim)
        cosines: np.ndarray = pairs.max(axis=1)
        return cosines

    def stretches(self, numbers: list[int], words: frozenset[str], least: int) -> dict[int, str]:
        """Per sentence (by number), its stretch from its first to its last word holding one of
        the claim's `words`, where that is less than the sentence: "Gibbs said on the ABC News
        program 'This Week,'" in "It's destructive, Mr. Gibbs said on the ABC News program 'This
        Week,' adding that it reflected ...", whose whole the encoder reads as about something more.
        None shorter than `least` words ("the third boob" is close to "Third boob likely a hoax"
        only by topic), across a clause ("Axelrod, who replaced Gibbs, was on ...") or framed by a
        condition or a question ("Asked whether Gibbs was on ...")."""
        spelled = {self.spelling(t) for t in words}
        found: dict[int, str] = {}
        for i in numbers:
            text = self.doc.sentences[i].text
            span = _stretch(text, spelled)
            if span is not None and span != text and len(span.split()) >= least:
                found[i] = span
        return found

    def sentence_terms(self, number: int) -> frozenset[str]:
        """The content words of one sentence (none for a sentence written to a model)."""
        return frozenset(self._tfs[number])

    def related(self, words: set[str]) -> list[tuple[int, int]]:
        """The sentences (by number) sharing any of `words`, in document order, with how many each holds."""
        shared = Counter(i for t in words for i in self._postings.get(t, ()))
        return sorted(shared.items())

    def matches(self, pattern: re.Pattern[str]) -> list[tuple[str, ...]]:
        """Each sentence's matches of `pattern`, lower-cased; found once per pattern and document."""
        found = self._matches.get(pattern.pattern)
        if found is None:
            found = [tuple(m.group(0).lower() for m in pattern.finditer(s.text)) for s in self.doc.sentences]
            self._matches[pattern.pattern] = found
        return found

    def spelling(self, term: str) -> str:
        """The document's own spelling of a name: 'Rasafah' finds 'Rusafah', 'Raqqa' finds 'Raqqah'."""
        if term in self.vocabulary or len(term) < 5:
            return term
        return min((v for v in self.vocabulary if same_name(term, v)), default=term)

    def search(self, query: str, k: int = 3) -> list[Hit]:
        # query word -> its spelling in this document
        q = {self.spelling(t): t for t in sorted(set(terms(query)))}
        avg = max(self._avg, 1.0)
        k1, b = self._k1, self._b
        scores: dict[int, float] = {}
        found: dict[int, list[str]] = {}
        for t in sorted(q):  # a fixed order of float additions: the same scores in every process
            for i in self._postings.get(t, ()):
                f = self._tfs[i][t]
                score = self._idf[t] * f * (k1 + 1) / (f + k1 * (1 - b + b * self._lens[i] / avg))
                scores[i] = scores.get(i, 0.0) + score
                found.setdefault(i, []).append(q[t])
        best = heapq.nsmallest(k, scores, key=lambda i: (-scores[i], i))
        return [Hit(self.doc.sentences[i], scores[i], frozenset(found[i]), i) for i in best]


def meaning_vectors(texts: list[str]) -> np.ndarray:
    """Per text, the sentence encoder's vector of the whole text and of what it reports (shape n x 2 x d)."""
    from pipeline.encoder import encoder
    from pipeline.extract import reported

    if not texts:
        return np.zeros((0, 2, 384), dtype=np.float32)
    # Markup ("#Syria", "down1of", "(@handle)") is not meaning: the encoder reads the plain text.
    whole = [plain(t) for t in texts]
    inner = [plain(reported(t)) for t in texts]
    distinct = list(dict.fromkeys(whole + inner))
    vectors = dict(zip(distinct, encoder().embed(distinct), strict=True))
    return np.stack([np.stack([vectors[t], vectors[r]]) for t, r in zip(whole, inner, strict=True)])


def _stretch(text: str, words: set[str]) -> str | None:
    """The text from its first to its last word holding one of `words`, if it lies in one clause
    that no condition or question frames."""
    tokens = list(re.finditer(r"\S+", text))
    held = [k for k, token in enumerate(tokens) if words.intersection(terms(token.group(0)))]
    if not held:
        return None
    start, end = tokens[held[0]].start(), tokens[held[-1]].end()
    span = text[start:end]
    inner = span.strip(_AROUND)
    if _CLAUSE_BREAK.search(inner) or _FRAMING.search(_CLAUSE_BREAK.split(text[:start])[-1] + " " + inner):
        return None
    return span


# Where a clause breaks inside a sentence (not a date's or a number's comma, "June 5, 2011",
# "1,200", "10:30"), and what may open or close a stretch ("(Gibbs", "This Week,").
_CLAUSE_BREAK = re.compile(r"(?<!\d)[,:]|[,:](?!\s?\d)|[;()\u2013\u2014]|\s--?\s")
_AROUND = ",;:.!?\"'\u201c\u201d\u2018\u2019()"
# Words that make what follows them in the clause a condition or a question, not a statement.
_FRAMING = re.compile(r"\b(?:if|whether|unless|asked)\b", re.IGNORECASE)


_VOWELS = frozenset("aeiouy")


def same_name(a: str, b: str) -> bool:
    """Two transliterations of one name (words of 5+ letters, same first letter): equal but for one
    vowel ("Rasafah" / "Rusafah"), one vowel more ("Shayrat" / "Sharat", "Sheikhoun" / "Sheikhun"),
    or a final 'h' ("Raqqa" / "Raqqah")."""
    if min(len(a), len(b)) < 5 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and diff[0][0] in _VOWELS and diff[0][1] in _VOWELS
    short, long = sorted((a, b), key=len)
    if len(long) != len(short) + 1:
        return False
    return long == short + "h" or any(
        long[i] in _VOWELS and long[:i] + long[i + 1 :] == short for i in range(1, len(long))
    )


def term_weights(query: str, indexes: list[SentenceIndex]) -> dict[str, float]:
    """How informative each content word of the query is across a corpus of documents; a verb of
    reporting ("stated", "told") says who speaks and a connective or hedge ("although",
    "supposedly") how it is told, not what happened, and they weigh nothing.

    Words every source uses ("syrian", "jet" in a corpus about one shoot-down) weigh least, so a
    passage must share a claim's specific words to cover it. With one document all weigh the same."""
    n = len(indexes)
    return {
        t: math.log(1 + n / max(1, sum(t in index.vocabulary for index in indexes)))
        for t in sorted(set(terms(query)))
        if t not in REPORTING and t not in CONNECTIVES
    }


def story_words(query: str, indexes: list[SentenceIndex], own: str) -> frozenset[str]:
    """The claim's words that every document of the corpus uses, when two or more other sources
    tell its story ("Santorum", "president" in three reports of his remarks): they say what the
    story is, not what the claim says of it. None with fewer sources (a claim against one source, as
    in the stance datasets, shares with it only what they both say)."""
    if sum(index.doc.doc_id != own for index in indexes) < 2:
        return frozenset()
    return frozenset(t for t in terms(query) if all(t in index.vocabulary for index in indexes))


def nearest_sentences(cosines: np.ndarray, k: int) -> list[int]:
    """The k sentences closest by topic, best first."""
    return [int(i) for i in np.argsort(-cosines, kind="stable")[:k]]


def best_credits(credits: list[dict[str, float]]) -> dict[str, float]:
    """Per word, the most any of the passages earns for it."""
    best: dict[str, float] = {}
    for found in credits:
        for t, c in found.items():
            best[t] = max(best.get(t, 0.0), c)
    return best


def coverage(weights: dict[str, float], found: frozenset[str] | set[str] | Mapping[str, float]) -> float:
    """Weighted share of the query's words that `found` contains: a set holds words stated as they
    are; a mapping gives each word the credit a passage earns for it (see `WordMatcher`)."""
    # Exactly rounded sums: the same share in every process whatever the order of the words (a set's
    # order changes with the process's hash seed, and 0.3 summed in another order is 0.29999...).
    total = math.fsum(weights.values())
    if not total:
        return 0.0
    if isinstance(found, Mapping):
        return math.fsum(w * found.get(t, 0.0) for t, w in weights.items()) / total
    return math.fsum(w for t, w in weights.items() if t in found) / total
