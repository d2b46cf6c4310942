"""Which sentences of a document go to the model for claims."""

from __future__ import annotations

import re

from pipeline.extract.attribution import attributed_to, is_quotation
from pipeline.records import Document, Span
from pipeline.settings import Settings

# Page furniture: notes to the reader and calls to subscribe, at the start of a line, state nothing
# about the news ("Netflix added 9 million subscribers" and "stay tuned to Syrian radio" mid-sentence
# are news).
_FURNITURE = re.compile(
    r"^\W*(?:editor[\u2019']?s note|subscribe\b|read more|stay tune|sign up|all rights reserved|click here"
    r"|follow us)",
    re.IGNORECASE,
)
# Epistemic hedges: a sentence that only guesses ("appears to mark", "may be provoking") in the
# outlet's own voice is its assessment, not a fact someone could check. Reported, it is checkable
# as a report of what its source said.
# "May" capitalised is a month or a name, and a hedge inside a relative clause ("a man who may have
# links to ...") qualifies that clause only.
_GUESS = re.compile(
    r"\b(?:(?-i:may)|might|could|appears? to|seems? to|likely|perhaps|possibly|presumabl[ey]|apparently)\b",
    re.IGNORECASE,
)
# What someone ought to do, or will have to: an opinion or a forecast in the outlet's own voice.
# Left out: "must" and "would have to" ("Under the law, drivers must carry a permit", "the bill would
# have to pass the Senate" are rules), "should have" ("the ceasefire should have taken effect at
# midnight"), a sentence opening on "Should" (a condition), and rules or instructions someone gave
# ("under the new rules, drivers will have to …", "residents were told they should leave").
_OUGHT = re.compile(
    r"\b(?:should(?!\s+have\b)|shouldn[\u2019']t|ought\s+to|will\s+have\s+to)(?!\w)", re.IGNORECASE
)
_RULE_OR_ORDER = re.compile(
    r"\b(?:under\s+(?:the|a|an|its|their|new)\s+(?:[\w-]+\s+){0,2}?(?:law|laws|rules?|regulations?|deal"
    r"|agreement|plan|bill|scheme|treaty|terms)|told|ordered|asked|advised|instructed|warned|urged)\b",
    re.IGNORECASE,
)
# An appeal or a wish in the outlet's own voice, in the first person ("we call on everyone to avoid
# unilateral moves", an unattributed quoted line with its quotation marks lost): a speech act, true
# by being said. A report of one is checkable: "'We call on the US to stop,' Lavrov said", "Lavrov
# issued this statement: we call on …".
_APPEAL = re.compile(
    r"^\W*(?:we|i)\s+(?:(?:also|again|strongly|therefore|now)\s+)?"
    r"(?:call\s+(?:on|upon|for)|urge|appeal|ask|demand|hope|wish|want|invite|encourage)\b",
    re.IGNORECASE,
)
_RELATIVE_BEFORE = re.compile(r"\b(?:who|which|that|whose)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# A list item ("- 12 people were killed ...") is a statement, not a heading.
_LIST_ITEM = re.compile(r"^\s*(?:[-\u2022*]|\d+[.)])\s")
_HEADING_WORDS = 12
_CLOSING = " \t\"'\u201d\u2019)]"
# A sentence that ends on a comma or a colon introduces words that follow it ("Another man, not seen
# on camera, then tells Etheridge," / "approached the congressman, saying:"): a fragment.
_LEAD_IN = re.compile(r"[,:;]\s*$")
_ENDS_A_SENTENCE = re.compile(r"[.!?\"\u201d'\u2019:)]\s*$")


def is_candidate(sentence: str, settings: Settings) -> bool:
    """Sentences that can carry a checkable claim: long enough, not a question or a bare heading."""
    words = sentence.split()
    # A question asserts nothing, also inside quotation marks ("Do you support the agenda?”).
    if len(words) < settings.min_claim_words or sentence.rstrip(_CLOSING).endswith("?"):
        return False
    return any(c.islower() for c in sentence)


def not_checkable(doc: Document, number: int, settings: Settings) -> str | None:
    """Why a sentence of the document states nothing checkable, by its structure, or None: a
    heading inside the article (a line of its own with no sentence end; the first line, the
    headline, states the story), page furniture, an appeal in the first person, or a guess, an
    opinion of what ought to be or a forecast of what will have to be in the outlet's own voice."""
    sentence = doc.sentences[number]
    text = sentence.text
    if _FURNITURE.search(text):
        return "page furniture"
    if _LEAD_IN.search(text):
        return "a fragment that introduces the words after it"
    appeal = _APPEAL.search(text)
    guesses = [m for m in _GUESS.finditer(text) if not _RELATIVE_BEFORE.search(text[: m.start()])]
    oughts = [
        m
        for m in _OUGHT.finditer(text)
        if not _RELATIVE_BEFORE.search(text[: m.start()]) and text[: m.start()].strip(" \"'\u201c\u2018")
    ]
    # Whose voice it is, read only for a sentence these rules could leave out.
    if (appeal or guesses or oughts) and attributed_to(text, settings.max_claimer_words) is None:
        unquoted = not is_quotation(text)
        if appeal and unquoted:
            return "an appeal"
        if guesses:
            return "a guess in the outlet's own voice"
        if oughts and unquoted and not _RULE_OR_ORDER.search(text):
            return "an opinion or forecast in the outlet's own voice"
    # Only the blanks around the sentence are read: scanning its line would make a 20 MB article
    # of one line quadratic.
    own_line = _line_edge(doc.text, sentence.start, -1) and _line_edge(doc.text, sentence.end, 1)
    # Headings are short; a long line with no full stop is a quoted post.
    if (
        number > 0
        and own_line
        and len(text.split()) <= _HEADING_WORDS
        and not _ENDS_A_SENTENCE.search(text)
        and not _LIST_ITEM.match(text)
    ):
        return "a heading"
    return None


def _line_edge(text: str, at: int, step: int) -> bool:
    """Whether only spaces or tabs lie between position `at` and a line break (or the text's edge),
    looking backwards (step -1) or forwards (step 1)."""
    i = at - 1 if step < 0 else at
    while 0 <= i < len(text) and text[i] in " \t":
        i += step
    return not 0 <= i < len(text) or text[i] in "\n\r"


def candidates(doc: Document, settings: Settings) -> list[Span]:
    """The sentences that may state a claim, in document order; never one written to a model."""
    aside = set(doc.aside)
    return [
        s
        for i, s in enumerate(doc.sentences)
        if i not in aside and is_candidate(s.text, settings) and not_checkable(doc, i, settings) is None
    ]


def densest(picked: list[Span], limit: int) -> list[Span]:
    """`picked` in document order; past `limit`, those with the most numbers and names."""
    if len(picked) <= limit:
        return picked

    def weight(s: Span) -> int:
        return len(re.findall(r"\d+", s.text)) * 2 + len(re.findall(r"\b[A-Z][a-z]+", s.text))

    return sorted(sorted(picked, key=weight, reverse=True)[:limit], key=lambda s: s.start)


def select_sentences(doc: Document, settings: Settings, limit: int | None = None) -> list[Span]:
    """Candidate sentences in document order; past the limit (max_claims), the densest."""
    return densest(candidates(doc, settings), settings.max_claims if limit is None else limit)
