"""A speaker's words, as an attribution pattern caught them, made into its name: "WASHINGTON \u2014
President Trump on Monday" -> "President Trump", "On Tuesday the Observatory" -> "the Observatory",
"even he" -> "he", "a statement released by Damascus" -> "Damascus"."""

from __future__ import annotations

import re

DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# "a statement released by Damascus" speaks for Damascus.
_STATEMENT_BY = re.compile(
    r"^(?:a|an|the)\s+(?:\w+\s+)?(?:statement|report|communiqu[eé]|release)\s+(?:(?:released|issued|posted|"
    r"published)\s+)?(?:by|from)\s+",
    re.IGNORECASE,
)
RELATIVE = re.compile(r"\s+(?:which|who|whose|that)\s.*$", re.IGNORECASE)
_ADVERB = re.compile(
    r"\s+(?:then|also|now|later|earlier|again|too|yesterday|today|previously|first|once|twice|repeatedly"
    r"|initially|publicly|privately|reportedly|recently|separately|subsequently|originally|frequently"
    r"|immediately|formally|officially|finally|briefly|flatly|angrily|openly|firmly|strongly|explicitly"
    r"|specifically|directly|personally|simply|actually|really|falsely|wrongly|erroneously|himself"
    r"|herself|themselves|itself|meanwhile)$",
    re.IGNORECASE,
)
# When it was said, after the speaker: "Gov. Rick Perry of Texas on Tuesday [said]".
_WHEN_SAID = re.compile(
    rf"(?:\s+(?:on|last|this)\s+(?:{DAYS}|week|month))?"
    # "a report by a watchdog agency issued [last month]": how the document came out
    r"(?:\s+(?:issued|released|published|posted))?$",
    re.IGNORECASE,
)
# A dateline before the speaker: "DES MOINES -- Hillary Rodham Clinton", "WASHINGTON \u2014 President
# Trump" (not "UK-based").
_DATELINE = re.compile(r"^(?-i:[A-Z][A-Z.,' ]+?)\s*(?:[\u2014\u2013]|--|\s-\s)\s*")
# An adverb in -ly after the speaker ("He bluntly [said]"); not a noun that ends so.
_LY_ADVERB = re.compile(
    r"\s+(?!(?:family|assembly|supply|rally|daily|weekly|monthly|anomaly|ally|italy|july|fly)$)(?-i:[a-z]{3,}ly)$"
)
# Words before a speaker that are not its name: "even he acknowledged", "by contrast he said".
_FOCUS = re.compile(
    r"^(?:(?:even|also|only|indeed|then|meanwhile|by\s+contrast|in\s+turn)\s+)+"
    rf"(?:(?:{DAYS}|yesterday|today)\s+)?",
    re.IGNORECASE,
)
PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it", "his", "her", "their", "its"])
_LEAD_IN_WORD = re.compile(r"(?:on|in|at|during|since|until|from|with|for)", re.IGNORECASE)
_ARTICLES = frozenset(["the", "a", "an"])
# "Britain-based", "state-run", "so-called", "US-led": what a party is, not its name.
_DESCRIPTOR = re.compile(
    r"[\w.]+-(?:based|run|backed|led|owned|funded|called|affiliated|linked|controlled|held|sponsored)"
    r"|(?:anti|pro)-[\w]+"
)
_TIME_LINKS = frozenset(["of", "early", "late", "last", "this", "next", "mid"])
_CONNECTIVE = re.compile(
    r"(?:the\s+meantime|addition|turn|response|return|contrast|particular|fact|short|general)\b\s*",
    re.IGNORECASE,
)
# "what it said was", "whom he accused", "if they admit": the pronoun is inside a clause.
_CLAUSE_OPENERS = frozenset(
    ["what", "whom", "who", "which", "that", "if", "whether", "when", "where", "why", "how", "thing"]
)
_RUN_ON_WORDS = 5
_OF_ARTICLES = _ARTICLES | {"of"}
_CLAUSE_WORD = re.compile(
    r"(?!(?:morning|evening|during|following|including|meeting|briefing|hearing|building)$)[a-z]+ing"
    r"|why|how|whether|what|where|when|which|who|that|if",
    re.IGNORECASE,
)
_TIME_WORD = re.compile(
    rf"(?:{DAYS}|{MONTHS}|\d{{1,4}}(?:st|nd|rd|th)?|morning|evening|night|afternoon|weekend|week|month|year)",
    re.IGNORECASE,
)


def speaker_name(who: str) -> str:
    """The words naming a speaker without what is not its name: a dateline, a relative clause, when
    and how it was said, focus words and adverbs, a phrase of time or place before it in text
    that lost its commas ("On Tuesday the Observatory" -> "the Observatory"), "a statement by"."""
    who = RELATIVE.sub("", _DATELINE.sub("", who.strip(" .,'\"\u201c\u201d\u2019\u2014\u2013-")))
    who = _LY_ADVERB.sub("", _WHEN_SAID.sub("", who))
    who = _STATEMENT_BY.sub("", _past_lead_in(_FOCUS.sub("", who)))
    while (shorter := _ADVERB.sub("", who)) != who:
        who = shorter
    words = who.split()
    # "Then Syrian government helicopters followed he [said]": a text that lost its commas; the
    # pronoun is the speaker.
    if (
        1 < len(words) <= _RUN_ON_WORDS
        and words[-1].lower() in PRONOUNS - {"his", "her", "their", "its"}
        and not any(w.lower() in _CLAUSE_OPENERS for w in words)
    ):
        return words[-1]
    return who.strip()


def _past_lead_in(who: str) -> str:
    """The speaker after a phrase of time or place that no comma set off ("On Tuesday the
    Observatory", "In July Human Rights Watch", "In a statement the center": text whose commas were
    lost); "" when only the phrase is there ("on June 25" of "Another review, on June 25, 2012,
    reported", "In a pair of evening [tweets]")."""
    words = who.split()
    if not words or not _LEAD_IN_WORD.fullmatch(words[0]):
        return who
    if len(words) > 1 and words[0].lower() == "at" and words[1].lower() in ("least", "most"):
        return who  # "At least one GOP insider [told]": a quantity, not a place
    rest = words[1:]
    # "In the meantime other sources", "In addition the ministry", "In return Moscow"
    connective = _CONNECTIVE.match(" ".join(rest))
    if connective is not None:
        return " ".join(rest)[connective.end() :].strip()
    if len(rest) > 1 and rest[-1].lower() in PRONOUNS:
        return rest[-1]  # "In posting the clip he [wrote]"
    # A phrase that holds a clause is not a time or a place: "with lawmakers nearing a vote on the
    # legislation that critics [said]", "On the question of why the administration [claimed]" (a
    # noun in -ing is not a clause: "In 24 hours of fighting", "In a breaking news alert").
    if any(
        _CLAUSE_WORD.fullmatch(w)
        and not (w.lower().endswith("ing") and i > 0 and rest[i - 1].lower() in _OF_ARTICLES)
        for i, w in enumerate(rest)
    ):
        return ""
    # The last article opens the speaker ("In its statement about the incident the military", "In a
    # statement issued early Sunday the coalition"), unless it is inside a name ("the General Staff
    # of the Armed Forces"); the phrase's own article comes first ("In a statement").
    start = max(
        (i for i, w in enumerate(rest) if i > 0 and w.lower() in _ARTICLES and rest[i - 1].lower() != "of"),
        default=None,
    )
    if start is None:
        # No article: the speaker is the words after the time ("On Saturday Abdel Rahman", "on Monday
        # state news agency SANA", "On Saturday activists"); a time alone names no one ("on June 25").
        if not rest or not _TIME_WORD.fullmatch(rest[0]):
            return ""
        start = 0
        while start < len(rest) and (_TIME_WORD.fullmatch(rest[start]) or rest[start].lower() in _TIME_LINKS):
            start += 1
        if start >= len(rest):
            return ""
    return " ".join(rest[start:])


def without_descriptors(who: str) -> str:
    """A long speaker without the article and hyphenated descriptors before its name: "The
    Britain-based Syrian Observatory for Human Rights" -> "Syrian Observatory for Human Rights"."""
    words = who.split()
    start = 0
    while start < len(words) - 1 and (
        words[start].lower() in _ARTICLES or _DESCRIPTOR.fullmatch(words[start])
    ):
        start += 1
    # Only a descriptor ("Britain-based") goes: without one, a long speaker is a clause.
    if not any(_DESCRIPTOR.fullmatch(w) for w in words[:start]):
        return who
    return " ".join(words[start:])
