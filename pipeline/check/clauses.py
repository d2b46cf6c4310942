"""The clauses of a claim that joins several facts: "Tensions escalated on Sunday as the US military
brought down the jet near Raqqa, and Iran launched missiles at Islamic State targets". A source that
states one of them in its own words ("A US warplane brought down a Syrian jet in southern Raqqa")
says part of the claim, which the sentence encoder does not see when it reads the whole: three facts
in one vector are far from any one of them. Cut at the words that join clauses, never inside one
(a relative clause, "which has recaptured ...", qualifies its noun and stays)."""

from __future__ import annotations

import re

from pipeline.text import terms

# Where one clause ends and another begins: a semicolon; ", and" or ", but"; a contrast or a cause
# opening a clause, not a participle or a phrase ("while flying a mission", "because of the storm");
# "as" opening a clause on what happened at the same time ("escalated on Sunday as the US military
# brought down the jet"), not "such as the", "known as the". "After" and "since" are as often
# prepositions ("after a short battle") and are left alone.
_JOINS = re.compile(
    r";\s+"
    r"|,\s+(?:and|but)\s+"
    r"|,?\s+(?:while|whereas|although|though)\s+(?!\w+(?:ing|ed)\b)"
    r"|,?\s+because\s+(?!of\b)"
    r"|(?<!\bsuch)(?<!\bknown)(?<!\bwell)(?<!\bsame)(?<!\bmuch)(?<!\bmany)(?<!\bsoon)(?<!\bjust)"
    r"(?<!\bserved)(?<!\bseen)(?<!\bdescribed)(?<!\bregarded)(?<!\bidentified)"
    r",?\s+as\s+(?=(?:the|its|their|his|her|it|they|he|she|we)\s)",
    re.IGNORECASE,
)
# Content words a clause needs to state a fact of its own.
_MIN_WORDS = 3


def clauses(claim: str) -> list[str]:
    """The claim's clauses, each with enough words to state something, when it has two or more;
    otherwise none (the claim is one fact)."""
    text = " ".join(claim.split())
    found = [part.strip(" ,;.") for part in _JOINS.split(text) if len(set(terms(part))) >= _MIN_WORDS]
    return found if len(found) >= 2 else []
