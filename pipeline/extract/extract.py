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

from pipeline.extract.attribution import (
    OWN_VOICE_CLAIMER,
    attributed_to,
    is_pronoun,
    is_quotation,
)
from pipeline.extract.faithful import (
    added_facts,
    changed_negation,
    clean_claimer,
    dropped_figures,
    reordered,
    spliced,
    swapped_names,
)
from pipeline.extract.select import candidates, densest
from pipeline.extract.speakers import speaker_in_context
from pipeline.llm import call_structured_many, close_truncated_json
from pipeline.prompts import load_prompt
from pipeline.records import Claim, Document, ExtractedClaim, ExtractionResult, Span
from pipeline.settings import Settings
from pipeline.text import UNNAMED_PARTY, terms


def claim_id(doc_id: str, claim: str) -> str:
    """Stable across runs for the same claim text in the same document."""
    norm = " ".join(claim.lower().split())
    return hashlib.sha256(f"{doc_id}\n{norm}".encode()).hexdigest()[:16]


def article_label(doc: Document) -> str:
    stem = doc.path.rsplit("/", 1)[-1]
    title = "" if doc.title == stem else doc.title
    return f"{title} ({doc.date})".strip() if doc.date else (title or "untitled")


def render_extract(doc: Document, sentence: Span) -> list[BaseMessage]:
    return load_prompt("extract_claims").format_messages(article=article_label(doc), sentence=sentence.text)


def to_claim(doc: Document, sentence: Span, output: ExtractedClaim, settings: Settings) -> Claim:
    text = " ".join(output.claim.split())
    claimer = claimer_in(doc, sentence, output.claimer, settings)
    rewrite: Literal["model", "quote"] = "model"
    # Not the claimer: it is model output too, and only has to share one word with the sentence, so
    # its other words ("US Special Operations Command") would vouch for words the source never wrote.
    context = f"{doc.title} {doc.date or ''}"
    if (
        len(text.split()) < settings.min_claim_words
        or added_facts(text, sentence.text, context, settings) is not None
        or dropped_figures(text, sentence.text) is not None
        or changed_negation(text, sentence.text) is not None
        or reordered(text, sentence.text) > settings.max_reordering
        or spliced(text, sentence.text) is not None
        or swapped_names(text, sentence.text) is not None
        or _drops_speaker(text, sentence.text, settings)
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


def _drops_speaker(claim: str, sentence: str, settings: Settings) -> bool:
    """Whether the restatement states as fact what the sentence gives as a named party's words
    ("according to a statement released by Damascus, the US act of aggression ..." -> "The US act
    of aggression ..."): a reader of the claim alone would take it for the outlet's."""
    who = attributed_to(sentence, settings.max_claimer_words)
    if who is None or is_pronoun(who):
        return False
    named = set(terms(who)) - UNNAMED_PARTY
    return bool(named) and not named & set(terms(claim))


def claimer_of(sentence: str, proposed: str | None, title: str, settings: Settings) -> str:
    """Whom the sentence attributes its statement to, read from the sentence; the outlet when it
    attributes it to no one. The model's claimer only names whom a pronoun stands for, and only when
    the sentence or title mentions it."""
    who = attributed_to(sentence, settings.max_claimer_words)
    if who is None:
        # Words in quotation marks that the sentence gives to no one are someone's, not the outlet's.
        return "unattributed" if is_quotation(sentence) else OWN_VOICE_CLAIMER
    if is_pronoun(who):
        named = clean_claimer(proposed, sentence, title, settings) if proposed else "unattributed"
        if named == OWN_VOICE_CLAIMER or not could_be(who, named, sentence):
            return "unattributed"
        return named
    return who


def could_be(pronoun: str, name: str, sentence: str) -> bool:
    """Whether the model's name for a pronoun speaker can be it: "he" or "she" is a person, not an
    organisation ("The NAACP", "Senate Republicans", "Obama campaign"), a bare title ("Republican
    Senator"), someone of the other sex by title ("Mr." for "she"), or whom the sentence says the
    words were told to ("he told Fox News", "he told the Conservative Political Action
    Conference")."""
    words = name.replace(".", " ").split()
    if not words:
        return False
    last = re.escape(name.split()[-1])
    if re.search(rf"\b(?:told|tells|telling|to)\s+(?:\S+\s+){{0,4}}?{last}\b", sentence, re.IGNORECASE):
        return False
    if pronoun.lower() not in ("he", "she"):
        return True
    lower = [w.lower() for w in words]
    if lower[0] in ("the", "a", "an") or any(w in _ORGANISATION for w in lower):
        return False
    if any(len(w) > 1 and w.isupper() for w in words):  # an acronym: "NAACP", "US Marine Corps"
        return False
    if all(w in _TITLES for w in lower):
        return False
    other = ("mr",) if pronoun.lower() == "she" else ("ms", "mrs", "miss")
    return lower[0] not in other


_ORGANISATION = frozenset(
    ["party", "committee", "conference", "administration", "campaign", "house", "department", "ministry",
     "government", "news", "weekly", "times", "post", "agency", "reserve", "corps", "senate", "congress",
     "council", "court", "office", "army", "military", "forces", "police", "union", "association",
     "institute", "center", "centre", "network", "press", "media", "group", "organization",
     "organisation", "foundation", "bureau", "commission", "states", "nations", "republicans",
     "democrats", "coalition", "church", "company", "corporation", "university", "journal", "magazine",
     "tv", "radio", "daily", "tribune", "herald", "gazette", "movement", "caucus", "leadership"]
)  # fmt: skip
_TITLES = frozenset(
    ["congressman", "congresswoman", "senator", "republican", "democrat", "rep", "sen", "mr", "ms", "mrs",
     "president", "governor", "gov", "secretary", "minister", "chairman", "spokesman", "spokeswoman",
     "official", "leader", "speaker", "general", "attorney", "mayor", "judge", "justice"]
)  # fmt: skip


def claimer_in(doc: Document, sentence: Span, proposed: str | None, settings: Settings) -> str:
    """The sentence's claimer (`claimer_of`), or, where the sentence names no one by name ("the
    statement said", "he said", no attribution at all), the party the sentences around it name."""
    claimer = claimer_of(sentence.text, proposed, doc.title, settings)
    who = attributed_to(sentence.text, settings.max_claimer_words)
    if who is not None and claimer not in (who, "unattributed"):
        return claimer  # a pronoun the model named from the sentence or title
    texts = [s.text for s in doc.sentences]
    at = next((i for i, s in enumerate(doc.sentences) if s.start == sentence.start), None)
    if at is None:
        return claimer
    return speaker_in_context(texts, at, who, settings.max_claimer_words) or claimer


def failed_claim(doc: Document, sentence: Span, error: str, settings: Settings) -> Claim:
    text = " ".join(sentence.text.split())
    return Claim(
        claim_id=claim_id(doc.doc_id, text),
        claim=text,
        claimer=claimer_in(doc, sentence, None, settings),
        doc_id=doc.doc_id,
        quote=sentence,
        rewrite="quote",
        extraction_error=error,
    )


def extract_claims(doc: Document, model: BaseChatModel, settings: Settings) -> ExtractionResult:
    """All claims of one document; a sentence the model fails on is reported, the others are kept."""
    started = time.perf_counter()
    picked = candidates(doc, settings)
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
            # The sentence is kept as its own claim, marked with the reason: it is cross-checked as
            # itself, never dropped, and its verdict says the model gave no restatement.
            errors.append(f"sentence at {sentence.start}: {output}")
            claim = failed_claim(doc, sentence, str(output), settings)
        else:
            claim = to_claim(doc, sentence, output, settings)
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
