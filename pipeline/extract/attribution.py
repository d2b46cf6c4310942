"""Who asserts a sentence, read from the sentence itself: the source it is attributed to ("..., the
ministry said", "according to X", "X said that ...") or, with no attribution, the outlet.

The model's claimer was usually the sentence's grammatical subject, not who makes the statement (an
independent reading of the seed verdicts found it right for a third of claims), and a claimer is a
fact the reader is shown: it is taken from the text, never invented. The model's answer is used
only to name whom a pronoun ("he said") stands for, and only when the article mentions it."""

from __future__ import annotations

import re

from pipeline.extract.speaker_name import DAYS, PRONOUNS, RELATIVE, speaker_name, without_descriptors
from pipeline.text import terms

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
    # "..., said in a memo released to reporters.", "..., says Perry in the new ad titled "Strong.""
    # "..., said on "Fox News Sunday."", "..., Murray said of Cowan."
    r"(?:\s+(?:on|in|late|early|last|at|during|to|of)\s+(?:[^,;:\"\u201c\u201d]{1,60}?|[^,;:\"\u201c\u201d]{0,60}?\s*[\"\u201c][^\"\u201c\u201d]{1,30}[\"\u201d]))?"
    rf"(?:\s+(?:{DAYS}|yesterday|today|earlier|later"
    r"|afterwards?))?"
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
    # "The resolution, first reported by the Kansas City Star, ...": passive, no one speaks.
    rf"(?:(?:has|have|had|also|later|then|again|previously|initially|repeatedly|reportedly)\s+)*"
    rf"(?P<verb>{_VERBS})\b(?!\s+by\b)",
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
# A name as news writes it: capitalised words, with titles, initials and the small words inside
# names ("Democracy for America", "Secretary of State"); or a few words after "the" ("the legislator").
_NAME = (
    r"(?:(?-i:[A-Z])[\w.'\u2019-]*(?:\s+(?:(?-i:[A-Z])[\w.'\u2019-]*|of|for|the|de|al|bin|van|von|del|la))"
    r"{0,6}|the\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})"
)
# A quotation's speaker after it, with what comes after the verb: "“…,” Mr. Farenthold said in a
# statement on Friday, thanking his staff", "“…,” said Jeri Thompson, advisory board member for
# Secure America Now.", "“…,” he added, then flashed twin V-for-victory signs".
_QUOTE_THEN_SPEAKER = re.compile(
    rf"[,?!.][\"\u201d]\s+(?:(?P<who>{_NAME}|he|she|they|we|i|it)(?:,\s+[^\"\u201c\u201d]{{1,120}}?,)?\s+"
    rf"(?:also\s+|later\s+|then\s+)?(?:{_VERBS}|complained|replied|responded|conceded|recalled|boasted)\b"
    rf"|(?:{_VERBS}|complained|replied|responded|conceded|recalled|boasted)\s+"
    # "said Reid on the Senate floor", "said the statement from Grimm's attorney, William McGinley."
    rf"(?P<who2>(?:the|a|an)\s+[^,;:\"\u201c\u201d]{{1,60}}?|{_NAME})"
    rf"(?=\s*[,(]|\s+(?:on|in|at|to|of|during|after|before|under)\b|[.!]?[\"\u201d\u2019]?\s*$))",
    re.IGNORECASE,
)
# A named speaker after a long lead-in, which may hold quotation marks and commas: "In a Tuesday
# appearance on "The Late Show with Stephen Colbert," House Minority Leader Nancy Pelosi, D-Calif.,
# said ...", "At a news conference on Monday, exactly one month after the massacre in Newtown,
# Conn., Mr. Obama said ...".
_NAMED_AFTER_LEAD_IN = re.compile(
    rf"^[^;:]{{3,160}}?,[\"\u201d]?\s+(?P<who>(?![DRI]-)(?-i:[A-Z])[\w.'\u2019-]*(?:\s+(?-i:[A-Z])[\w.'\u2019-]*){{0,5}})"
    # one or two appositives: "Rep. Bobby Scott, D-Va., one of the nine lawmakers to vote against it,"
    rf"(?:(?:,\s+[^,;:\"\u201c\u201d]{{1,60}}){{1,2}},)?\s+(?:(?:also|later|then|has|had)\s+)?(?P<verb>{_VERBS})\b(?!\s+by\b)",
)
# "This latest ad ends with Perry claiming, "faith made America strong."": a named speaker's
# words in quotation marks after a participle of saying.
_CLAIMING = re.compile(
    r"\b(?P<who>(?-i:[A-Z])[\w.'\u2019-]*(?:\s+(?-i:[A-Z])[\w.'\u2019-]*){0,4})\s+"
    r"(?:claiming|saying|insisting|arguing|declaring|adding|noting|warning|writing)\s*[,:]?\s*[\"\u201c]"
)
_AFTER_PREPOSITION = re.compile(r"\b(?:to|at|for)\s*$", re.IGNORECASE)
# Words in quotation marks that no one is said to have spoken are someone's, not the outlet's.
OPENS_QUOTE = re.compile(r"^\s*[\"“]")
# A speaker that is not one: passive or negated ("it doesn't [say]", "we never [said]").
_PASSIVE = re.compile(
    r"\b(?:is|was|were|are|be|been|being|to|not|never|do|does|did|\w+n['\u2019]t|cant|dont|doesnt|didnt|wont)$",
    re.IGNORECASE,
)
# "..., along with other leading state Republicans.": a noun-like verb of saying before a name is
# the noun ("state Republicans"), not the verb.
_HOMOGRAPH_NOUN = re.compile(rf"\b(?:{_HOMOGRAPHS})\s+(?:(?-i:[A-Z])|(?:to|of|for|from|by)\b)")
# A clause, not a name: "The claims were not true and the report ..." is no one's attribution.
_FINITE = re.compile(r"\b(?:is|was|were|are|has|had|have|will|would|can|could|did|does|do)\b", re.IGNORECASE)
# Not a party: a clause ("and the ministry", "which the army"), no one ("Nobody", "No group"), or a
# title cut at its full stop ("according to Gen. Mark Milley" -> "Gen").
_NOT_A_PARTY = re.compile(
    r"^(?:and|but|or|as|which|while|when|because|although|though|if|so|a claim|no|nobody|none|neither|once"
    r"|despite|amid|into|over|after|before"
    # "..., according to multiple reports.", "..., saying they confirmed ...": no speaker's name
    r"|according|saying|adding|noting)\b"
    r"|\b(?:gen|dr|mr|mrs|ms|col|lt|sgt|rep|sen|gov|prof|st|capt|maj|adm)$"
    # a speaker cut before its noun: "An inquiry into [claims that]", "Residents dismissed the [claims]"
    r"|\b(?:the|a|an|into|of|about|over|on|in|to|for|with|despite|amid|its|their|his|her)$",
    re.IGNORECASE,
)
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
    elif pattern in (_TRAILING, _MIDDLE, _QUOTE_THEN_SPEAKER):
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
        who = speaker_name(tweet.group("who") or tweet.group("author"))
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
        _QUOTE_THEN_SPEAKER,
        _NAMED_AFTER_LEAD_IN,
        _CLAIMING,
    ):
        for match in pattern.finditer(text):
            found = match.groupdict()
            raw = (found.get("who") or found.get("who2") or found.get("who3") or "").strip(
                " .,'\"\u201c\u201d\u2019"
            )
            if _NOT_A_PARTY.search(raw) or _FINITE.search(RELATIVE.sub("", raw)) or _PASSIVE.search(raw):
                continue
            if pattern is _CLAIMING and _AFTER_PREPOSITION.search(text[: match.start()]):
                continue  # "letters to Congress saying "…"": Congress is who they were written to
            if pattern is _QUOTE_THEN_SPEAKER and not OPENS_QUOTE.match(text):
                continue  # a title in quotation marks ("on "This Week," Sen. McCain said"), not a quotation
            if pattern is _TRAILING and _HOMOGRAPH_NOUN.search(match.group(0)):
                continue
            if pattern is _TRAILING and found.get("who2") and _speaks_first(text, match):
                continue  # "X, a key vote on the court, said the women's argument points ...": X's
            who = speaker_name(raw)
            if _PASSIVE.search(who):
                continue  # "The video content couldnt be [independently confirmed]"
            if len(who.split()) > max_words:
                who = without_descriptors(who)
            if (terms(who) and len(who.split()) <= max_words) or is_pronoun(who):
                return who, pattern, match
    return None


def _speaks_first(text: str, match: re.Match[str]) -> bool:
    """Whether the verb of an inverted "..., said X." is the verb of a speaker the sentence opens
    with ("Justice Kennedy, often a key vote on the court, said the women's argument points in
    conflicting directions"): then what follows the verb is what was said, not who said it."""
    lead = _LEADING.match(text)
    return lead is not None and match.start() <= lead.start("verb") < match.end()


_THAT = re.compile(r"^\s*(?:that\b|:)?", re.IGNORECASE)


def is_quotation(sentence: str) -> bool:
    """Whether the sentence is words in quotation marks: it opens with one and the quotation runs
    over most of it ("“Operation Sunrise” began on Monday" only names something)."""
    opened = OPENS_QUOTE.match(sentence)
    if not opened:
        return False
    close = max(sentence.find("\u201d", opened.end()), sentence.find('"', opened.end()))
    text = sentence.strip()
    return close < 0 or close >= 0.6 * len(text)


def is_pronoun(who: str) -> bool:
    return who.lower() in PRONOUNS
