"""The project's one tokenizer: content words, as every stage that compares texts counts them."""

from __future__ import annotations

import re

# Function words and reporting verbs: they say nothing about which fact a sentence states.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "him",
        "we",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "not",
        "no",
        "so",
        "than",
        "then",
        "also",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "such",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "said",
        "says",
        "say",
        "according",
        "after",
        "before",
        "while",
        "during",
        "since",
        "until",
        "up",
        "down",
        "out",
        "off",
        "more",
        "most",
        "other",
        "new",
        "one",
        "two",
    ]
)


# Verbs that report speech, as `terms` gives them ("stated", "told reporters"): who speaks, not what
# happened. Nouns ("statement", "claims", "reports") and verbs that take a side ("denied",
# "confirmed") are not among them.
REPORTING = frozenset(
    ["stated", "stating", "told", "tell", "telling", "announced", "announce", "announcing", "added",
     "adding", "noted", "explained", "wrote", "tweeted", "reported", "reporting", "saying", "quoted",
     "cited", "remarked", "commented"]
)  # fmt: skip
# Words that join or hedge what a sentence says ("although", "in addition", "supposedly"): how it
# is told, not what it tells; a passage stating the facts need not use them.
CONNECTIVES = frozenset(
    ["although", "though", "however", "moreover", "furthermore", "addition", "instead", "meanwhile",
     "nevertheless", "nonetheless", "therefore", "thus", "hence", "despite", "supposedly", "allegedly",
     "reportedly", "apparently", "ostensibly", "purportedly", "alleged", "purported", "indeed",
     "actually", "already", "even", "still", "yet", "just"]
)  # fmt: skip
MONTHS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"]
)  # fmt: skip
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
# Written with a capital, yet a time, not a name; and close to each other in any embedding.
CALENDAR = MONTHS | WEEKDAYS
# Words of a claimer that name no one in particular ("officials", "the statement", "a spokesman"):
# whoever they are, the sentences around them say; "Syrian officials" are named by "Syrian" alone.
UNNAMED_PARTY = frozenset(
    ["official", "officials", "source", "sources", "government", "spokesman", "spokeswoman",
     "spokesperson", "statement", "statements", "report", "reports"]
)  # fmt: skip


def plain(text: str) -> str:
    """The text without social-media markup, for reading what it says: "#Syria army: #US-led
    coalition shoots down1of our jets" -> "Syria army: US-led coalition shoots down 1 of our jets".
    Hashtag marks and "(@handle)" go; a number glued between words is set apart."""
    text = _HANDLE.sub("", text)
    text = _HASHTAG.sub("", text)
    return " ".join(_GLUED.sub(r" \1 ", text).split())


_HASHTAG = re.compile(r"(?<![\w&])#(?=\w)")
_HANDLE = re.compile(r"\s*\(@\w{1,15}\)")
_GLUED = re.compile(r"(?<=[a-z])(\d+)(?=[a-z])")


def terms(text: str) -> list[str]:
    """Content words, lower-cased, with a light plural/possessive strip so 'jets' meets 'jet'."""
    out = []
    for tok in re.findall(r"[a-z0-9]+", text.lower()):
        if tok in STOPWORDS or len(tok) < 2:
            continue
        if len(tok) > 4 and tok.endswith("s") and not tok.endswith("ss"):
            tok = tok[:-1]
        out.append(tok)
    return out


def stem(word: str) -> str:
    """A content word without its regular inflection, so that "adopted", "adopts" and "adopting"
    meet "adopt" and "burrowing" meets "burrowed"; irregular forms (caught, dead) and doubled
    consonants (stopped) stay apart. A stem under 5 letters is not used: short ones collide
    ("stating" and "State" would both be "stat"), so such a word must match as written."""
    found = word
    for suffix in ("ing", "ed", "es", "s"):
        if found.endswith(suffix) and len(found) - len(suffix) >= 3:
            found = found[: -len(suffix)]
            break
    if found.endswith("e") and len(found) >= 4:
        found = found[:-1]
    return found if len(found) >= _MIN_STEM else word


_MIN_STEM = 5


# Words that negate what a clause says ("not", "never", "didn't").
NEGATION = re.compile(
    r"\b(?:not|no|never|none|nor|neither|nobody|nothing|without|cannot)\b|n[\u2019']t\b", re.IGNORECASE
)
# The plain negators: a passage saying the claim with one of them, where the claim has none, says
# the opposite ("Students not among dead in mass grave"). "Without", "none" and the like often
# negate another part of a longer sentence.
DENYING = re.compile(r"\b(?:not|no|never|cannot)\b|n[\u2019']t\b", re.IGNORECASE)
