"""Checks on the model's restatement against its sentence: a restatement may rephrase, never add a
fact or drop a figure; a claimer must be someone the sentence (or title) names."""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from itertools import pairwise

from pipeline.embeddings import word_matcher
from pipeline.settings import Settings
from pipeline.text import CALENDAR, MONTHS, NEGATION, terms

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


# Words that stand for something named elsewhere: only a sentence holding one may take a name or a
# word from its article's title ("It was downed" -> "The Syrian jet was downed").
_REFERENCES = frozenset(
    ["he", "she", "it", "they", "him", "them", "his", "her", "its", "their", "this", "these"]
)


def added_facts(claim: str, sentence: str, context: str, settings: Settings) -> str | None:
    """Why the restatement says more than the sentence (and, for a sentence that refers to
    something, its article's title and date), or None."""
    # Whole numbers, not digits anywhere: the "2" of "the 2nd program" is not in "2013-06-08".
    known_numbers = {n.lstrip("0") for n in NUMBER.findall(f"{sentence} {context}")}
    for number in NUMBER.findall(claim):
        if number.lstrip("0") not in known_numbers:
            return f"number {number} is not in the sentence"
    said = Counter(terms(sentence))
    refers = any(w in _REFERENCES for w in re.findall(r"[a-z]+", sentence.lower()))
    resolved = Counter(terms(context)) if refers else Counter()
    known = set(said) | set(resolved) | MONTHS | {"outlet"}
    words = terms(claim)
    if not words:
        return "no content words"
    # A name standing for a pronoun ("The Syrian jet" for "It") and a date for "on Sunday" are the
    # sentence's too; the title's other words may not make the claim: "Mary Cheney is dead wrong on
    # gay marriage" (the headline) for "'Freedom means freedom for everyone,' she continued."
    capitalised = {w for token in re.findall(r"[\w'-]+", claim) if token[:1].isupper() for w in terms(token)}
    stand_ins = capitalised | MONTHS | {"outlet"}
    kept = sum(
        w in said or w in stand_ins or bool(NUMBER.fullmatch(w)) or any(_same_stem(w, k) for k in said)
        for w in words
    ) / len(words)
    if kept < settings.min_own_share:
        return f"only {kept:.0%} of its words are the sentence's own"
    share = sum(w in known for w in words) / len(words)
    if share < settings.min_known_share:
        return f"only {share:.0%} of its words are in the sentence"
    # Figures were checked above, against the date too ("on Sunday" -> "on 18 June 2017").
    new = sorted({w for w in words if w not in known and not NUMBER.fullmatch(w)})
    # "Syria" for "Syrian", "Iraq" for "Iraqi": the same name in another form is not new.
    new = [w for w in new if not any(_same_stem(w, k) for k in known)]
    names = sorted(set(new) & _names(claim))
    if names:
        # A name is a fact: "Russian officials" for "Coalition officials" is another claim.
        return "names not in the sentence: " + ", ".join(names)
    borrowed = sorted(
        w for w in set(words) & _names(claim) - CALENDAR if not any(_same_stem(w, k) for k in said)
    )
    dropped = sorted(w for w in _names(" ".join(sentence.split()[1:])) - CALENDAR if w not in set(words))
    if borrowed and dropped:
        # A name from the title in place of one the sentence gives is another actor: "Russia will
        # have to decide" for "the White House will have to decide".
        return f"names {', '.join(borrowed)} in place of {', '.join(dropped)}"
    # A word of its own must mean what a word of the sentence says ("aircraft" for "plane"); any
    # other is the model's own story ("killed" for "wounding").
    synonyms = word_matcher(settings.min_word_similarity).credits(new, frozenset(), frozenset(said))
    own = [w for w in new if w not in synonyms]
    if len(own) > settings.max_new_words:
        return "words not in the sentence: " + ", ".join(own)
    counts = Counter(words)
    repeated = sorted(w for w in counts if w in said and counts[w] > said[w] + resolved[w])
    if repeated:
        # "The Syrian military jet has brought down a Syrian military jet": one party made two.
        return "said more often than in the sentence: " + ", ".join(repeated)
    return None


def changed_negation(claim: str, sentence: str) -> str | None:
    """Why the restatement negates otherwise than the sentence, or None: "is not in violation" for
    "is in violation" is the opposite claim. Dropping a negated clause changes the count too, and
    then the sentence is the claim."""
    mine, theirs = len(NEGATION.findall(claim)), len(NEGATION.findall(sentence))
    if mine != theirs:
        return f"{mine} negation(s) where the sentence has {theirs}"
    return None


def _same_stem(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short)


def _names(text: str) -> set[str]:
    """Lower-cased content words written with a capital (a sentence's first word too: a new
    capitalised content word there is as much a new name or fact)."""
    return {w for token in text.split() if token[:1].isupper() for w in terms(token)}


def reordered(claim: str, sentence: str) -> float:
    """How much the restatement reorders the sentence's words it keeps: the share of pairs of them
    that come in the opposite order. Who did what to whom is word order in English, so "the Syrian
    army shot down ... according to the US-led coalition" for "the US-led coalition shot down ...
    according to the Syrian army" scores high while a faithful rephrasing keeps it near 0."""
    known = terms(sentence)
    first: dict[str, int] = {}
    for i, t in enumerate(known):
        first.setdefault(t, i)
    kept = [first[t] for t in dict.fromkeys(terms(claim)) if t in first]
    pairs = len(kept) * (len(kept) - 1) // 2
    if not pairs:
        return 0.0
    inverted = sum(1 for i in range(len(kept)) for j in range(i + 1, len(kept)) if kept[i] > kept[j])
    return inverted / pairs


_TOKEN = re.compile(r"[\w\u2019'-]*\w|[^\w\s]")
_RELATIVE = frozenset(["which", "who", "whom", "whose", "where", "when"])
# Words whose loss changes neither who did what nor what a phrase attaches to.
_SPARE = frozenset(["have", "has", "had", "also"])
_AUXILIARIES = frozenset(
    ["is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "said", "says"]
)
_CLAUSE_WORDS = 4
_PREPOSITIONS = frozenset(
    ["on", "in", "at", "near", "from", "with", "by", "during", "after", "before", "since", "outside",
     "inside", "around", "across", "over", "under", "into", "between", "amid", "within"]
)  # fmt: skip
_DASHES = frozenset(["-", "--", "\u2013", "\u2014"])


def spliced(claim: str, sentence: str) -> str | None:
    """Why the restatement joins words the sentence does not join, or None. A restatement may leave
    out the sentence's start or end, or an aside set off by punctuation (", which was flying over
    Raqqa,"); words cut from the middle of a clause reattach what follows to something else ("The
    army, which has recaptured Aleppo, has been able to reclaim oil fields for three years" -> "The
    army has recaptured Aleppo for three years"; "the US strike helped" -> "the US helped"). Nor is the
    aside after a dash a claim of its own ("... - the first time each state has done so")."""
    mine, theirs = _tokens(claim), _tokens(sentence)
    matched = SequenceMatcher(None, theirs, mine, autojunk=False).get_matching_blocks()
    # A comma or full stop in common joins nothing: "... outpost for months." -> "... outpost." cuts the end.
    blocks = [b for b in matched if not all(_is_mark(t) for t in theirs[b.a : b.a + b.size])]
    marks = {i for b in matched if b not in blocks for i in range(b.b, b.b + b.size)}
    if blocks and blocks[0].b == 0 and _after_a_clause_and_dash(theirs, blocks[0].a):
        return "only the aside after a dash"
    for before, after in pairwise(blocks):
        start, end = before.a + before.size, after.a
        # Only a pure cut: where the restatement puts words or marks of its own there, it rephrases.
        if start == end or not all(i in marks for i in range(before.b + before.size, after.b)):
            continue
        cut = theirs[start:end]
        if _is_mark(cut[0]) and all(_is_mark(t) or t in _RELATIVE for t in cut):
            continue  # ", which was downed" -> "was downed": the aside made the claim
        while cut and cut[-1] in _SPARE:
            cut, end = cut[:-1], end - 1  # "have captured" -> "captured", "also trying" -> "trying"
        if not cut:
            continue
        if _modifier(cut, theirs[end]):
            continue  # "a remote village" -> "a village", "retook Palmyra on Sunday" -> "retook Palmyra"
        opens = _is_mark(theirs[start - 1]) or _is_mark(cut[0])
        closes = _is_mark(cut[-1]) or _is_mark(theirs[end])
        if not (opens and closes):
            return f"joins words around a cut: {' '.join(cut)}"
    return None


def swapped_names(claim: str, sentence: str) -> str | None:
    """Why the restatement puts another name where the sentence has one, or None: "Elizabeth
    Cheney ... has taken to Facebook to blast her older sister, Mary" for "Mary Cheney ... to blast
    her older sibling, Elizabeth" keeps every word and name, but the actors trade places; "Elizabeth
    Cheney, openly lesbian" for "Mary Cheney, openly lesbian" takes the title's name for the
    sentence's. A name may stand for a pronoun ("his veto" -> "Obama's veto"), not for a name."""
    theirs, mine = _TOKEN.findall(sentence), _TOKEN.findall(claim)
    aligned = SequenceMatcher(None, [t.lower() for t in theirs], [t.lower() for t in mine], autojunk=False)
    for op, i1, i2, j1, j2 in aligned.get_opcodes():
        if op != "replace":
            continue
        was, now = _capitalised(theirs[i1:i2]), _capitalised(mine[j1:j2])
        gone = [w for w in was if not any(w == n or _same_stem(w, n) for n in now)]
        new = [n for n in now if not any(w == n or _same_stem(w, n) for w in was)]
        if gone and new:
            return f"{' '.join(new)} where the sentence has {' '.join(gone)}"
        was_p, now_p = _persons(theirs[i1:i2]), _persons(mine[j1:j2])
        if was_p and now_p - was_p and not (was_p | now_p) <= {"it", "they"}:
            # "Pelosi had called his proposal" -> "Pelosi called her proposal": another referent.
            # A quote's "I" told as "he" is the same person, and a body is "it" or "they".
            return f"{' '.join(sorted(now_p))} where the sentence has {' '.join(sorted(was_p))}"
    return None


# Third-person pronouns by whom they stand for: a quote's "I" or "we" is told in the third
# person when it is restated.
_PERSONS = {
    w: person
    for person, words in {
        "he": ("he", "him", "his", "himself"),
        "she": ("she", "her", "hers", "herself"),
        "it": ("it", "its", "itself"),
        "they": ("they", "them", "their", "theirs", "themselves"),
    }.items()
    for w in words
}


def _persons(tokens: list[str]) -> set[str]:
    """The third persons the tokens refer to by pronoun."""
    return {_PERSONS[t.lower()] for t in tokens if t.lower() in _PERSONS}


def _capitalised(tokens: list[str]) -> list[str]:
    return [w for token in tokens if token[:1].isupper() for w in terms(token) if w not in CALENDAR]


def _after_a_clause_and_dash(tokens: list[str], start: int) -> bool:
    """Whether the restatement starts right after a dash that closes a clause and opens no aside
    that the sentence closes again: not a dateline ("BEIRUT (Reuters) - ...") and not "three people -
    two soldiers and a civilian - were killed"."""
    if start == 0 or tokens[start - 1] not in _DASHES or any(t in _DASHES for t in tokens[start:]):
        return False
    before = [t for t in tokens[: start - 1] if not _is_mark(t)]
    return len(before) >= _CLAUSE_WORDS and "(" not in tokens[: start - 1]


def _modifier(cut: list[str], following: str) -> bool:
    """Whether the cut words only qualify what the restatement keeps: up to two words that were not
    a subject (the next word is no verb: "strategically important town"), or a phrase opening on a
    preposition with no verb in it ("on Sunday", "near Raqqa", "in Paris")."""
    if any(_is_mark(t) or _finite(t) for t in cut):
        return False
    return (len(cut) <= 2 and not _finite(following)) or (cut[0] in _PREPOSITIONS and len(cut) <= 6)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _finite(token: str) -> bool:
    """Whether a word looks like a clause's verb: what a cut word before it was the subject of."""
    return token in _AUXILIARIES or (token.endswith("ed") and len(token) > 4)


def _is_mark(token: str) -> bool:
    return not token[0].isalnum() and token[0] != "_"


def dropped_figures(claim: str, sentence: str) -> str | None:
    """Why the restatement loses a figure of the sentence, or None: figures are what sources most
    often disagree on, so a restatement that drops one would hide the disagreement."""
    kept = set(NUMBER.findall(claim))
    for number in NUMBER.findall(sentence):
        if number not in kept:
            return f"figure {number} of the sentence is missing"
    return None


def clean_claimer(claimer: str, sentence: str, title: str, settings: Settings) -> str:
    """The model's claimer when it names someone the sentence (or title) mentions, else 'unattributed'."""
    claimer = " ".join(claimer.split()).strip(" .,:;")
    if claimer.lower() in ("the outlet", "outlet"):
        return "the outlet"
    words = terms(claimer)
    if not words or len(claimer.split()) > settings.max_claimer_words:
        return "unattributed"
    known = set(terms(f"{sentence} {title}"))
    return claimer if any(w in known for w in words) else "unattributed"
