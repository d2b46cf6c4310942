from __future__ import annotations

from pipeline.extract import (
    added_facts,
    article_label,
    claim_id,
    clean_claimer,
    dropped_figures,
    extract_claims,
    is_candidate,
    select_sentences,
    to_claim,
)
from pipeline.ingest import make_document
from pipeline.records import Document, ExtractedClaim
from pipeline.settings import Settings
from tests.fakes import ScriptedChatModel

DEFAULTS = Settings()


def test_claim_id_is_stable_and_text_sensitive() -> None:
    assert claim_id("d1", "A jet  was downed.") == claim_id("d1", "a jet was downed.")
    assert claim_id("d1", "A jet was downed.") != claim_id("d2", "A jet was downed.")


def test_candidates() -> None:
    assert is_candidate("The US shot down a Syrian jet on Sunday.", DEFAULTS)
    assert not is_candidate("US position on the incidence", DEFAULTS)
    assert not is_candidate("Was the jet really bombing the SDF positions?", DEFAULTS)
    doc = make_document(
        "One two three four five six. " * 5 + "Rebels at 3 sites in Raqqa and Tabqa held.", "x.txt"
    )
    picked = select_sentences(doc, DEFAULTS, 2)
    assert len(picked) == 2 and picked[-1].text.startswith("Rebels")


def test_added_facts() -> None:
    sentence = "In September 2016, a coalition airstrike on Deir ez-Zor killed over 60 Syrian soldiers."
    assert (
        added_facts(
            "A coalition airstrike on Deir ez-Zor killed over 60 Syrian soldiers in September 2016.",
            sentence,
            "",
            DEFAULTS,
        )
        is None
    )
    assert "number 2014" in str(
        added_facts("Syria has been hit by chemical weapons since 2014.", sentence, "", DEFAULTS)
    )
    assert "only" in str(
        added_facts("Chemical weapons hit the Syrian capital Damascus hospitals.", sentence, "", DEFAULTS)
    )


def test_clean_claimer() -> None:
    sentence = "The Syrian army said the pilot was missing."
    assert clean_claimer("Syrian army", sentence, "", DEFAULTS) == "Syrian army"
    assert clean_claimer("The outlet", sentence, "", DEFAULTS) == "the outlet"
    assert clean_claimer("NATO spokesperson", sentence, "", DEFAULTS) == "unattributed"
    assert (
        clean_claimer("The Syrian army said the pilot was missing", sentence, "", DEFAULTS) == "unattributed"
    )


def test_extract_claims(fake: ScriptedChatModel, doc_a: Document, settings: Settings) -> None:
    fake.enqueue_json(
        {
            "claimer": "US officials",
            "claim": "A US warplane shot down a Syrian army jet near Raqqa on 18 June 2017.",
        },
        {
            "claimer": "Syrian army",
            "claim": "The pilot of the jet shot down near Raqqa was killed by 40 rebels.",
        },
        "never valid",
        "never valid",
    )
    result = extract_claims(doc_a, fake, settings)
    assert [c.rewrite for c in result.claims] == ["model", "quote", "quote"]
    first, second, failed = result.claims
    assert failed.extraction_error is not None and "invalid JSON" in failed.extraction_error
    # The claimer is read from the sentence, whatever the model said (or failed to say).
    assert failed.claimer == "the outlet" and failed.claim == doc_a.sentences[2].text
    assert (first.claimer, second.claimer) == ("officials", "The Syrian army")
    assert first.quote.text == doc_a.sentences[0].text
    assert second.claim == doc_a.sentences[1].text  # the restatement invented '40 rebels'
    assert all(doc_a.text[c.quote.start : c.quote.end] == c.quote.text for c in result.claims)
    assert result.error is not None and "sentence at" in result.error and result.kept_quote == 1
    assert "Article: Jet downed near Raqqa (2017-06-18)" in fake.history[0][1]
    assert fake.history[0][1].endswith(f"Sentence: {doc_a.sentences[0].text}\n")


def test_article_label() -> None:
    assert article_label(make_document("Text here.", "dir/000_x.txt")) == "untitled"
    assert article_label(make_document("date 2017-06-18 Text.", "x.txt")) == "(2017-06-18)"


def test_dropped_figures() -> None:
    sentence = "In September 2016, a coalition airstrike on Deir ez-Zor killed over 60 Syrian soldiers."
    assert (
        dropped_figures("A coalition strike killed over 60 Syrian soldiers in September 2016.", sentence)
        is None
    )
    assert "figure 60" in str(
        dropped_figures("The Syrian government used chemical weapons in 2016.", sentence)
    )


def test_restatement_words_must_come_from_the_sentence_not_the_claimer() -> None:
    text = (
        "Tanf is a key town on the Iraq-Syrian border that has been home to a U.S. Special Operations "
        "training outpost for months."
    )
    doc = make_document(text, "tanf.txt", title="US shoots down Syrian Air Force fighter")
    sentence = doc.sentences[0]
    invented = ExtractedClaim(
        claimer="US Special Operations Command",
        claim="US Special Operations Command is a training facility for U.S. Special Operations forces "
        "in Iraq.",
    )
    claim = to_claim(doc, sentence, invented, DEFAULTS)
    assert claim.rewrite == "quote" and claim.claim == text
    assert (
        added_facts(invented.claim, text, doc.title, DEFAULTS) == "only 60% of its words are in the sentence"
    )
    faithful = ExtractedClaim(
        claimer="the outlet",
        claim="Tanf, on the Iraq-Syrian border, has had a U.S. Special Operations outpost.",
    )
    assert to_claim(doc, sentence, faithful, DEFAULTS).rewrite == "model"


def test_a_restatement_keeps_whose_statement_it_is() -> None:
    text = "Iraqi lawmaker Abdul-Bari Zebari said his country agreed to the missile overflight."
    doc = make_document(text, "zebari.txt")
    as_fact = ExtractedClaim(claimer="Zebari", claim="Iraq agreed to the missile overflight.")
    claim = to_claim(doc, doc.sentences[0], as_fact, DEFAULTS)
    assert claim.rewrite == "quote" and claim.claimer == "Iraqi lawmaker Abdul-Bari Zebari"
    kept = ExtractedClaim(claimer="Zebari", claim="Zebari said Iraq agreed to the missile overflight.")
    assert to_claim(doc, doc.sentences[0], kept, DEFAULTS).rewrite == "model"
    # "The statement" names no one: a restatement without it presents nothing as the outlet's.
    unnamed = make_document("The statement said the pilot was missing after the crash.", "s.txt")
    missing = ExtractedClaim(claimer="the statement", claim="The pilot was missing after the crash.")
    assert to_claim(unnamed, unnamed.sentences[0], missing, DEFAULTS).rewrite == "model"


def test_a_restatement_may_not_bring_in_a_name() -> None:
    settings = Settings()
    sentence = "Coalition officials confirmed there were no casualties from the attack."
    why = added_facts("Russian officials confirmed no casualties from the attack.", sentence, "", settings)
    assert why == "names not in the sentence: russian"
    # The same name in another form is not a new one.
    sentence = "Iraqi officials said the flooding near Mosul had eased by Monday."
    assert added_facts("The flooding near Mosul in Iraq had eased by Monday.", sentence, "", settings) is None


def test_a_restatement_that_swaps_who_did_what_is_reordered() -> None:
    from pipeline.extract.faithful import reordered

    sentence = "Police arrested two protesters outside parliament, according to the interior ministry."
    swapped = "The interior ministry arrested two protesters outside parliament, according to police."
    assert reordered(swapped, sentence) > Settings().max_reordering
    assert reordered("Police arrested two protesters outside parliament.", sentence) == 0.0
    # A passive keeps who did what but moves the actor too: it is refused as well, and the sentence
    # itself becomes the claim, which is always faithful.
    passive = "Two protesters were arrested by police outside parliament."
    assert reordered(passive, sentence) > Settings().max_reordering


def test_a_restatement_may_not_put_one_name_in_anothers_place() -> None:
    from pipeline.extract.faithful import swapped_names

    sentence = "Mary Cheney has taken to Facebook to blast her older sibling, Elizabeth, a Senate candidate."
    traded = "Elizabeth Cheney has taken to Facebook to blast her older sister, Mary, a Senate candidate."
    assert swapped_names(traded, sentence) == "elizabeth where the sentence has mary"
    # The title's name for the sentence's is another actor as well.
    assert swapped_names("Elizabeth Cheney has taken to Facebook.", sentence) is not None
    # A name may stand for a pronoun, and a date for a weekday.
    veto = "The Senate voted to override his veto."
    assert swapped_names("The Senate voted to override Obama's veto.", veto) is None
    # Another pronoun is another person; a quote's "I" told as "he" is the same one.
    assert swapped_names("The Senate voted to override her veto.", veto) == "she where the sentence has he"
    assert swapped_names("He will veto the bill.", '"I will veto the bill," he said.') is None
    dated = "A US warplane shot down a Syrian jet on 18 June."
    assert swapped_names(dated, "A US warplane shot down a Syrian jet on Sunday.") is None


def test_a_restatement_must_keep_half_its_words_from_its_sentence() -> None:
    sentence = '"Freedom means freedom for everyone," she continued.'
    title = "Mary Cheney: Sister Is 'Dead Wrong' On Gay Marriage"
    why = added_facts("Mary Cheney is dead wrong on gay marriage.", sentence, title, DEFAULTS)
    assert why == "only 33% of its words are the sentence's own"
    # A name for a pronoun, and a date for a weekday, are the sentence's own.
    title = "US warplane downs Syrian Su-22 jet near Raqqa 2017-06-18"
    assert added_facts("The Syrian jet was downed.", "It was downed.", title, DEFAULTS) is None
    shot = "The Syrian Su-22 jet was shot down near Raqqa on 18 June 2017."
    assert added_facts(shot, "It was shot down near Raqqa on Sunday.", title, DEFAULTS) is None
    # A figure is a whole number: the 2 of "2nd" is not in the date 2013-06-08.
    defended = "He sought to defend the program."
    why = added_facts("He defended the 2nd program.", defended, "2013-06-08", DEFAULTS)
    assert why == "number 2 is not in the sentence"


def test_a_restatement_may_not_join_words_around_a_cut() -> None:
    from pipeline.extract.faithful import spliced

    # Cutting the main verb out reattaches "for nearly three years" to the relative clause.
    army = (
        "The army, which has retaken parts of eastern Aleppo, has been able to reclaim oil fields held by"
        " the Islamic State for nearly three years."
    )
    why = spliced("The army has retaken parts of eastern Aleppo, for nearly three years.", army)
    assert why == "joins words around a cut: has been able to reclaim oil fields held by the islamic state"
    # Cutting a subject's head noun makes another actor: the strike helped, not the US.
    strike = "The US strike helped to take pressure off a retreating ISIS in the region."
    assert spliced("The US helped to take pressure off a retreating ISIS.", strike) == (
        "joins words around a cut: strike"
    )
    # What follows a dash is an aside on the clause before it, not a claim of its own.
    aside = "Iran launched missiles at targets in eastern Syria - the first time it has done so in the war."
    assert spliced("The first time it has done so in the war.", aside) == "only the aside after a dash"
    # Leaving out the start, the end, an aside set off by punctuation, a tense auxiliary, or the
    # relative pronoun of the clause that becomes the claim is fine; so is a rephrasing.
    jet = "Officials said the jet, which was flying over Raqqa (a city in Syria), has crashed, the army said."
    assert spliced("The jet crashed.", jet) is None
    assert spliced("The jet was flying over Raqqa.", jet) is None
    assert spliced("The jet was downed.", "Officials say the aircraft was shot down.") is None
    # A modifier or a phrase on when or where may go; a dateline's dash and an aside closed by a
    # second dash are not a clause's aside.
    assert spliced("Syrian forces retook Palmyra.", "Syrian forces on Sunday retook Palmyra.") is None
    assert spliced("The army took the town.", "The army took the strategically important town.") is None
    dateline = "BEIRUT (Reuters) - Syrian government forces captured the town on Sunday."
    assert spliced("Syrian government forces captured the town on Sunday.", dateline) is None
    three = "Three people \u2013 two soldiers and a civilian \u2013 were killed."
    assert spliced("Two soldiers and a civilian were killed.", three) is None


def test_a_restatement_says_nothing_the_sentence_does_not() -> None:
    from pipeline.extract.faithful import changed_negation

    settings = Settings()
    sentence = "Pro-Syrian forces attacked SDF fighters in Ja'Din, wounding a number of them."
    # A word of its own that means nothing the sentence says: the model's own story.
    why = added_facts(
        "Pro-Syrian forces attacked SDF fighters in Ja'Din and killed them.", sentence, "", settings
    )
    assert why == "words not in the sentence: killed"
    # In other words is fine: "aircraft" says what "plane" says.
    plane = "The plane came down near Raqqa on Sunday, the army said."
    assert added_facts("The aircraft came down near Raqqa on Sunday.", plane, "", settings) is None
    # One party made into two: "the Syrian jet brought down a Syrian jet".
    jet = "A US warplane has brought down a Syrian military jet in Raqqa on Sunday."
    swap = "The Syrian military jet has brought down a Syrian military jet in Raqqa on Sunday."
    assert "said more often than in the sentence" in str(added_facts(swap, jet, "", settings))
    # The title names what a pronoun stands for, and only then may its words be used.
    title = "Russia threatens to shoot down coalition aircraft"
    quiet = "The incident is seen as the latest skirmish between the coalition and regime forces."
    assert added_facts("Russia threatened to shoot down coalition aircraft.", quiet, title, settings)
    it = "It threatened to shoot down coalition aircraft over Syria."
    assert (
        added_facts("Russia threatened to shoot down coalition aircraft over Syria.", it, title, settings)
        is None
    )
    # ... and not in place of a name the sentence gives.
    house = "Once the city is retaken, the White House will have to decide whether it will stay."
    swapped = added_facts("Russia will have to decide whether it will stay.", house, title, settings)
    assert swapped == "names russia in place of house, white"
    iraqi = "Iraqi lawmaker Abdul-Bari Zebari said his country agreed to the missile overflight."
    assert added_facts("Iraq agreed to the missile overflight.", iraqi, "Iraq", settings) is None
    # A negation added or dropped is the opposite claim.
    law = "As it stands the US presence in Syria is in violation of international law."
    assert changed_negation("The US presence in Syria is not in violation of international law.", law)
    assert changed_negation("The US presence in Syria is in violation of international law.", law) is None
    assert changed_negation("The army said it won't stop.", "The army said it would not stop.") is None


def test_sentences_that_state_nothing_checkable_are_not_claims() -> None:
    from pipeline.extract.select import candidates, is_candidate, not_checkable

    settings = Settings()
    text = (
        "Jet downed near Raqqa\n\n"
        "A US warplane shot down a Syrian army jet near Raqqa on Sunday.\n\n"
        "Syrian army accused of frustrating effort\n\n"
        "The move appears to mark a new escalation of the conflict. "
        "The move may mark a new escalation, the defence ministry said.\n"
        "The White House will have to decide whether to stay. Washington should leave Syria.\n"
        "We call on everyone to avoid unilateral moves. The ministry said it should be over by May.\n"
        "- Editor's note: This story will be updated.\n"
        "Read more news like this and subscribe to our newsletter today."
    )
    doc = make_document(text, "x.txt")
    why = {s.text: not_checkable(doc, i, settings) for i, s in enumerate(doc.sentences)}
    assert why["Jet downed near Raqqa"] is None  # the headline states the story
    assert why["A US warplane shot down a Syrian army jet near Raqqa on Sunday."] is None
    assert why["Syrian army accused of frustrating effort"] == "a heading"
    assert (
        why["The move appears to mark a new escalation of the conflict."]
        == "a guess in the outlet's own voice"
    )
    # Someone else's guess is checkable as a report of what they said.
    assert why["The move may mark a new escalation, the defence ministry said."] is None
    assert why["- Editor's note: This story will be updated."] == "page furniture"
    forecast = "an opinion or forecast in the outlet's own voice"
    assert why["The White House will have to decide whether to stay."] == forecast
    assert why["Washington should leave Syria."] == forecast
    assert why["We call on everyone to avoid unilateral moves."] == "an appeal"
    assert why["The ministry said it should be over by May."] is None  # a report of the ministry's view
    # A line that introduces the words after it is a fragment; a quoted question asserts nothing.
    lead_ins = make_document(
        "Title\n\nAnother man, not seen on camera, then tells Etheridge,\n"
        "A post accompanying the video gives this commentary on the encounter:\n",
        "l.txt",
    )
    fragment = "a fragment that introduces the words after it"
    assert [not_checkable(lead_ins, i, settings) for i in (1, 2)] == [fragment, fragment]
    assert not is_candidate("\u201cDo you fully support the Obama agenda?\u201d", settings)
    for news in (
        "The court ruled on the case in May.",
        "Netflix added 9 million subscribers in the quarter.",
        "Police arrested a man who may have links to the group.",
        "Under the law, drivers must carry a permit.",
        "Under the new rules, drivers will have to carry a permit from January.",
        "Should the ceasefire collapse, the UN will withdraw its 300 observers.",
        "Residents were told they should evacuate the area by noon.",
        "Lavrov called on the US to coordinate its work.",
        "\u201cWe call on the US to stop its strikes,\u201d Lavrov said.",
        "- 12 people were killed in Aleppo on Sunday",
    ):
        listed = make_document(f"Title\n\n{news}\n", "n.txt")
        assert not_checkable(listed, 1, settings) is None, news
    assert [s.text for s in candidates(doc, settings)] == [
        "A US warplane shot down a Syrian army jet near Raqqa on Sunday.",
        "The move may mark a new escalation, the defence ministry said.",
        "The ministry said it should be over by May.",
    ]
