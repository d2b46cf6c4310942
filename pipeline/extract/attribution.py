"""Who asserts a sentence, read from the sentence itself: the source it is attributed to ("..., the
ministry said", "according to X", "X said that ...") or, with no attribution, the outlet.

The model's claimer was usually the sentence's grammatical subject, not who makes the statement (an
independent reading of the seed verdicts found it right for a third of claims), and a claimer is a
fact the reader is shown: it is taken from the text, never invented. The model's answer is used
only to name whom a pronoun ("he said") stands for, and only when the article mentions it."""

from __future__ import annotations

import re
from itertools import pairwise

from pipeline.text import UNNAMED_PARTY, terms

# Verbs of saying, in the forms news uses for attribution. Forms that are also nouns ("states",
# "reports", "claims", "state") are verbs only after a comma, at the end ("..., the ministry states.");
# at the start they would cut "The United States said" or "Unconfirmed reports said" short.
_VERBS = (
    "said|says|say|told|tells|stated|announced|announces|claimed|reported|added|adds|confirmed|"
    "confirms|denied|denies|accused|accuses|warned|warns|insisted|insists|alleged|alleges|explained|"
    "explains|wrote|writes|noted|tweeted|tweets|declared|declares|argued|argues|acknowledged|"
    "acknowledges|admitted|admits|revealed|reveals|asserted|asserts|estimated|quoted|urged|urges|"
    # the plural present: "officials deny", "US officials then claim"
    "deny|confirm|insist|warn|accuse|allege|announce|admit|reveal|argue"
)
_HOMOGRAPHS = "states|claims|reports|notes|estimates|quotes|claim|report|state|add"
# "..., the statement read.": a verb of saying only at the end of a sentence.
_SPEECH = f"{_VERBS}|{_HOMOGRAPHS}|read|reads"
_ACCORDING = re.compile(r"\baccording to (?P<who>[^,.;:!?()]+)", re.IGNORECASE)
# "..., the coalition statement said." / "..., said the ministry." / "..., he told Reuters."
_TRAILING = re.compile(
    rf",[\"\u201d\u2019]?\s*(?:(?P<who>[^,;:\"“”]{{2,80}}?)\s+(?:{_SPEECH})(?:\s+(?-i:[A-Z])[\w.]*(?:\s+(?-i:[A-Z])[\w.]*)*)?"
    rf"|(?:{_SPEECH})\s+(?P<who2>(?:the\s|a\s|an\s|(?-i:[A-Z]))[^,;:\"“”]{{1,80}}?)"
    # "..., Senator Richard Blumenthal, Democrat of Connecticut, said.": a name, its appositive.
    rf"|(?P<who3>(?-i:[A-Z])[^,;:\"“”]{{1,60}}?),\s+[^,;:\"“”]{{1,60}}?,\s+(?:{_SPEECH}))"
    r"(?:\s+(?:on|in|late|early|last)\s+[\w-]+(?:\s+\w+)?)?"
    r"(?:\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|earlier|later))?"
    r"\s*[.!]?[\"\u201d\u2019]?\s*$",
    re.IGNORECASE,
)
# "..., the coalition said, adding that ...": the speaker of what comes before and after.
_MIDDLE = re.compile(
    rf",[\"\u201d\u2019]?\s*(?P<who>[^,;:\"“”]{{2,80}}?)\s+(?:{_VERBS}),\s+"
    r"(?:adding|noting|saying|explaining|stressing|insisting|warning)\b",
    re.IGNORECASE,
)
# "X said (that) ..." with an optional lead-in ("On Sunday, X said ...").
# An appositive between the speaker and the verb is not part of the name ("Gen. Joseph Dunford,
# chairman of the Joint Chiefs of Staff, said ..."; "Mr Smith, 45, said ...").
_LEADING = re.compile(
    rf"^(?:[^,;:\"“”]{{0,80}},\s*)??(?P<who>[^,;:\"“”]{{1,80}}?)(?:,\s+[^,;:\"“”]{{1,60}},)?\s+"
    rf"(?:has\s+|have\s+|had\s+)?(?:{_VERBS})\b",
    re.IGNORECASE,
)
# "US officials then claim that ...", "washington claims it was ...": a noun-like verb of saying is
# a verb when "that" or a subject pronoun follows it.
_LEADING_HOMOGRAPH = re.compile(
    rf"^(?:[^,;:\"“”]{{0,50}},\s*)??(?P<who>[^,;:\"“”]{{1,80}}?)\s+(?:{_HOMOGRAPHS})\s+(?:that|it|he|she|they|we)\b",
    re.IGNORECASE,
)
# "Lavrov issued this statement: we call on ..."
_STATEMENT_COLON = re.compile(
    r"^(?P<who>[^,;:\"“”]{1,80}?)\s+(?:issued|issues|issue|released|made|gave)\s+"
    r"(?:this|the following|a|the)\s+statement\s*:",
    re.IGNORECASE,
)
# "X condemned the attack, branding it an act of aggression": the words are X's. Alone, "condemned"
# also sentences ("A court condemned three men to death") and "branded" labels goods.
_CONDEMNED = re.compile(
    r"^(?:[^,;:\"“”]{0,50},\s*)??(?P<who>[^,;:\"“”]{1,80}?)\s+(?:condemned|condemns|denounced|denounces)\s+"
    r"[^,;:\"“”]{2,80},\s+(?:branding|calling|describing|labell?ing|terming)\b",
    re.IGNORECASE,
)
# An embedded tweet: its text, then "— Author (@handle) June 18, 2017"; the text may relay a party
# ("#Syria army: #US-led coalition shoots down one of our jets ..."), whose words they are.
_TWEET = re.compile(
    r"^(?:#?(?P<who>[\w'. -]{2,40}?):\s+)?(?P<body>.+?)\s+[\u2014\u2013-]+\s+"
    r"(?P<author>[^()\u2014\u2013]{2,60}?)\s+\(@\w{1,15}\)\s+(?-i:[A-Z])[a-z]+\.?\s+\d{1,2},\s+\d{4}\s*$",
    re.IGNORECASE,
)
# Words in quotation marks that no one is said to have spoken are someone's, not the outlet's.
_QUOTED = re.compile(r"^\s*[\"“]")
_PASSIVE = re.compile(r"\b(?:is|was|were|are|be|been|being|to|not)$", re.IGNORECASE)
# "a statement released by Damascus" speaks for Damascus.
_STATEMENT_BY = re.compile(
    r"^(?:a|an|the)\s+(?:\w+\s+)?(?:statement|report|communiqu[eé]|release)\s+(?:(?:released|issued|posted|"
    r"published)\s+)?(?:by|from)\s+",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\s+(?:which|who|whose|that)\s.*$", re.IGNORECASE)
# A clause, not a name: "The claims were not true and the report ..." is no one's attribution.
_FINITE = re.compile(r"\b(?:is|was|were|are|has|had|have|will|would|can|could|did|does|do)\b", re.IGNORECASE)
_ADVERB = re.compile(
    r"\s+(?:then|also|now|later|earlier|again|too|yesterday|today|previously)$", re.IGNORECASE
)
# Not a party: a clause ("and the ministry", "which the army"), no one ("Nobody", "No group"), or a
# title cut at its full stop ("according to Gen. Mark Milley" -> "Gen").
_NOT_A_PARTY = re.compile(
    r"^(?:and|but|or|as|which|while|when|because|although|though|if|so|a claim|no|nobody|none|once|despite"
    r"|amid|into|over|after|before)\b"
    r"|\b(?:gen|dr|mr|mrs|ms|col|lt|sgt|rep|sen|gov|prof|st|capt|maj|adm)$"
    # a speaker cut before its noun: "An inquiry into [claims that]", "Residents dismissed the [claims]"
    r"|\b(?:the|a|an|into|of|about|over|on|in|to|for|with|despite|amid|its|their|his|her)$",
    re.IGNORECASE,
)
_PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it", "his", "her", "their", "its"])
OWN_VOICE_CLAIMER = "the outlet"


def attributed_to(sentence: str, max_words: int) -> str | None:
    """The words naming whom the sentence attributes its statement to; None: the outlet's own voice.

    A pronoun comes back as it is written ("he"), for the caller to resolve."""
    found = _attribution(" ".join(sentence.split()), max_words)
    return None if found is None else found[0]


def reported(sentence: str, max_words: int = 8) -> str:
    """What the sentence reports, without who it says reports it: "The army said the attack came
    as it advanced" -> "the attack came as it advanced"; the whole sentence when no one is named.
    Only the party's words are set aside here, so it may be longer than a claimer (`max_words`)."""
    text = " ".join(sentence.split())
    found = _attribution(text, max_words)
    if found is None:
        return text
    _, pattern, match = found
    if pattern is _TWEET:
        rest = match.group("body")
    elif pattern in (_TRAILING, _MIDDLE):
        rest = text[: match.start()]
    elif pattern is _ACCORDING:
        rest = text[: match.start()] + text[match.end() :]
    elif pattern is _CONDEMNED:
        rest = text[match.end("who") :]  # "condemned the attack, branding it ..." is what X says
    else:
        rest = _THAT.sub("", text[match.end() :])
    rest = rest.strip(" ,;:'\"\u201c\u201d\u2019")
    # An attribution that is most of the sentence leaves too little to say anything.
    return rest if len(rest.split()) >= 3 else text


def _attribution(text: str, max_words: int) -> tuple[str, re.Pattern[str], re.Match[str]] | None:
    # An embedded tweet is its author's, or the party it relays.
    tweet = _TWEET.match(text)
    if tweet is not None:
        who = _clean(tweet.group("who") or tweet.group("author"))
        if terms(who) and len(who.split()) <= max_words:
            return who, _TWEET, tweet
    # An explicit "..., X said" or "X said ..." names the speaker of the whole sentence; "according
    # to" may name a plan or a figure inside it, so it comes last.
    for pattern in (
        _TRAILING,
        _MIDDLE,
        _LEADING,
        _LEADING_HOMOGRAPH,
        _STATEMENT_COLON,
        _CONDEMNED,
        _ACCORDING,
    ):
        for match in pattern.finditer(text):
            found = match.groupdict()
            raw = (found.get("who") or found.get("who2") or found.get("who3") or "").strip(
                " .,'\"\u201c\u201d\u2019"
            )
            if _NOT_A_PARTY.search(raw) or _FINITE.search(_RELATIVE.sub("", raw)) or _PASSIVE.search(raw):
                continue
            who = _clean(raw)
            if (terms(who) and len(who.split()) <= max_words) or is_pronoun(who):
                return who, pattern, match
    return None


_THAT = re.compile(r"^\s*(?:that\b|:)?", re.IGNORECASE)


def _clean(who: str) -> str:
    who = _RELATIVE.sub("", who.strip(" .,'\"\u201c\u201d\u2019"))
    return _ADVERB.sub("", _STATEMENT_BY.sub("", who)).strip()


def is_quotation(sentence: str) -> bool:
    """Whether the sentence is words in quotation marks: it opens with one and the quotation runs
    over most of it ("“Operation Sunrise” began on Monday" only names something)."""
    opened = _QUOTED.match(sentence)
    if not opened:
        return False
    close = max(sentence.find("\u201d", opened.end()), sentence.find('"', opened.end()))
    text = sentence.strip()
    return close < 0 or close >= 0.6 * len(text)


def is_pronoun(who: str) -> bool:
    return who.lower() in _PRONOUNS


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
        if before is not None and after is not None and before.lower() == after.lower():
            return before
        return None
    return _resolved(sentences, i, who, max_words)


def _quotation_speaker(sentences: list[str], i: int, max_words: int) -> str | None:
    """The speaker of a quotation that runs on into the i-th sentence: an earlier sentence opened it
    and left it open ('He added: “My starting point is not to worry about the politics.' /
    'My starting point is to focus on what works.”'), its speaker named there or, when the
    sentence opening it names no one, where it closes ('… enough is enough.”, said Senor'); or a
    statement introduced by a colon and carried on in its speaker's first person ('lavrov issue this
    statement : we call on the united state …' / 'zones of de-escalation are one of the options
    …' / 'we call on everyone …', an article whose quotation marks were lost)."""
    for j in range(i - 1, max(i - 1 - _QUOTATION_REACH, -1), -1):
        marks = _quote_marks(sentences[j])
        if marks and marks[-1] == "close":
            return None  # the quotation before it closed before this sentence
        if marks and marks[-1] == "open":
            return _speaker_of_quotation(sentences, j, i, max_words) if _closes_on(sentences, i) else None
        if attributed_to(sentences[j], max_words) is not None:
            return _colon_statement(sentences, j, i, max_words)
    return None


def _closes_on(sentences: list[str], i: int) -> bool:
    """Whether the quotation left open before the i-th sentence goes on there: the next quotation
    mark closes it (or the sentence reopens it, as a quotation running over paragraphs does). A
    quotation never closed ("... God help us." and then the outlet's narration) ended unmarked."""
    if _QUOTED.match(sentences[i]):
        return True
    for k in range(i, min(i + _QUOTATION_REACH + 1, len(sentences))):
        marks = _quote_marks(sentences[k])
        if marks:
            return marks[0] == "close"
    return False


def _speaker_of_quotation(sentences: list[str], opened: int, i: int, max_words: int) -> str | None:
    who = attributed_to(sentences[opened], max_words)
    if who is not None and _FIRST_PERSON.match(who):
        return None  # words of the quotation read as its speaker ("I disagree with what she said")
    if who is not None:
        return who if _names_someone(who) else _resolved(sentences, opened, who, max_words)
    # Opened with no speaker: the one named where it closes, a few sentences on.
    for k in range(i, min(i + _QUOTATION_REACH + 1, len(sentences))):
        if "close" in _quote_marks(sentences[k]):
            after = attributed_to(sentences[k], max_words)
            return after if after is not None and _names_someone(after) else None
    return None


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
