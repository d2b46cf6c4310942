"""What a passage that says a claim (by the sentence encoder's reading) does with it: states it,
asks it, leaves it open, reports it rejected, or negates it. The encoder reads "X is not Y" as close
to "X is Y" and a question as close to its answer; these word rules read what it cannot."""

from __future__ import annotations

import re

from pipeline.extract import reported
from pipeline.records import Claim, SourceStance, Span, StanceLabel
from pipeline.text import DENYING, stem, terms


def stance_by_meaning(
    claim: Claim, doc_id: str, passage: Span, cosine: float, story: frozenset[str] = frozenset()
) -> SourceStance:
    """What a passage saying the claim (by the sentence encoder) does with it: asks it (a question
    asserts nothing), leaves it open ("it was not clear whether", "would not confirm", where the
    claim does not; a claim that leaves it open is not stated by a passage that does not), rejects it
    ("dismissed reports that"), negates what the claim says or the other way round (the encoder
    reads "X is not Y" as close to "X is Y"), or states it. A negation of only `story` words, those
    every source of the corpus uses ("referring not to the president's faith" against "the
    president is a Christian"), negates nothing the claim says."""
    score = round(min(max(cosine, 0.0), 1.0), 4)
    # The "not" of "would not say whether" leaves open, it negates nothing (both sides leaving it
    # open agree).
    said, told = reported(_OPEN.sub(" ", claim.claim)), reported(_OPEN.sub(" ", passage.text))
    theirs, mine = _negating(told, said), _negating(said, told)
    if story and (theirs is None) != (mine is None):
        theirs, mine = _negating(told, said, story), _negating(said, told, story)
    # A word of refusing on the other side says no too, and the two agree. Alone it decides nothing:
    # "denies taking selfie" against "insists reports she took a selfie are not true" (FNC-1).
    if (theirs is None) != (mine is None) and (
        _said_no(claim.claim, theirs) if theirs else _said_no(passage.text, mine or "")
    ):
        theirs = mine = None
    note: str | None = None
    if _QUESTION.search(passage.text) or told.rstrip(" \"'\u201d\u2019").endswith("?"):
        label, note = StanceLabel.not_mentioned, "the source only asks it"
    elif (found := _left_open(passage.text, claim.claim)) and not _left_open(claim.claim, passage.text):
        label, note = StanceLabel.not_mentioned, f"the source leaves it open: {found}"
    elif (found := _left_open(claim.claim, passage.text)) and not _left_open(passage.text, claim.claim):
        # "WH won't say if Foley family was threatened" is about the silence, which a source
        # stating (or denying) the threat does not report.
        label, note = StanceLabel.not_mentioned, f"the claim leaves it open: {found}"
    elif rejected := _REJECTED.search(passage.text):
        label, note = StanceLabel.contradicts, f"the source reports it rejected: {rejected.group(0).lower()}"
    elif (theirs is None) != (mine is None):
        label, note = StanceLabel.contradicts, f"one side says it negated: {theirs or mine}"
    else:
        label = StanceLabel.supports
    return SourceStance(
        doc_id=doc_id, stance=label, evidence=passage, score=score, method="meaning", note=note
    )


def _left_open(text: str, other: str) -> str | None:
    """The phrase of `text` that leaves open something the other text says and `text` says nowhere
    else: what its clause holds around it (the subject of "reports that ... have not been
    confirmed by the Pentagon", what "would not confirm whether" is about), or the clause a "which"
    or "a claim that" refers to. "..., but it declined to say whether the pilot survived" leaves
    open nothing of "US forces shot down a Syrian jet", nor does "whether the jet's pilot survived"
    where the jet is stated before it."""
    wanted = frozenset(terms(other))
    for match in _OPEN.finditer(text):
        end = match.end() + len(_SCOPE_END.split(text[match.end() :], maxsplit=1)[0])
        starts = [0] + [m.end() for m in _SCOPE_END.finditer(text, 0, match.start())]
        begin = starts[-2] if len(starts) > 1 and _REFERRING.match(text, starts[-1]) else starts[-1]
        scope = text[begin : match.start()] + " " + text[match.end() : end]
        if wanted.intersection(terms(scope)) - frozenset(terms(text[:begin] + " " + text[end:])):
            return match.group(0).lower()
    return None


def intended_only(claim: str, passage: str) -> bool:
    """Whether the passage says only that someone means to do what the claim says was done, or the
    other way round: "Russia threatens to shoot down US aircraft" does not state "the coalition shot
    down our jet" (the sentence encoder reads the two as close)."""
    return bool(_INTENDED.search(passage)) != bool(_INTENDED.search(claim))


# A threat or a vow, not the act: "threatens to", "vowed to". (Plans and aims are left out: a
# headline's "Apple to release ..." is a plan too, and with them FNC-1 fell 0.553 -> 0.549.)
_INTENDED = re.compile(r"\b(?:threat(?:en|ens|ened|ening)|vow(?:s|ed|ing)?)\s+to\b", re.IGNORECASE)


def _negating(text: str, other: str, story: frozenset[str] = frozenset()) -> str | None:
    """The negation in `text` whose clause goes on with words the other text says, in the same
    words ("students not among the dead in the mass grave" for "the mass grave holds the
    students"), or the word it negates first in another inflection ("did not adopt" for "adopted"):
    a negation of another clause ("they will not be deterred in fighting") or an idiom ("not far
    from", "no fewer than") negates nothing the other says."""
    said = [t for t in terms(other) if t not in story]
    wanted, stems = frozenset(said), frozenset(stem(t) for t in said)
    matches = list(DENYING.finditer(text))
    cancelled: set[int] = set()
    for n, match in enumerate(matches):
        if n in cancelled or _IDIOM.match(text, match.start()):
            continue
        clause, rest = [*_CLAUSE_END.split(text[match.end() :], maxsplit=1), ""][:2]
        negated = terms(clause)[:_NEGATED_WORDS]
        inner = next(
            (k for k in range(n + 1, len(matches)) if matches[k].start() < match.end() + len(clause)), None
        )
        if inner is not None and match.group(0).lower() != "no" and _SAYING.match(text, match.end()):
            # "I wasn't suggesting the president's not a Christian": disowning a negative is no
            # negation of the fact, and the inner one is not the speaker's.
            cancelled.add(inner)
            continue
        if _corrected(text[: match.start()], clause, rest, wanted):
            continue
        # A name is who or what the negated act is about, not the act: "will not negotiate with
        # Mr. Trump" says nothing against "Trump put forth a proposal" (in a title-case headline
        # every word looks like a name, and none is taken for one).
        names = _names(clause, text)
        # The verb "not", "never" or "n't" negates, past an adverb ("didn't actually adopt"); "no"
        # negates a noun ("no arrests on Friday" says nothing against "arrested on Saturday").
        head = next((t for t in negated if t not in _ADVERBS), None)
        negates_verb = match.group(0).lower() != "no"
        if (frozenset(negated) - names) & wanted or (
            negates_verb and head is not None and stem(head) in stems
        ):
            return " ".join([match.group(0).lower(), *negated])
    return None


def _corrected(before: str, clause: str, rest: str, wanted: frozenset[str]) -> bool:
    """The negation is corrected by the next clause, which says what it negated of something else,
    and the other text says that of the same thing: "That is not the objective, man is the
    objective" states "Man is the objective" (but negates "that is the objective", and "it was not
    shot down by the US, it was shot down by Russia" still negates "shot down by the US")."""
    following = frozenset(terms(_CLAUSE_END.split(rest, maxsplit=1)[0]))
    shared = frozenset(terms(clause)[:_NEGATED_WORDS]) & wanted
    told = wanted & following - frozenset(terms(clause)) - frozenset(terms(before))
    return bool(shared) and shared <= following and bool(told)


def _said_no(text: str, negation: str) -> bool:
    """A word of refusing in `text` that goes on, in its clause, to the words the other side's
    `negation` ("not shot", as `_negating` gives it) negates: "Damascus denied that the jet was shot
    down", "defended his criticism of a requirement ... to cover prenatal testing" say no to them
    as "not" does. Not when the refusal is itself what is negated ("Iran rejected the deal" against
    "Iran did not reject the deal"). ("Failing to attend" is "missing": failing is left out.)"""
    stems = {_root(t) for t in negation.split()[1:]}
    for match in _OPPOSING.finditer(text):
        if _root(match.group(0).split()[0].lower()) in stems:
            continue
        before = _CLAUSE_END.split(text[: match.start()])[-1].split()[-_NEGATED_REACH:]
        if DENYING.search(" ".join(before)):
            continue  # "there is no denying that", "did not publicly reject": no refusal
        if match.group(0).lower().endswith(("ing", "ed")) and _DETERMINER.search(text, 0, match.start()):
            continue  # "the opposing UK-based Syrian Observatory": a description
        clause = _CLAUSE_END.split(text[match.end() :], maxsplit=1)[0]
        following = terms(clause)[:_NEGATED_WORDS]
        # Whom it refuses is not what: "denied the US claims" says nothing against "US jets struck".
        names = _names(clause, text)
        if any(_root(t) in stems for t in following if t not in names):
            return True
    return False


def _root(word: str) -> str:
    """`stem`, and a noun in "-ment" meets its verb: "a requirement" is what "be required" says."""
    return stem(word[:-4] if word.endswith("ment") and len(word) > 8 else word)


def _names(clause: str, text: str) -> set[str]:
    """The content words of the clause written with a capital, unless most words of the whole text
    are (a title-case headline)."""
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    if not words or sum(w[0].isupper() for w in words) * 2 > len(words):
        return set()
    return {t for w in re.findall(r"[^\W\d_][\w'-]*", clause) if w[0].isupper() for t in terms(w)}


# A question anywhere in the passage, quoted ("'Did US forces shoot it down?' the reporter asked").
_QUESTION = re.compile(r"\?\s*[\"\u201d\u2019']")
# The source says it does not know: neither states nor denies it. ("cannot" is "can" + "not".)
_NOT = (
    r"(?:(?:would|could|did|does|do|can|will|has|have|had)(?:\s+not|not|n['\u2019]t)"
    r"|won['\u2019]t|can['\u2019]t)"
)
_DECLINED = r"(?:declin|refus)(?:e|es|ed|ing)\s+to"
_ADVERB = r"(?:\s+(?:immediately|independently|publicly|yet|even))?"
_OPEN = re.compile(
    r"\b(?:(?:not|never|(?:is|was|are|were)n['\u2019]t)\s+(?:immediately\s+|yet\s+)?(?:clear|known)|unclear)"
    r"\s+(?:whether|if)\b"
    rf"|\b(?:{_NOT}|{_DECLINED}){_ADVERB}\s+(?:confirm|verify)\b"
    r"|\b(?:not|never)\s+(?:been\s+|be\s+)?(?:independently\s+)?(?:confirmed|verified)\b"
    r"|\bneither\s+confirm(?:s|ed|ing)?\s+nor\s+den(?:y|ies|ied|ying)\b"
    # "won't say if", "declined to say whether": a source keeping silent on it.
    rf"|\b(?:{_NOT}|{_DECLINED}){_ADVERB}\s+(?:say|said|comment\s+on|disclose|reveal|discuss)"
    r"(?:\s+publicly)?\s+(?:whether|if)\b",
    re.IGNORECASE,
)
# Where what a phrase leaves open ends ("whether" goes on with it), and a clause that refers to the
# one before it (", which could not be independently verified").
_SCOPE_END = re.compile(r"[,;:()]|\b(?:but|though|although|while|because|despite)\b", re.IGNORECASE)
_REFERRING = re.compile(r"\s*(?:which|what|an?\s+(?:claim|report|allegation|account))\b", re.IGNORECASE)
# Someone rejects the reports the passage goes on to repeat.
_REJECTED = re.compile(
    r"\b(?:dismiss|dismissed|dismisses|reject|rejected|rejects|refuted)\s+(?:the\s+|these\s+|those\s+)?"
    r"(?:reports?|claims?|allegations?|accusations?|rumou?rs?)\b",
    re.IGNORECASE,
)
# Negations that negate nothing: "not only", "not far from", "no fewer than", "no denying", "No. 10".
_IDIOM = re.compile(
    r"(?:not\s+(?:only|far|long|yet|least|just|merely|until)|no\s+(?:fewer|less|more|longer|doubt|denying|sooner)"
    r"|no\.\s*\d)\b",
    re.IGNORECASE,
)
# Where the negated clause ends.
_CLAUSE_END = re.compile(
    r"[,;:()]|\b(?:but|though|although|whether|why|while|because|despite)\b", re.IGNORECASE
)
# Adverbs between a negation and the verb it negates.
_ADVERBS = frozenset(
    [
        "actually",
        "really",
        "even",
        "ever",
        "necessarily",
        "personally",
        "officially",
        "literally",
        "exactly",
        "always",
    ]
)
# Content words after "not" that it negates.
_NEGATED_WORDS = 3
# A verb of saying or thinking right after a negation: what follows is what someone did not say.
_SAYING = re.compile(
    r"\s+(?:(?:be|been|being)\s+)?(?:say|said|saying|suggest\w*|think\w*|thought|believ\w*|mean|meant|meaning"
    r"|impl(?:y|ies|ied|ying)|claim\w*|argu\w*|assert\w*|insinuat\w*)\b",
    re.IGNORECASE,
)
# How many words before a word of refusing, in its clause, a negation reaches it: "no denying",
# "never publicly disputed".
_NEGATED_REACH = 3
_DETERMINER = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
# Words that say no to what follows them as "not" does. Not the people ("critics said",
# "opponents"): they are who speaks, not what they say.
_OPPOSING = re.compile(
    r"\b(?:criticism\s+of|critical\s+of|criticiz(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)|oppos(?:e|es|ed|ing)"
    r"|opposition\s+to"
    r"|object(?:s|ed|ing|ions?)?\s+to|reject(?:s|ed|ing|ion\s+of)?|refus(?:e|es|ed|ing|al)"
    r"|den(?:y|ies|ied|ying|ial\s+of)|disput(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)
