"""Whom a sentence that names no speaker by name stands for, read from the sentences around it in
its article: "the statement" or "he" resolved to the party named earlier, a paraphrase between two
sentences of one party, a sentence carrying the one before on, and quotations running over several
sentences."""

from __future__ import annotations

import re
from itertools import pairwise

from pipeline.extract.attribution import OPENS_QUOTE, attributed_to, is_pronoun
from pipeline.extract.speaker_name import DAYS, MONTHS
from pipeline.text import STOPWORDS, UNNAMED_PARTY, terms

# What "the statement" or "the report" is: the document a party was said to issue earlier.
_DOCUMENT_NOUNS = frozenset(["statement", "report", "communique", "communiqué", "release", "announcement"])
# How far back the article may have named the speaker: a pronoun's within the paragraph or so, a
# statement's anywhere in the story it tells (an article quotes a statement over many sentences).
_PRONOUN_REACH = 3
_DOCUMENT_REACH = 12


def speaker_in_context(sentences: list[str], i: int, who: str | None, max_words: int) -> str | None:
    """Whom the i-th sentence's speaker stands for in its article, read from the sentences before it
    and after it; None when they do not say.

    - "the statement" / "the report" is the party an earlier sentence says issued one ("a statement
      by the US Central Command said ..."), the nearest such;
    - "it" / "he" is the speaker of one of the few sentences just before;
    - a sentence attributed to no one between two sentences attributed to the same party is that
      party's ("It stated that ... / Coalition aircraft stopped the advance. / ..., according to the
      statement"): an article paraphrasing a statement does not repeat "it said" in every sentence;
    - a sentence attributed to no one that opens by carrying on from the one before ("Instead, ...",
      "And ...") is that sentence's named speaker's: "Lavrov said the presence of the launchers
      cannot be justified ... Instead, their presence threatens the cooperation ...";
    - a sentence inside a quotation an earlier one opened, or in a first-person statement a colon
      introduced, is that quotation's or statement's speaker's (`_quotation_speaker`)."""
    if who is None:
        quoted = _quotation_speaker(sentences, i, max_words)
        if quoted is not None:
            return quoted
        before = _named_near(sentences, i, -1, max_words)
        if before is not None and _CARRIES_ON.match(sentences[i]):
            return before
        after = _named_near(sentences, i, 1, max_words)
        if (
            before is not None
            and after is not None
            and before.lower() == after.lower()
            and not _names_another(sentences, i, before)
        ):
            return before
        return None
    return _resolved(sentences, i, who, max_words)


def _names_another(sentences: list[str], i: int, party: str) -> bool:
    """Whether the i-th sentence opens by naming someone other than `party`: "Justice Kennedy
    responded with a point ..." between two of Mr. Sellers's sentences is the outlet telling what
    Kennedy did, not Mr. Sellers's words. A capitalised first word is a name only where the article
    around it never writes it in lower case ("Corker suggested", not "Coalition aircraft stopped")."""
    own = {w.lower() for w in re.findall(r"[\w']+", party)}
    opening = re.findall(r"[\w']+", sentences[i])[:_OPENING_WORDS]

    def written_lower(word: str) -> bool:
        # Read in the sentences around only: an article of 160k sentences must not be read per call.
        near = sentences[max(0, i - _VOCABULARY_REACH) : i + _VOCABULARY_REACH]
        return any(re.search(rf"\b{re.escape(word)}\b", s) for s in near)

    return any(
        w[0].isupper()
        and w.lower() not in own
        and w.lower() not in STOPWORDS
        and not _NOT_A_NAME.fullmatch(w)
        # A first word may be no name: "Practically speaking, he continued, ...".
        and not (at == 0 and (w.lower() in _OPENERS or w.lower().endswith("ly") or written_lower(w.lower())))
        for at, w in enumerate(opening)
    )


_OPENING_WORDS = 8
# How many sentences either side tell whether a capitalised first word is also written in lower case.
_VOCABULARY_REACH = 50
# Capitalised words that name no one: days, months, and words that open a sentence.
_NOT_A_NAME = re.compile(f"(?:{DAYS}|{MONTHS})", re.IGNORECASE)
_OPENERS = frozenset(
    ["still", "however", "also", "meanwhile", "earlier", "later", "yet", "so", "then", "indeed", "instead",
     "but", "and", "now", "today", "yesterday", "previously", "moreover", "furthermore", "separately"]
)  # fmt: skip


def _quotation_speaker(sentences: list[str], i: int, max_words: int) -> str | None:
    """The speaker of a quotation that runs on into the i-th sentence: an earlier sentence opened it
    and left it open ('He added: “My starting point is not to worry about the politics.' /
    'My starting point is to focus on what works.”'), its speaker named there or, when the
    sentence opening it names no one, where it closes ('… enough is enough.”, said Senor'); or a
    statement introduced by a colon and carried on in its speaker's first person ('lavrov issue this
    statement : we call on the united state …' / 'zones of de-escalation are one of the options
    …' / 'we call on everyone …', an article whose quotation marks were lost)."""
    opens = _bare_quotation(sentences[i])
    if opens and _quote_marks(sentences[i]) == ["open"]:
        # A quotation it opens is the speaker's named where it closes, or, reopened in a new
        # paragraph, the one named where it was first opened (the sentences before).
        closing = _speaker_where_it_closes(sentences, i, max_words)
        if closing is not None:
            return closing
    for j in range(i - 1, max(i - 1 - _QUOTATION_REACH, -1), -1):
        marks = _quote_marks(sentences[j])
        if marks and marks[-1] == "close":
            # The quotation before it closed: a quotation right after it is the same speaker's
            # ('"There was no such impropriety," Bauer said in a memo.' / '"The party had a
            # legitimate interest …"'), as news writes a run of one party's quotations.
            return _quotations_run_on(sentences, j, max_words) if opens and j == i - 1 else None
        if marks and marks[-1] == "open":
            return _speaker_of_quotation(sentences, j, i, max_words) if _closes_on(sentences, i) else None
        if attributed_to(sentences[j], max_words) is not None:
            if opens and j == i - 1:
                # A quotation right after a party's reported words is theirs: "Issa said the talks
                # were illegal." / '"It is abundantly clear …"'.
                return _quotations_run_on(sentences, j, max_words)
            return _colon_statement(sentences, j, i, max_words)
    return None


def _bare_quotation(sentence: str) -> bool:
    """Whether the sentence is quoted words and nothing else: one quotation, opened at its start
    and closed at its end or left open ('"We want elections."'); not '"Yes," Smith said on Monday,
    "we will."', whose speaker is named between two quotations."""
    if not OPENS_QUOTE.match(sentence) or _quote_marks(sentence) not in (["open"], ["open", "close"]):
        return False
    last = max(sentence.rfind("\u201d"), sentence.rfind('"'))
    return last <= 0 or not re.search(r"\w", sentence[last + 1 :])


def _speaker_where_it_closes(sentences: list[str], i: int, max_words: int) -> str | None:
    """The speaker of a quotation the i-th sentence opens and a later one closes, named where it
    closes ('"This is about the White House.' / 'This is not about Congressman Sestak," Issa said')."""
    for k in range(i + 1, min(i + _QUOTATION_REACH + 1, len(sentences))):
        marks = _quote_marks(sentences[k])
        if not marks:
            continue
        if marks[0] != "close":
            return None
        who = attributed_to(sentences[k], max_words)
        if who is None or _FIRST_PERSON.match(who):
            return None
        return who if _names_someone(who) else _resolved(sentences, k, who, max_words)
    return None


def _quotations_run_on(sentences: list[str], j: int, max_words: int) -> str | None:
    """The speaker of the quotation the j-th sentence closes, or of the run of bare quotations it
    ends: the party named where the run began."""
    for k in range(j, max(j - _QUOTATION_REACH, -1), -1):
        who = attributed_to(sentences[k], max_words)
        if who is not None:
            if _FIRST_PERSON.match(who):
                return None
            return who if _names_someone(who) else _resolved(sentences, k, who, max_words)
        if not (_bare_quotation(sentences[k]) and "close" in _quote_marks(sentences[k])):
            return None  # narration, or a speaker named in a way not read
    return None


def _closes_on(sentences: list[str], i: int) -> bool:
    """Whether the quotation left open before the i-th sentence goes on there: the next quotation
    mark closes it (or the sentence reopens it, as a quotation running over paragraphs does). A
    quotation never closed ("... God help us." and then the outlet's narration) ended unmarked."""
    if OPENS_QUOTE.match(sentences[i]):
        return True
    for k in range(i, min(i + _QUOTATION_REACH + 1, len(sentences))):
        marks = _quote_marks(sentences[k])
        if marks:
            # A straight mark that opens a sentence with an odd number of them closes the quotation
            # with its space on the wrong side ('… is wrong. "Perry is referring to …').
            misplaced = k > i and sentences[k].lstrip().startswith('"') and sentences[k].count('"') % 2 == 1
            return marks[0] == "close" or misplaced
    return False


def _speaker_of_quotation(sentences: list[str], opened: int, i: int, max_words: int) -> str | None:
    who = attributed_to(sentences[opened], max_words)
    if who is not None and _FIRST_PERSON.match(who):
        return None  # words of the quotation read as its speaker ("I disagree with what she said")
    if who is not None:
        return who if _names_someone(who) else _resolved(sentences, opened, who, max_words)
    # Opened with no speaker: the one named where it closes, a few sentences on, or else the
    # speaker of the opening sentence itself ('"…," Arpaio said in a statement. / "I have been
    # watching … / I'm endorsing Rick Perry because … / Governor Perry has a superior record."').
    for k in range(i, min(i + _QUOTATION_REACH + 1, len(sentences))):
        if "close" in _quote_marks(sentences[k]):
            after = attributed_to(sentences[k], max_words)
            if after is not None:
                return after if _names_someone(after) else None
            break
    return _quotation_speaker(sentences, opened, max_words)


def _colon_statement(sentences: list[str], j: int, i: int, max_words: int) -> str | None:
    """The speaker of the j-th sentence when it introduces a statement with a colon, in the first
    person, that runs on up to the i-th sentence (it, or the one after it, speaks as "we" or "I")."""
    who = attributed_to(sentences[j], max_words)
    head, colon, said = sentences[j].partition(":")
    if who is None or not colon or not _names_someone(who) or who.lower() not in head.lower():
        return None
    if not _FIRST_PERSON.search(said):
        return None  # a list or a figure after the colon ("as follows: 82 gunmen ..."), not a statement
    run = [bool(_FIRST_PERSON.search(sentences[k])) for k in range(j + 1, min(i + 2, len(sentences)))]
    # The statement goes on while its sentences speak as "we" or "I", one aside at a time: two in a
    # row that do not are the outlet narrating again.
    if not any(run[i - j - 1 :]) or any(not a and not b for a, b in pairwise(run[: i - j])):
        return None
    return who


def _quote_marks(sentence: str) -> list[str]:
    """Each quotation mark of the sentence, in order, as "open" or "close" (a straight one opens
    before a word it follows a space or the start, and closes otherwise)."""
    marks = []
    for m in _QUOTE_MARK.finditer(sentence):
        mark, at = m.group(0), m.start()
        if mark == "\u201c":
            marks.append("open")
        elif mark == "\u201d":
            marks.append("close")
        else:
            after = sentence[at + 1 : at + 2]
            before = sentence[at - 1 : at] if at else " "
            marks.append(
                "open" if after.isalnum() and (before.isspace() or before in "([:\u2014-") else "close"
            )
    return marks


_QUOTE_MARK = re.compile('[\u201c\u201d"]')
# Sentences back to the one that opened a quotation still open.
_QUOTATION_REACH = 3
_FIRST_PERSON = re.compile(r"\b(?:we|our|ours|ourselves|i|my|me|myself)\b", re.IGNORECASE)


# Openings that carry the sentence before on, in the same voice: "Instead," (what was denied
# before, put right; not "Instead of waiting, US troops ..."), "And ...". "But" and "However" are
# left out: they as often bring in the outlet's or another party's objection.
_CARRIES_ON = re.compile(r"^\W*(?:instead(?!\s+of\b)|and(?!\s+(?:then|now|yet)\b))\b", re.IGNORECASE)


def _resolved(sentences: list[str], i: int, who: str, max_words: int) -> str | None:
    if is_pronoun(who):
        wanted, reach = None, _PRONOUN_REACH
    elif (nouns := set(terms(who))) and nouns <= _DOCUMENT_NOUNS:
        wanted, reach = nouns, _DOCUMENT_REACH
    else:
        return None
    for j in range(i - 1, max(i - 1 - reach, -1), -1):
        if wanted is not None and not wanted & set(terms(sentences[j])):
            continue
        earlier = attributed_to(sentences[j], max_words)
        if earlier is not None and _names_someone(earlier):
            return earlier
    return None


def _named_near(sentences: list[str], i: int, step: int, max_words: int) -> str | None:
    """The named speaker of the sentence next to the i-th (`step` -1: before, 1: after), a pronoun or
    "the statement" resolved."""
    j = i + step
    if not 0 <= j < len(sentences):
        return None
    who = attributed_to(sentences[j], max_words)
    if who is None:
        return None
    return who if _names_someone(who) else _resolved(sentences, j, who, max_words)


def _names_someone(who: str) -> bool:
    words = set(terms(who))
    return bool(words) and not is_pronoun(who) and not words <= UNNAMED_PARTY | _DOCUMENT_NOUNS
