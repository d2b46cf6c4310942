"""Competing accounts: a source that reports two parties' different versions of one thing.

"Washington said the jet dropped bombs near US-backed forces, but the Syrian government claims it
was on a mission against ISIS"; "Syrian officials deny the US claims, stating that their plane was
striking an ISIS position"; "with Washington saying ... and Damascus saying ...". Such a sentence is
the source telling the reader that the matter is disputed: a claim that states either version is
contested by the other party there, whoever else repeats it. Read from the sentence's structure (a
contrast between two attributions, or a denial of another party's claims), never from the model."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract import attributed_to
from pipeline.records import Document, Span
from pipeline.text import terms

# "while" is left out: as often a time as a contrast ("The Guardian reported ..., while The
# Washington Post reported ...": two findings, not two versions).
_CONTRAST = re.compile(r",?\s+(?:but|whereas)\s+|;\s+(?:however,?\s+)?|,\s+however,\s+", re.IGNORECASE)
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?|disput(?:e|es|ed))\s+(?:the\s+)?"
    r"(?P<party>(?:[\w.\u2019'-]+\s+){0,3}?)(?:claims?|accusations?|allegations?|account|version|charges?)\b"
    r"\s*[,;:]?\s*(?:(?:and\s+)?(?:stating|saying|insisting|adding|arguing|said|says)\s+(?:that\s+)?)?",
    re.IGNORECASE,
)
_WITH_SAYING = re.compile(
    r"\bwith\s+(?P<p>[^,;]{2,60}?)\s+saying\s+(?:that\s+)?(?P<x>.+?)\s+and\s+(?P<q>[^,;]{2,60}?)\s+saying\s+"
    r"(?:that\s+)?(?P<y>.+)$",
    re.IGNORECASE,
)
# After "but", "the Syrian government claims the jet ..." attributes: "claims" and "states" are
# verbs there (at a sentence's start they may be nouns: "Unconfirmed claims said ...").
_SAYS_AFTER_CONTRAST = re.compile(
    r"^(?P<who>(?:the\s+)?[\w.\u2019'-]+(?:\s+[\w.\u2019'-]+){0,4}?)\s+(?:claims?|claimed|states|reports?)\s+",
    re.IGNORECASE,
)
_MIN_WORDS = 3  # content words an account needs to say anything, besides its party and verb
_SAY_WORDS = frozenset(
    ["reported", "report", "claimed", "claim", "told", "stated", "state", "announced", "added", "confirmed"]
)
# "denied previous accusations": not a party.
_VAGUE = re.compile(
    r"^(?:previous|earlier|recent|such|similar|these|those|latest|initial|new)\b\s*", re.IGNORECASE
)
_POSSESSIVE = re.compile(r"[\u2019']s?$")


@dataclass(frozen=True)
class Account:
    party: str
    text: str


@dataclass(frozen=True)
class Accounts:
    """A sentence of a source that sets two parties' versions against each other."""

    sentence: Span
    first: Account
    second: Account
    # What the sentence states besides the two versions: the fact they are versions of ("A US
    # warplane shot down a Syrian jet, with Washington saying ... and Damascus saying ...").
    frame: str = ""


def competing_accounts(doc: Document, max_words: int) -> list[Accounts]:
    """Every sentence of the document that reports two different parties' versions of one thing."""
    found = []
    for i, sentence in enumerate(doc.sentences):
        if i in doc.aside:
            continue
        previous = doc.sentences[i - 1].text if i > 0 else None
        pair = _accounts(sentence.text, previous, max_words)
        if pair is not None:
            found.append(Accounts(sentence, *pair))
    return found


def disputed_in(doc: Document, start: int, max_words: int) -> Accounts | None:
    """The two versions the document's sentence at `start` sets against each other when it says
    nothing but them (`in_dispute`), else None."""
    for i, sentence in enumerate(doc.sentences):
        if sentence.start == start and i not in doc.aside:
            previous = doc.sentences[i - 1].text if i > 0 else None
            pair = _accounts(sentence.text, previous, max_words)
            found = Accounts(sentence, *pair) if pair is not None else None
            return found if found is not None and in_dispute(found) else None
    return None


def in_dispute(accounts: Accounts) -> bool:
    """Whether the sentence says nothing but the two versions: it reports the matter itself as
    disputed ("Washington said the jet dropped bombs near US-backed forces, but the Syrian
    government claims it was on a mission against ISIS"). A sentence that first states a fact and
    then the parties' versions of why does not dispute the fact ("A US warplane shot down a Syrian
    jet, with Washington saying ... and Damascus saying ...")."""
    parties = set(terms(accounts.first.party)) | set(terms(accounts.second.party))
    return len(set(terms(accounts.frame)) - parties) < _MIN_WORDS


def _accounts(text: str, previous: str | None, max_words: int) -> tuple[Account, Account, str] | None:
    text = " ".join(text.split())
    with_saying = _WITH_SAYING.search(text)
    if with_saying:
        return _framed(
            _pair(Account(with_saying["p"], with_saying["x"]), Account(with_saying["q"], with_saying["y"])),
            text[: with_saying.start()],
        )
    denial = _DENIAL.search(text)
    if denial and previous:
        # "deny the US claims" refers to the claims the article has just reported.
        denier = attributed_to(text[: denial.start()] + " denied", max_words)
        denied = _VAGUE.sub("", _POSSESSIVE.sub("", denial["party"].strip()))
        rest = text[denial.end() :]
        # The denied party is a name ("the US claims"), not what the claims are about ("the
        # corruption allegations"); in a lower-cased text nothing is capitalised to tell.
        named = any(w[:1].isupper() for w in denied.split()) or text == text.lower()
        if denier and terms(denied) and named and rest.lower().startswith("that "):
            # "disputed Republican claims that the calls were illegal": the claims are named here,
            # and the denial says only that they are wrong.
            return _framed(_pair(Account(denied, rest[5:]), Account(denier, "")), "")
        if denier and terms(denied) and named and attributed_to(previous, max_words):
            # "deny the US claims" answers the claims the article has just reported: the previous
            # sentence, when it reports someone's statement.
            return _framed(_pair(Account(denied, " ".join(previous.split())), Account(denier, rest)), "")
    for contrast in _CONTRAST.finditer(text):
        left, right = text[: contrast.start()], text[contrast.end() :]
        p, q = attributed_to(left, max_words), attributed_to(right, max_words)
        if p and not q and (says := _SAYS_AFTER_CONTRAST.match(right)) and _is_name(says["who"]):
            q = says["who"]
        # Two findings joined by "but" are not two versions ("profits rose, but analysts said the
        # outlook is weak"): the versions must speak of something in common.
        if p and q and _shared(Account(p, left), Account(q, right)):
            return _framed(_pair(Account(p, left), Account(q, right)), "")
    return None


def _pair(first: Account, second: Account) -> tuple[Account, Account] | None:
    """Two accounts by different named parties, the first saying something (the second may only
    deny it); else None."""
    a, b = set(terms(first.party)), set(terms(second.party))
    if not a or not b or a & b or _says(first) < _MIN_WORDS or (second.text and _says(second) < _MIN_WORDS):
        return None
    return first, second


def _framed(pair: tuple[Account, Account] | None, frame: str) -> tuple[Account, Account, str] | None:
    return None if pair is None else (*pair, frame)


def _is_name(who: str) -> bool:
    """Whether the words name someone: a capitalised word after any leading 'the'."""
    words = [w for w in who.split() if w.lower() != "the"]
    return bool(words) and words[0][:1].isupper()


def _shared(first: Account, second: Account) -> bool:
    """Whether two versions say something about the same thing: a content word in common besides
    their parties and verbs of saying."""
    return bool(_content(first) & _content(second))


def _content(account: Account) -> set[str]:
    party = set(terms(account.party))
    return {w for w in terms(account.text) if w not in party and w not in _SAY_WORDS}


def _says(account: Account) -> int:
    """How many content words an account has besides its party's name and its verb of saying."""
    return len(_content(account))
