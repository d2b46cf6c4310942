"""What was done to or by what a number counts: the verbs near it in its clause. Two counts of one
thing under different acts ("the 10 Democrats who gathered" / "33 Senate Democrats voted") are not
two values of one count."""

from __future__ import annotations

import re

from pipeline.settings import Settings
from pipeline.text import STOPWORDS, stem


def actions_near(text: str, start: int, end: int) -> frozenset[str]:
    """The verbs near the number in its clause, a few words either side: "the 10 Democrats who
    gathered outside", "33 Senate Democrats voted to advance", "needing to gain roughly 35 seats",
    "picked up just six seats". Verbs are told by their form (-ed, -ing, after "to") or are common
    verbs of doing; a noun in -ing ("bombing") may come along and does no harm."""
    head = re.split(_CLAUSE_BREAK, text[max(0, start - 50) : start], flags=re.IGNORECASE)[-1]
    tail = re.split(_CLAUSE_BREAK, text[end : end + 70], flags=re.IGNORECASE)[0]
    before = re.findall(r"[a-z]+", head.lower())[-_ACTION_WORDS:]
    after = re.findall(r"[a-z]+", tail.lower())[:_ACTION_WORDS]
    return frozenset(_verbs(before) | _verbs(after))


def _verbs(words: list[str]) -> set[str]:
    return {
        w
        for i, w in enumerate(words)
        if w not in _NOT_VERBS
        and (
            (len(w) > 4 and w.endswith(("ed", "ing")))
            or w in _VERBS_OF_DOING
            or (i and words[i - 1] == "to" and w not in STOPWORDS and len(w) > 2)
        )
    }


# Where a number's clause ends, either side of it.
_CLAUSE_BREAK = r"[.;:!?,()]|\b(?:while|but|and|which|that)\b"
# Words either side of a number searched for its verbs.
_ACTION_WORDS = 5
# Words in -ed or -ing that are not verbs of the clause.
_NOT_VERBS = frozenset(
    ["including", "during", "according", "following", "regarding", "concerning", "hundred", "united",
     "something", "nothing", "anything", "everything", "morning", "evening", "ceiling", "wedding",
     "building", "speed", "indeed", "alleged", "called", "reported", "estimated"]
)  # fmt: skip
# Common verbs of doing not told by their form (auxiliaries such as "had" say nothing of the act).
_VERBS_OF_DOING = frozenset(
    ["won", "lost", "took", "take", "gave", "give", "sent", "send", "shot", "hit", "held", "hold", "left",
     "made", "make", "put", "got", "get", "ran", "run", "saw", "came", "come", "went", "fell", "rose",
     "cut", "paid", "pay", "spent", "spend", "sold", "sell", "bought", "buy", "built", "build", "fought",
     "brought", "caught", "drew", "drove", "flew", "grew", "led", "lead", "met", "stood", "struck",
     "threw", "wrote", "vote", "votes", "win", "lose", "gain", "gains", "owns", "own", "kill", "kills",
     "fire", "fires", "launch", "seize"]
)  # fmt: skip


def same_action(mine: frozenset[str], other: frozenset[str], settings: Settings) -> bool:
    """Whether two counts are of the same action (the verbs `actions_near` found): they share a
    verb, in the same words or in words the static word vectors put close (at
    `min_word_similarity`; "launched" / "fired" are not), or one side names none."""
    if not mine or not other:
        return True
    if {stem(w) for w in mine} & {stem(w) for w in other}:
        return True
    from pipeline.embeddings import word_matcher

    credits = word_matcher(settings.min_word_similarity).credits(mine, frozenset(), other)
    return any(credits.values())
