"""The words of stance cues: debunking words, hedges and a headline's ways of only reporting a
story, as word lists and the patterns compiled from them (pipeline/check/cues.py reads them)."""

from __future__ import annotations

import re

DENIAL_WORDS = (
    "fake",
    "fakes",
    "faked",
    "fraud",
    "fraudulent",
    "hoax",
    "hoaxes",
    "hoaxer",
    "false",
    "falsely",
    "deny",
    "denies",
    "denied",
    "denying",
    "refute",
    "refutes",
    "refuted",
    "debunk",
    "debunks",
    "debunked",
    "debunking",
    "bogus",
    "untrue",
    "not true",
    "no evidence",
    "prank",
    "pranks",
    "retract",
    "retracts",
    "retracted",
    "retraction",
    "satire",
    "satirical",
    "myth",
    "myths",
    "misleading",
    "doctored",
    "photoshopped",
    "fabricated",
    "fabrication",
    "unfounded",
    "baseless",
)
# Words of a source that reports something without vouching for it: hedges, rumours ("rumor" once
# counted as a denial: moving it here raised Emergent's and FNC-1's macro-F1), "is said to", and
# unnamed sources. Plain attribution to a named party ("according to", "said", "reports") is left out:
# news states most facts that way; only a headline's tag or closing "..., X says" counts (below).
HEDGE_WORDS = (
    "reportedly",
    "allegedly",
    "alleged",
    "unconfirmed",
    "unverified",
    "purportedly",
    "purported",
    "purports",
    "could not be verified",
    "rumor",
    "rumors",
    "rumored",
    "rumour",
    "rumours",
    "rumoured",
    "apparently",
    "appears",
    "believed",
    "speculation",
    "speculates",
    "speculated",
    "unclear",
    "might",
    "suspected",
    "sources say",
    "sources said",
    "source says",
)
# Debunking words aimed at a story itself, which settle a source that shares only a claim's topic:
# a party in the story denying something ("Boko Haram denied that it had kidnapped the girls")
# does not.
STORY_DENIAL_WORDS = (
    *(w for w in DENIAL_WORDS if w.startswith(("fake", "hoax", "debunk", "prank", "fabricat", "satir"))),
    "bogus",
    "doctored",
    "photoshopped",
    "untrue",
    "not true",
)


def _pattern(words: tuple[str, ...], *more: str) -> re.Pattern[str]:
    alternatives = [re.escape(w) for w in words] + list(more)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


# "There is no denying", "not a hoax": a negated debunking word vouches.
_NOT_NEGATED = (
    r"(?<!\bno\s)(?<!\bnot\s)(?<!\bnot\sa\s)(?<!n't\s)(?<!n't\sa\s)(?<!n\u2019t\s)(?<!n\u2019t\sa\s)"
)
# Someone rejecting the reports themselves: "rebuffs Internet rumors that he died", "experts cast
# doubt on man's claims", "stolen Batmobile rumor put to rest".
_REPORTS = r"(?:claims?|rumou?rs?|reports?|allegations?|speculation|story|stories)"
_REJECTING = (
    r"(?:dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|rebuff(?:s|ed|ing)?|quash(?:es|ed|ing)?"
    r"|casts?\s+doubt\s+on|puts?\s+to\s+rest)\s+(?:[\w'\u2019-]+\s+){0,3}?" + _REPORTS,
    _REPORTS + r"\s+(?:[\w'\u2019-]+\s+){0,2}?(?:put\s+to\s+rest|dismissed|rejected|called\s+rubbish)",
    # A sentence answering the story with "No, ...": "No, a spider didn't crawl through a man's body";
    # not "No, it's not a hoax: ...".
    r"(?<=^)no(?=\s?,\s)(?!.*(?:\bnot|n[\u2019']t)\s+(?:\w+\s+)?(?:"
    + "|".join(w for w in ("fake", "hoax", "photoshopped", "doctored", "made up", "fabricated", "a joke"))
    + r"))",
)
DENIAL = re.compile(_NOT_NEGATED + _pattern(DENIAL_WORDS, *_REJECTING).pattern, re.IGNORECASE)
STORY_DENIAL = re.compile(_NOT_NEGATED + _pattern(STORY_DENIAL_WORDS).pattern, re.IGNORECASE)
# Of those, the words that only call a story false: "satirical" and "prank" also name a genre ("the
# satirical magazine's office", "they repeat the prank in the video"), and a "hoaxer" is a person.
FALSE_STORY_WORDS = tuple(
    w for w in STORY_DENIAL_WORDS if not w.startswith(("satir", "prank")) and w != "hoaxer"
)
FALSE_STORY = re.compile(_NOT_NEGATED + _pattern(FALSE_STORY_WORDS).pattern, re.IGNORECASE)
# A claim, not a toll's fate or a responsibility: "the attack claimed the lives of 30", "shells
# claim 9 civilians", "claimed hundreds of civilian lives", "claimed responsibility", "no claim of
# responsibility", "a blast claimed by DAESH", "has claimed previous bombings" (but "claimed the
# attack was ...", "claims 400 followers were ..." are claims).
_VICTIMS = r"(?:lives|people|persons|civilians|children|victims)"
_CLAIM = (
    r"claim(?:s|ed|ing)?(?!\s+(?:the\s+|more\s+|their\s+|his\s+|her\s+)?li(?:fe|ves)\b)"
    r"(?!\s+(?:of\s+)?(?:responsibility|credit)\b)(?!(?<=claimed)\s+by\b)"
    r"(?!\s+(?:(?:more|fewer)\s+than\s+|at\s+least\s+|over\s+|nearly\s+|almost\s+|some\s+|about\s+)?"
    rf"(?:[\d,]+|dozens|scores|hundreds|thousands)\s+(?:of\s+)?(?:\w+\s+)?{_VICTIMS}\b"
    r"(?!\s+(?:were|was|had|have|are)\b))"
    r"(?!\s+(?:the\s+|previous\s+|several\s+|many\s+|two\s+|both\s+)?(?:attacks?|bombings?|blasts?)\b"
    r"(?!\s+(?:was|were|is|are|had|has)\b))"
)
# The modal, not the month or a name. Never before a day or a year ("May 8, 2017", "may 2016") or
# after a word that dates ("in May", "since may", "mid-May"). Written "May" mid-sentence it is the
# month or a name after a number, an article and a few more words ("27 May", "a May hearing",
# "April and May alone", "the end of May") or before a stop or a comma ("from May, when", "Myron
# May, was"); after them a modal is in lower case ("iOS 8.2 may launch", "this may be", "may, or"),
# and so are those words, but in a title-case headline ("Apple May Or May Not Hold An Event").
_DATING = ("in", "on", "since", "until", "till", "from", "through", "during", "mid")
_BEFORE_MONTH = ("a", "the", "of", "by", "at", "to", "and", "or", "this", "last", "next", "early", "late")
_MAY = (
    "".join(rf"(?<!\b{w}\s)" for w in _DATING)
    + r"(?<!\bmid-)(?:(?-i:may|MAY)|"
    + "".join(rf"(?<!\b(?-i:{w})\s)" for w in _BEFORE_MONTH)
    + r"(?<!\d\s)(?-i:May)(?![.,;:)]))(?!\s*\d)"
)
HEDGE = _pattern(
    HEDGE_WORDS,
    # "is said to have", "store said to open", not "said to reporters", "reported to the police"
    r"(?:said|reported|thought)\s+to(?!\s+(?:the|a|an|his|her|their|its|him|them|us|me|my|our|your"
    r"|reporters|journalists|police|congress|parliament|lawmakers|investigators)\b)",
    r"(?:unnamed|anonymous)\s+sources?",
    r"an?\s+(?:source|person)\s+(?:close\s+to|familiar\s+with)",
    _CLAIM,
    _MAY,
)
# A headline's own ways of saying it only reports the story, read in a source's first line only (in
# the body, "Source: AP" credits a picture and "..., police say" is plain attribution): a tag naming
# its source ("Apple to shut down Beats Music: Report", "Sources: ...", "... - video report", ":
# South Korea paper"), or an attribution closing it in the present tense ("..., government says",
# "..., says new report").
HEADLINE_HEDGE = re.compile(
    r"(?<=[:\-\u2013\u2014|]\s)(?:[^\W\d][\w'\u2019-]*\s+){0,2}?(?:report|reports|sources?|paper)"
    r"(?=\s*[.!]?\s*$)"
    r"|^(?:report|reports|sources?)(?=\s*:)"
    r"|(?<=,\s)(?:[\w.'\u2019-]+\s+){0,4}?(?:says|say)(?=\s*[.!]?[\s\u201d\"]*$)"
    r"|(?<=,\s)says\s+(?:an?\s+|new\s+|the\s+)*(?:[\w-]+\s+)?reports?(?=\s*[.!]?\s*$)",
    re.IGNORECASE,
)

# A party's characterisation of the accusations against it: its account, not a verdict.
CHARACTERISING = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|brand(?:s|ed|ing)?"
    r"|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
