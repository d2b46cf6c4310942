"""Extract: each claim-bearing sentence restated as a self-contained claim with its claimer.

The quote of a claim is the sentence it came from, so it is grounded by construction; the model only
writes the restatement and the claimer, and a restatement that adds facts the sentence does not
state (numbers, names) is replaced by the sentence itself."""

from __future__ import annotations

import hashlib
import re
import time
from typing import Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from pipeline.prompts import load_prompt
from pipeline.records import Claim, Document, ExtractedClaim, ExtractionResult, Span
from pipeline.retrieve import terms
from pipeline.settings import Settings
from pipeline.structured import call_structured_many, close_truncated_json

_MIN_WORDS = 6
_MIN_KNOWN_SHARE = 0.75
_MAX_NEW_WORDS = 1
_MAX_CLAIMER_WORDS = 6
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def claim_id(doc_id: str, claim: str) -> str:
    """Stable across runs for the same claim text in the same document."""
    norm = " ".join(claim.lower().split())
    return hashlib.sha256(f"{doc_id}\n{norm}".encode()).hexdigest()[:16]


def is_candidate(sentence: str) -> bool:
    """Sentences that can carry a checkable claim: long enough, not a question or a bare heading."""
    words = sentence.split()
    if len(words) < _MIN_WORDS or sentence.rstrip().endswith("?"):
        return False
    return any(c.islower() for c in sentence)


def select_sentences(doc: Document, limit: int) -> list[Span]:
    """Candidate sentences in document order; past `limit`, those with the most numbers and names."""
    return densest(candidates(doc), limit)


def candidates(doc: Document) -> list[Span]:
    """The sentences that may state a claim, in document order; never one written to a model."""
    aside = set(doc.aside)
    return [s for i, s in enumerate(doc.sentences) if i not in aside and is_candidate(s.text)]


def densest(picked: list[Span], limit: int) -> list[Span]:
    if len(picked) <= limit:
        return picked

    def weight(s: Span) -> int:
        return len(re.findall(r"\d+", s.text)) * 2 + len(re.findall(r"\b[A-Z][a-z]+", s.text))

    keep = sorted(sorted(picked, key=weight, reverse=True)[:limit], key=lambda s: s.start)
    return keep


def article_label(doc: Document) -> str:
    stem = doc.path.rsplit("/", 1)[-1]
    title = "" if doc.title == stem else doc.title
    return f"{title} ({doc.date})".strip() if doc.date else (title or "untitled")


def render_extract(doc: Document, sentence: Span) -> list[BaseMessage]:
    return load_prompt("extract_claims").format_messages(article=article_label(doc), sentence=sentence.text)


def added_facts(claim: str, sentence: str, context: str) -> str | None:
    """Why the restatement says more than the sentence (and its article's title/date), or None."""
    known_text = f"{sentence} {context}".lower()
    for number in _NUMBER.findall(claim):
        if number not in known_text:
            return f"number {number} is not in the sentence"
    known = set(terms(known_text)) | set(_MONTHS) | {"outlet"}
    words = terms(claim)
    if not words:
        return "no content words"
    share = sum(w in known for w in words) / len(words)
    if share < _MIN_KNOWN_SHARE:
        return f"only {share:.0%} of its words are in the sentence"
    new = sorted({w for w in words if w not in known})
    if len(new) > _MAX_NEW_WORDS:
        # A rephrasing needs a word or so of its own; several are the model adding its own story.
        return "words not in the sentence: " + ", ".join(new)
    return None


def dropped_figures(claim: str, sentence: str) -> str | None:
    """Why the restatement loses a figure of the sentence, or None: figures are what sources most
    often disagree on, so a restatement that drops one would hide the disagreement."""
    kept = set(_NUMBER.findall(claim))
    for number in _NUMBER.findall(sentence):
        if number not in kept:
            return f"figure {number} of the sentence is missing"
    return None


def clean_claimer(claimer: str, sentence: str, title: str) -> str:
    """The model's claimer when it names someone the sentence (or title) mentions, else 'unattributed'."""
    claimer = " ".join(claimer.split()).strip(" .,:;")
    if claimer.lower() in ("the outlet", "outlet"):
        return "the outlet"
    words = terms(claimer)
    if not words or len(claimer.split()) > _MAX_CLAIMER_WORDS:
        return "unattributed"
    known = set(terms(f"{sentence} {title}"))
    return claimer if any(w in known for w in words) else "unattributed"


def to_claim(doc: Document, sentence: Span, output: ExtractedClaim) -> Claim:
    text = " ".join(output.claim.split())
    claimer = clean_claimer(output.claimer, sentence.text, doc.title)
    rewrite: Literal["model", "quote"] = "model"
    # Not the claimer: it is model output too, and only has to share one word with the sentence, so
    # its other words ("US Special Operations Command") would vouch for words the source never wrote.
    context = f"{doc.title} {doc.date or ''}"
    if (
        len(text.split()) < _MIN_WORDS
        or added_facts(text, sentence.text, context) is not None
        or dropped_figures(text, sentence.text) is not None
    ):
        text, rewrite = " ".join(sentence.text.split()), "quote"
    return Claim(
        claim_id=claim_id(doc.doc_id, text),
        claim=text,
        claimer=claimer,
        doc_id=doc.doc_id,
        quote=sentence,
        rewrite=rewrite,
    )


def failed_claim(doc: Document, sentence: Span, error: str) -> Claim:
    text = " ".join(sentence.text.split())
    return Claim(
        claim_id=claim_id(doc.doc_id, text),
        claim=text,
        claimer="unattributed",
        doc_id=doc.doc_id,
        quote=sentence,
        rewrite="quote",
        extraction_error=error,
    )


def extract_claims(doc: Document, model: BaseChatModel, settings: Settings) -> ExtractionResult:
    """All claims of one document; a sentence the model fails on is reported, the others are kept."""
    started = time.perf_counter()
    picked = candidates(doc)
    selected = densest(picked, settings.max_claims)
    claims: list[Claim] = []
    seen: set[str] = set()
    errors: list[str] = []
    outputs = call_structured_many(
        model,
        [render_extract(doc, sentence) for sentence in selected],
        ExtractedClaim,
        attempts=settings.attempts,
        stage="extract",
        max_tokens=settings.extract_max_tokens,
        repair=close_truncated_json,
    )
    for sentence, output in zip(selected, outputs, strict=True):
        if isinstance(output, Exception):
            # The sentence is kept as its own claim, marked so that it is reported as unverified
            # with the reason rather than dropped or cross-checked as if the model had read it.
            errors.append(f"sentence at {sentence.start}: {output}")
            claim = failed_claim(doc, sentence, str(output))
        else:
            claim = to_claim(doc, sentence, output)
        if claim.claim_id not in seen:
            seen.add(claim.claim_id)
            claims.append(claim)
    error = None
    if errors:
        prefix = "every sentence failed: " if len(errors) == len(selected) else ""
        error = prefix + "; ".join(errors[:3]) + (f"; and {len(errors) - 3} more" if len(errors) > 3 else "")
    return ExtractionResult(
        doc_id=doc.doc_id,
        claims=claims,
        sentences=len(doc.sentences),
        skipped=len(doc.sentences) - len(selected),
        candidates=len(picked),
        kept_quote=sum(c.rewrite == "quote" and c.extraction_error is None for c in claims),
        error=error,
        seconds=round(time.perf_counter() - started, 3),
    )
