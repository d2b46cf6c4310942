"""Which sentences of a source call a claim's story false: the words that only call a story false
count in a sentence sharing none of the claim's words where the source tells the story."""

from __future__ import annotations

import pytest

from pipeline.check import SentenceIndex, source_cues
from pipeline.check.cue_words import HEDGE
from pipeline.ingest import make_document
from pipeline.settings import Settings

SETTINGS = Settings()
CLAIM = "A satellite picture shows a giant crab lurking off the Kent coast."
TOLD = "A satellite picture appears to show a giant crab lurking off the Kent coast."
FILLER = [
    "Visitors flocked to Whitstable harbour on Monday.",
    "The council opened a new car park there last year.",
    "Traffic on the seafront was slow all afternoon.",
]


def denial_words(sentences: list[str], claim: str = CLAIM, claimer: str | None = None) -> tuple[str, ...]:
    index = SentenceIndex(make_document("\n".join(sentences), "s.txt"), SETTINGS)
    return source_cues(claim, index, SETTINGS, claimer).denial.words


@pytest.mark.parametrize(
    ("sentences", "words"),
    [
        # Next to the sentence telling the story, after it or before it.
        ([*FILLER, TOLD, "Unfortunately, I think this is a hoax."], ("hoax",)),
        ([*FILLER, "Experts say the picture was doctored.", TOLD, *FILLER], ("doctored",)),
        # In the source's first three sentences; not in its fourth, away from the story.
        (["The whole thing is fake.", *FILLER, *FILLER, TOLD], ("fake",)),
        ([FILLER[0], FILLER[1], "The whole thing is fake.", *FILLER, TOLD], ("fake",)),
        ([*FILLER, "The whole thing is fake.", *FILLER, TOLD], ()),
        # Far from it in the body, a hoax is something else's.
        ([*FILLER, TOLD, *FILLER, "Residents called talk of a new bypass a hoax."], ()),
        # Not negated, not asked, not a party's account of accusations against it.
        (["Experts say it isn\u2019t a hoax.", TOLD], ()),
        (["It has not been debunked.", TOLD], ()),
        (["Is this a hoax?", TOLD], ()),
        (["The council denied it and described the reports as fabricated.", TOLD], ()),
        # Plain "not true" is a verdict.
        (["Well, luckily this one is not true at all.", TOLD], ("not true",)),
        # "Satirical" and "prank" also name a genre.
        (["The satirical magazine ran a cover on it.", TOLD], ()),
    ],
)
def test_a_sentence_calling_the_story_false_counts_where_the_source_tells_it(
    sentences: list[str], words: tuple[str, ...]
) -> None:
    assert denial_words(sentences) == words


def test_a_word_the_claim_uses_or_the_claimers_own_denial_is_no_verdict() -> None:
    hoax = "Police arrested a man over a hoax bomb call in the Kent coast town."
    told = "Police arrested a man in the Kent coast town over a bomb call."
    assert denial_words([*FILLER, told, "He said the hoax was a stupid joke."], claim=hoax) == ()
    # The claimer denying, then "they" going on: still the claimer's own account.
    claim = "Kent police stated that the crab picture was taken off the Kent coast."
    sentences = [
        *FILLER,
        "Kent police denied the crab picture was taken off the Kent coast, stating it came from Japan.",
        "The whole story is fabricated, they added.",
    ]
    assert denial_words(sentences, claim=claim, claimer="Kent police") == ()
    assert denial_words(sentences, claim=claim) != ()


def test_a_participle_denial_is_its_sentences_speakers() -> None:
    said = "Santorum said he never questioned the president's faith."
    denial = (
        '"I have repeatedly said I do not question the president\'s faith," Santorum told host Bob '
        "Schieffer, denying what some have said was a signal that Santorum doubted the president's faith."
    )
    assert denial_words([denial], claim=said, claimer="Santorum") == ()
    assert denial_words([denial], claim=said, claimer="Gibbs") == ("denying",)


def test_words_every_source_of_the_story_uses_are_not_shared_with_the_claim() -> None:
    # In a corpus about Santorum's remarks every sentence names him and the president: his
    # denial of one reading does not deny what the claim says of his health-care criticism.
    claim = "Santorum defended his criticism of the president's rule on prenatal testing."
    denial = "Santorum told reporters on Sunday, denying that he had questioned the president's faith."
    index = SentenceIndex(make_document(denial, "s.txt"), SETTINGS)
    assert source_cues(claim, index, SETTINGS).denial.words == ("denying",)
    story = frozenset({"santorum", "president"})
    assert source_cues(claim, index, SETTINGS, story=story).denial.words == ()


def test_a_partys_word_beside_the_story_is_not_the_sources_verdict_on_an_articles_claim() -> None:
    # The claim is one fact of an article; the senator quoted beside it is one of the story's parties.
    claim = "The proposal does not include a permanent solution for the Dreamers."
    told = "Democrats said the proposal offered no permanent protection for the Dreamers."
    quoted = (
        "\u201cIt is simply more fake promises,\u201d Senator Richard Blumenthal, Democrat of Connecticut, "
        "said."
    )
    index = SentenceIndex(make_document("\n".join([*FILLER, told, quoted]), "s.txt"), SETTINGS)
    assert source_cues(claim, index, SETTINGS).denial.words == ("fake",)  # a headline against a body
    assert source_cues(claim, index, SETTINGS, in_article=True).denial.words == ()
    # The source's own voice still counts.
    own = "Unfortunately, it is all a hoax."
    index = SentenceIndex(make_document("\n".join([*FILLER, told, own]), "s.txt"), SETTINGS)
    assert source_cues(claim, index, SETTINGS, in_article=True).denial.words == ("hoax",)


def test_an_articles_claim_is_denied_only_by_a_sentence_that_says_most_of_it() -> None:
    # An article calling a party's statements misleading does not deny every fact of its story.
    claim = "Mr. Blumenthal obtained at least five military deferments from 1965 to 1970."
    striking = (
        "What is striking is the contrast between the deferments he obtained and the misleading way "
        "he speaks about that period."
    )
    index = SentenceIndex(make_document("\n".join([*FILLER, striking]), "s.txt"), SETTINGS)
    assert source_cues(claim, index, SETTINGS).denial.words == ("misleading",)  # a headline, a body
    assert source_cues(claim, index, SETTINGS, in_article=True).denial.words == ()
    # Said of the claim itself, it is a verdict on it.
    said = "That Mr. Blumenthal obtained five military deferments from 1965 to 1970 is untrue."
    index = SentenceIndex(make_document("\n".join([*FILLER, said]), "s.txt"), SETTINGS)
    assert source_cues(claim, index, SETTINGS, in_article=True).denial.words == ("untrue",)


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("They may attack again; it may, or may not, happen.", 3),
        ("iOS 8.2 may launch Monday, and this may be the day.", 2),
        ("Apple May Or May Not Hold An Event", 2),
        ("ISIS EXECUTIONER MAY HAVE BEEN WOUNDED", 1),
        # The month: next to a day or a year, after a word that dates, or mid-sentence as "May".
        ("In May 2016 more than 300 people were killed; on May 8, 2017, more.", 0),
        ("Talks began on 27 May and resumed in mid-May, at May peace talks.", 0),
        ("It changed from May, when sales fell, to a May hearing, in April and May alone.", 0),
        ("since may the toll rose", 0),
        # A name before a comma.
        ("The shooter, Myron May, was an alumnus.", 0),
    ],
)
def test_may_hedges_as_the_modal_not_as_the_month(text: str, hedges: int) -> None:
    assert len(HEDGE.findall(text)) == hedges


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("The regime claims the rebels used gas; they claimed the attack was an airstrike.", 2),
        ("State media claimed 49 opposition fighters were killed.", 1),
        # A toll's fate or a responsibility is no claim.
        ("The attack claimed the lives of 30; shells claim 9 civilians in Aleppo.", 0),
        ("Strikes have claimed hundreds of civilian lives, claiming the life of a woman.", 0),
        (
            "IS claimed responsibility for the blast claimed by DAESH; no claim of responsibility came.",
            0,
        ),
        ("The group has claimed previous bombings in the city.", 0),
    ],
)
def test_claim_hedges_as_a_claim_not_as_a_tolls_fate(text: str, hedges: int) -> None:
    assert len(HEDGE.findall(text)) == hedges
