from __future__ import annotations

import pytest

from pipeline.extract import attributed_to, claimer_of, reported
from pipeline.extract.extract import claimer_in
from pipeline.extract.speakers import speaker_in_context
from pipeline.ingest import make_document
from pipeline.settings import Settings


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        (
            "More than 40 people have died since the rains began, the health ministry said on Monday.",
            "the health ministry",
        ),
        (
            "Officials in Ankara said on Monday that a drone had struck a convoy near Afrin.",
            "Officials in Ankara",
        ),
        ("On Tuesday, the Kurdish YPG denied that it had lost any men.", "the Kurdish YPG"),
        ("According to the coast guard, 12 fishermen are still missing.", "the coast guard"),
        ("The dam was opened at dawn, said the water authority.", "the water authority"),
        (
            "A statement issued by the regional governor said schools would stay closed.",
            "the regional governor",
        ),
        ("local residents then insist that the river rose two metres overnight .", "local residents"),
        ('"We will not retreat," said Defence Minister Yoav Gallant.', "Defence Minister Yoav Gallant"),
        ("The strike was lawful, he told Reuters.", "he"),
        ("The United States said the strike was lawful.", "The United States"),
        ("Unconfirmed reports said the pilot died.", "Unconfirmed reports"),
        ("The march went according to plan, the general said.", "the general"),
        # Where and how it was said may follow the speaker, a title in quotation marks at the end.
        ('"There was no impropriety," Bauer said in a memo released to reporters.', "Bauer"),
        ('"I will end it," says Perry in the new ad titled "Strong."', "Perry"),
        (
            '"Nazis have no right," Mr. Gingrich said on the program \u201cFox and Friends.\u201d',
            "Mr. Gingrich",
        ),
        # Not where a quotation carries the sentence on: "Steele needs" is no speaker.
        ('DeMint, who said we must win, said Steele needs to "refocus" on the election.', "DeMint"),
        # An appositive is not part of the speaker's name, before the verb or at the end.
        ("Mr Smith, 45, said he saw the crash.", "Mr Smith"),
        (
            "\u201cIt is simply more fake promises,\u201d Senator Richard Blumenthal, Democrat of "
            "Connecticut, said.",
            "Senator Richard Blumenthal",
        ),
        (
            "In the first public comments on the clash, Gen. Joseph Dunford, chairman of the Joint "
            "Chiefs of Staff, said Monday the two sides were talking.",
            "Gen. Joseph Dunford",
        ),
        # Clauses and no one are not parties.
        ("The opposition said the vote was rigged, but the government denied it.", "The opposition"),
        ("Rebels seized the town, which the army says is strategic.", None),
        ("Nobody has claimed the attack.", None),
        ("According to Gen. Mark Milley, the war is far from over.", None),
        ("The city has been hit by floods almost every year since 1998.", None),
        # A passive "is reported" is the outlet hedging, not someone's statement.
        ("A convoy is reported to have been hit near the border.", None),
        # Nouns that look like verbs of saying are not attributions.
        ("The claims were not true and the report was wrong.", None),
        ("The rescue took four hours, he said.", "he"),
        # Noun-like verbs of saying before "that" or a pronoun; a statement introduced by a colon.
        ("us officials then claim that a syrian plane dropped bombs .", "us officials"),
        ("washington claims it was an act of self-defense .", "washington"),
        ("Claims that the dam broke were false.", None),
        (
            "russian foreign minister sergei lavrov issue this statement : we call on everyone .",
            "russian foreign minister sergei lavrov",
        ),
        # "condemned" also sentences and "branded" also labels: not attributions.
        ("A court condemned three men to death on Monday.", None),
        (
            "Earlier, Deputy Foreign Minister Sergey Ryabkov condemned the attack, branding it an act "
            "of aggression.",
            "Deputy Foreign Minister Sergey Ryabkov",
        ),
        # "claims"/"reports" as nouns: the words before them are no speaker.
        ("An inquiry into claims that the minister lied was opened.", None),
        # A speaker in the middle: "..., the coalition said, adding that ..."; a statement that "read".
        ("Jets stopped the advance, the coalition said, adding that it seeks no fight.", "the coalition"),
        ("\u201cThe attack shows their aims,\u201d the statement read.", "the statement"),
        ("He read the statement aloud to reporters.", None),
        ("Despite reports that the dam broke, residents stayed.", None),
        ("Residents dismissed the claims that the river was poisoned.", None),
        # An embedded tweet: the party it relays, or its author.
        (
            "#Syria army: #US-led coalition shoots down one of our jets near Rusafah \u2014 Alaa Ebrahim "
            "(@Alaa_Ebrahim_tv) June 18, 2017",
            "Syria army",
        ),
        ("The coalition downed a Syrian jet near Raqqa \u2014 Jane Doe (@janedoe) June 18, 2017", "Jane Doe"),
        ("The jet was downed \u2014 a first in the war since 2011.", None),
    ],
)
def test_attribution_is_read_from_the_sentence(sentence: str, who: str | None) -> None:
    assert attributed_to(sentence, 6) == who


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        # A quotation's speaker after it, with an appositive or what they did next.
        (
            "\u201cThe dam will hold,\u201d said Maria Lopez, an engineer for the water board.",
            "Maria Lopez",
        ),
        (
            "\u201cWe owe them an answer,\u201d Mr. Hale said in a statement on Friday, thanking his staff.",
            "Mr. Hale",
        ),
        ("\u201cI will be cleared,\u201d he added, then waved to the crowd.", "he"),
        ('"He is a fine mayor," Murray said of Cowan.', "Murray"),
        # Several commas and a title in quotation marks before a named speaker.
        (
            'Speaking on the "Morning Report," Sen. Ann Fry, R-Ohio, said the bill was dead.',
            "Sen. Ann Fry",
        ),
        (
            "At a hearing on Monday, a month after the floods in Dover, Del., Mr. Kent said the levees "
            "had failed.",
            "Mr. Kent",
        ),
        (
            "After the vote, Rep. Lee Park, D-Va., one of six members to vote no, said the bill was weak.",
            "Rep. Lee Park",
        ),
        ("If the plan was too slow, the other was too fast, analysts said afterward.", "analysts"),
        ("Tom Reyes, a farmer near the river, also said in a letter that the water rose.", "Tom Reyes"),
        # Someone the sentence opens with, not the words after an inverted "said".
        ("Judge Amy Cole, often the swing vote, said the appeal points both ways.", "Judge Amy Cole"),
        # Time and place before the speaker, in text that lost its commas.
        ("On Tuesday the Observatory said a strike killed 18 civilians.", "the Observatory"),
        ("In July Human Rights Watch accused the army of shelling schools.", "Human Rights Watch"),
        ("In its statement about the raid the military said it would respond.", "the military"),
        ("Also on Saturday Jaish al-Islam said it had downed a drone.", "Jaish al-Islam"),
        ("In the meantime local sources said the militia had withdrawn.", "local sources"),
        (
            "The Britain-based Syrian Observatory for Human Rights said 12 people were killed.",
            "Syrian Observatory for Human Rights",
        ),
        ('"We lost," said Rep. Ann Fry (R-Ohio), who leads the caucus, to the Post.', "Rep. Ann Fry"),
        ('"We will appeal," said the statement from the mayor\'s lawyer, Jo Kim.', "the mayor's lawyer"),
        ("All options remain open he said.", "he"),
        ("At least one aide told the Post that the chairman would run.", "At least one aide"),
        ('The new ad ends with Ann Fry claiming, "Faith made us strong."', "Ann Fry"),
        # Whom the letters were written to is not who wrote them.
        ('The group wrote letters to Congress saying "the cuts are unjust."', "The group"),
        ("WASHINGTON \u2014 Gov. Ann Fry on Tuesday said she would sign the bill.", "Gov. Ann Fry"),
        ("He bluntly accused the mayor of lying.", "He"),
        # Not speakers: passive, negated, a phrase of time alone, a listener, a noun before a name.
        ("The motion, first reported by the Daily Star, was withdrawn.", None),
        ("In other words, it doesn't say how much they paid.", None),
        ("Another review, on June 25, 2012, reported a rise in attacks.", None),
        ("True to form, neither said much about the talks.", None),
        ("Jane Roe was in the audience, along with other leading state Republicans.", None),
        ("He took aim at the rules, which the mayor says are too loose.", None),
        # A speaker's focus words and adverbs are not part of the name.
        ("But while Ryan faults the plan, even he acknowledged its savings.", "he"),
        ("At the time, he repeatedly said he would stay.", "he"),
        ("Indeed, even Steele himself declared that the war must be won.", "Steele"),
    ],
)
def test_attribution_around_quotations_appositives_and_lost_commas(sentence: str, who: str | None) -> None:
    assert attributed_to(sentence, 6) == who


def test_a_quotation_of_several_sentences_is_its_speakers() -> None:
    # Its speaker named where the quotation before it closed, nowhere where it opens or closes.
    article = [
        '"The border is open," Sheriff Joe Lane said in a statement.',
        '"I have watched the governor closely.',
        "I back him because we need a tough president.",
        'He has the best record."',
        "The governor thanked him.",
    ]
    assert [speaker_in_context(article, i, None, 6) for i in (1, 2, 3)] == ["Sheriff Joe Lane"] * 3
    assert speaker_in_context(article, 4, None, 6) is None
    # A closing mark with its space on the wrong side still closes it.
    emailed = [
        'In an emailed statement, Perry said, "the aid plan is wrong.',
        "This war on our values must stop.",
        "It is the latest example.",
        '"Perry is referring to a memo.',
    ]
    assert speaker_in_context(emailed, 1, None, 6) == "Perry"


def test_a_sentence_between_two_of_a_partys_that_names_someone_else_is_not_theirs() -> None:
    article = [
        "\u201cWe need more time,\u201d Senator Ray Bolt said on Sunday.",
        "Justice Mary Kline responded with a question about the deadline.",
        "\u201cThe deadline is not ours to set,\u201d Senator Ray Bolt said.",
        "Bolt suggested that the committee meet again in May.",
        "\u201cWe will be ready,\u201d Senator Ray Bolt said.",
    ]
    assert speaker_in_context(article, 1, None, 6) is None
    # The party's own name, a month, or a first word the article also writes in lower case is no
    # other name.
    assert speaker_in_context(article, 3, None, 6) == "Senator Ray Bolt"


def test_claimer_is_the_outlet_unless_the_sentence_names_a_source() -> None:
    settings = Settings()
    # The model names the grammatical subject; the sentence attributes it to no one.
    assert claimer_of("Floods hit Dhaka again in July.", "Dhaka", "Floods", settings) == "the outlet"
    assert claimer_of("Rains killed 40, the ministry said.", "Bangladesh", "", settings) == "the ministry"
    # A pronoun is resolved by the model only to someone the sentence or title names.
    assert claimer_of(
        "Rains killed 40, she said.", "Sheikh Hasina", "Sheikh Hasina visits Dhaka", settings
    ) == ("Sheikh Hasina")
    assert claimer_of("Rains killed 40, she said.", "the outlet", "Floods", settings) == "unattributed"
    assert claimer_of("Rains killed 40, she said.", "Sheikh Hasina", "Floods", settings) == "unattributed"
    # Quoted words the sentence gives to no one are not the outlet's own.
    assert (
        claimer_of("\u201cThe attack shows their intentions,\u201d", "the outlet", "", settings)
        == "unattributed"
    )
    scare = "\u201cOperation Sunrise\u201d began on Monday near the border."
    assert claimer_of(scare, None, "", settings) == "the outlet"


@pytest.mark.parametrize(
    ("sentence", "proposed", "title", "claimer"),
    [
        ('"We will win," he said.', "Tom Hale", "Tom Hale rallies voters", "Tom Hale"),
        # "he" or "she" is a person: not an organisation, an acronym, a bare title, the other sex.
        ('"We will win," he said.', "The League", "The League backs Hale", "unattributed"),
        ('"We will win," he said.', "Senate Republicans", "Senate Republicans meet", "unattributed"),
        ('"We will win," he said.', "NAACP", "NAACP votes", "unattributed"),
        ('"We will win," he said.', "Republican Senator", "Republican Senator speaks", "unattributed"),
        ('"We will win," she said.', "Mr. Hale", "Mr. Hale speaks", "unattributed"),
        # Whom the words were told to is not who said them; "they" may be an organisation.
        (
            "The plan, he told the Farm Bureau Conference, is dead.",
            "Farm Bureau Conference",
            "",
            "unattributed",
        ),
        ('"We will win," they said.', "Senate Republicans", "Senate Republicans meet", "Senate Republicans"),
    ],
)
def test_a_pronoun_speaker_is_named_only_by_someone_it_can_be(
    sentence: str, proposed: str, title: str, claimer: str
) -> None:
    assert claimer_of(sentence, proposed, title, Settings()) == claimer


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        (
            "The army said the attack came as its forces advanced against IS.",
            "the attack came as its forces advanced against IS.",
        ),
        (
            "The attack drove the SDF from Ja'Din, the coalition statement said.",
            "The attack drove the SDF from Ja'Din",
        ),
        ("us officials then claim that a syrian plane dropped bombs .", "a syrian plane dropped bombs ."),
        ("According to Reuters, a US warplane downed a Syrian jet.", "a US warplane downed a Syrian jet."),
        ("Lavrov issued this statement: we call on the US to stop.", "we call on the US to stop."),
        (
            "#Syria army: #US-led coalition shoots down our jet \u2014 A. Ebrahim (@AE) June 18, 2017",
            "#US-led coalition shoots down our jet",
        ),
        # No one named, or an attribution that is nearly all of it: the sentence as it is.
        ("The plane crashed near Raqqa on Sunday.", "The plane crashed near Raqqa on Sunday."),
        ("It did, the ministry said.", "It did, the ministry said."),
    ],
)
def test_what_a_sentence_reports_is_read_without_its_attribution(sentence: str, said: str) -> None:
    assert reported(sentence, 8) == said


STATEMENT = [
    "The Syrian army said in a statement that the attack aimed to undermine its fight.",
    "A statement by the US Central Command said the jet was shot down in self-defense.",
    "It stated that the regime had attacked an SDF-held town south of Tabqa.",
    "Coalition aircraft stopped the first advance in a show of force.",
    "The jet was downed when it dropped bombs near the US-led forces, according to the statement.",
    "The town lies on the Euphrates.",
    "Russia said it would track coalition jets.",
    "The statement added that the army would not be deterred.",
]


@pytest.mark.parametrize(
    ("i", "who", "party"),
    [
        # "the statement" is the one the nearest earlier sentence says a party issued, passing over
        # other speakers.
        (4, "the statement", "the US Central Command"),
        (7, "The statement", "the US Central Command"),
        # "it" is the speaker of a sentence just before.
        (2, "It", "the US Central Command"),
        # Unattributed between two sentences of one party (a pronoun and "the statement" resolved).
        (3, None, "the US Central Command"),
        # Unattributed after a party's sentence but before another's, or before none: the outlet's.
        (5, None, None),
        # A named speaker needs nothing around it.
        (6, "Russia", None),
    ],
)
def test_a_speaker_that_names_no_one_is_read_from_the_sentences_around(
    i: int, who: str | None, party: str | None
) -> None:
    assert speaker_in_context(STATEMENT, i, who, 6) == party


def test_a_sentence_carrying_on_from_a_named_speakers_is_theirs() -> None:
    said = [
        "Russian Foreign Minister Sergey Lavrov said the launchers cannot be justified by a need to "
        "fight Islamic State.",
        "Instead, their presence threatens the cooperation between Damascus and Baghdad.",
        "But the launchers were moved in June.",
        "The launchers arrived in June.",
    ]
    assert speaker_in_context(said, 1, None, 6) == "Russian Foreign Minister Sergey Lavrov"
    # "But" may bring in the outlet's objection; a plain sentence after a party's is the outlet's.
    assert speaker_in_context(said, 2, None, 6) is None
    assert speaker_in_context([said[0], said[3]], 1, None, 6) is None
    assert speaker_in_context([said[0], "Instead of waiting, US troops attacked."], 1, None, 6) is None


def test_a_quotation_running_over_sentences_is_its_speakers() -> None:
    quoted = [
        "The senator said: \u201cWe assume those savings.",
        "We devote them to solvency of Medicare and to deficit reduction.\u201d",
        "The bill passed the House in May.",
    ]
    assert speaker_in_context(quoted, 1, None, 6) == "The senator"
    # After the quotation closes, the outlet speaks again.
    assert speaker_in_context(quoted, 2, None, 6) is None
    # A quotation opening its paragraph is the speaker's named where it closes.
    later = ["\u201cIt is not about you.", "It is about the country,\u201d said Santorum."]
    assert speaker_in_context(later, 0, None, 6) == "Santorum"
    assert speaker_in_context(
        ["\u201cIt is not about you.", "It is about the country.", *later[1:]], 1, None, 6
    ) == ("Santorum")
    # Straight quotation marks open before a word and close after one.
    assert speaker_in_context(
        ['Moore added, "Our nation is at a crossroads.', 'Our future is on the line."'], 1, None, 6
    ) == ("Moore")


def test_a_run_of_quotations_is_the_speakers_named_where_it_began() -> None:
    run = [
        "\u201cThere was no such impropriety,\u201d Robert F. Bauer, the counsel, said in a memo.",
        "\u201cThe leadership had a legitimate interest in averting a divisive primary fight.\u201d",
        "\u201cSuch discussions are fully consistent with the law.\u201d",
        "Representative Darrell Issa said the talks were illegal.",
        "\u201cIt is abundantly clear that this conduct is contrary to the pledge.\u201d",
        "The law makes such offers a crime.",
        "\u201cWe want elections, not appointments.\u201d",
    ]
    bauer = "Robert F. Bauer"
    assert [speaker_in_context(run, i, None, 6) for i in range(1, 7)] == [
        bauer,
        bauer,
        None,  # named in the sentence itself
        "Representative Darrell Issa",
        None,  # the outlet spoke in between
        None,
    ]
    # A speaker named between two quotations is not read from the sentence before.
    for named in (
        '"Yes," Smith said on Monday, "we will."',
        "\u201cYes,\u201d said Smith, a Democrat, \u201cwe will.\u201d",
    ):
        assert speaker_in_context([run[0], named], 1, None, 6) is None
    # A quotation reopened in a new paragraph is still the speaker's named where it first opened.
    reopened = [
        "Obama added: \u201cMy starting point is not to worry about politics.",
        "\u201cMy starting point is to focus on what works.",
        "That is what I will do.\u201d",
    ]
    assert speaker_in_context(reopened, 1, None, 6) == "Obama"
    # A speaker named by pronoun is the one the pronoun stands for.
    told = [
        "Issa said the talks were illegal.",
        "\u201cThey answered a question,\u201d he said.",
        "\u201cWe want answers.\u201d",
    ]
    assert speaker_in_context(told, 2, None, 6) == "Issa"


def test_a_quotation_never_closed_ends_where_the_outlet_goes_on() -> None:
    unclosed = [
        "\u201cTrump wants to run the nation like his business,\u201d Bloomberg said. \u201cGod help us.",
        "Bloomberg\u2019s speech seemed designed to chafe Trump\u2019s rawest nerves.",
        "\u201cTruth be told, he is a con,\u201d he said.",
    ]
    assert speaker_in_context(unclosed, 1, None, 6) is None
    # Words of the quotation read as its speaker are no speaker.
    garbled = [
        "\u201cBut more to the point, I disagree with what she said.",
        "It is too early to tell.\u201d",
    ]
    assert speaker_in_context(garbled, 1, None, 6) is None


def test_a_statement_introduced_by_a_colon_runs_on_in_the_first_person() -> None:
    lowered = [
        "russian foreign minister sergei lavrov issue this statement : we call on the united state .",
        "zones of de-escalation are one of the possible options to jointly move forward .",
        "we call on everyone to avoid unilateral moves .",
        "21wire reported earlier this week how us troops may be provoking an escalation .",
        "us-led coalition forces are supposedly there to train militias .",
    ]
    assert speaker_in_context(lowered, 1, None, 6) == "russian foreign minister sergei lavrov"
    assert speaker_in_context(lowered, 2, None, 6) == "russian foreign minister sergei lavrov"
    assert speaker_in_context(lowered, 4, None, 6) is None
    # Two sentences in a row that do not speak as "we" are the outlet narrating again.
    narrated = [
        "The minister said: we will rebuild the town .",
        "The town lies on a river .",
        "Its market opened in 1990 .",
        "We visited it last year .",
    ]
    assert [speaker_in_context(narrated, i, None, 6) for i in range(1, 4)] == [None, None, None]
    # A list after the colon is no statement.
    listed = [
        "The monitor said the dead were as follows: 82 gunmen and 154 civilians.",
        "We have called for aid.",
    ]
    assert speaker_in_context(listed, 1, None, 6) is None


def test_a_pronoun_speaker_is_not_looked_for_far_back() -> None:
    far = ["Officials in Ankara said a drone hit a convoy.", *["The town lies on a river."] * 4]
    assert speaker_in_context([*far, "It was the third strike, he said."], 5, "he", 6) is None


def test_a_claim_takes_its_speaker_from_its_article() -> None:
    article = make_document(" ".join(STATEMENT), "centcom.txt")
    assert [s.text for s in article.sentences] == STATEMENT
    settings = Settings()
    assert claimer_in(article, article.sentences[4], None, settings) == "the US Central Command"
    assert claimer_in(article, article.sentences[5], "Euphrates", settings) == "the outlet"
    # A pronoun the model names from the title stays the model's.
    titled = make_document("Rains killed 40, she said.", "floods.txt").model_copy(
        update={"title": "Sheikh Hasina visits Dhaka"}
    )
    assert claimer_in(titled, titled.sentences[0], "Sheikh Hasina", settings) == "Sheikh Hasina"
