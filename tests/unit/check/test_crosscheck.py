from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.check import (
    ANSWERS,
    ConfidenceMap,
    SentenceIndex,
    calibrate,
    crosscheck_claim,
    stance_probabilities,
    term_weights,
)
from pipeline.extract import claim_id
from pipeline.ingest import make_document
from pipeline.records import Claim, Document, SourceStance, StanceLabel
from pipeline.settings import Settings
from tests.fakes import ScriptedChatModel

DEFAULTS = Settings()


def claim_from(doc: Document, index: int, text: str) -> Claim:
    return Claim(
        claim_id=claim_id(doc.doc_id, text),
        claim=text,
        claimer="the outlet",
        doc_id=doc.doc_id,
        quote=doc.sentences[index],
        rewrite="model",
    )


def test_probabilities_and_calibration() -> None:
    probs = stance_probabilities({" supports": -1.0, " contradicts": -1.0, " unrelated": -1e9})
    assert probs[StanceLabel.supports] == pytest.approx(0.5)
    prior = {
        StanceLabel.supports: 0.2,
        StanceLabel.contradicts: 0.6,
        StanceLabel.not_mentioned: 0.2,
    }
    even = {label: 1 / 3 for label in StanceLabel}
    calibrated = calibrate(even, prior)
    assert calibrated[StanceLabel.contradicts] < calibrated[StanceLabel.supports]
    assert sum(calibrated.values()) == pytest.approx(1.0)
    assert calibrate(even, None) == even


def test_a_passage_stating_the_claim_supports_it_by_meaning(
    fake: ScriptedChatModel, doc_a: Document, doc_b: Document, settings: Settings
) -> None:
    claim = claim_from(doc_a, 0, "A US warplane shot down a Syrian army jet near Raqqa on Sunday.")
    stances = crosscheck_claim(
        claim, [SentenceIndex(doc_a, DEFAULTS), SentenceIndex(doc_b, DEFAULTS)], fake, settings
    )
    assert len(stances) == 1  # the claim's own document is not a witness
    stance = stances[0]
    assert (stance.doc_id, stance.stance, stance.method) == (doc_b.doc_id, StanceLabel.supports, "meaning")
    assert stance.evidence is not None and stance.evidence.text.startswith("US forces shot down")
    # The score is the sentence encoder's cosine mapped to how often such a stance was right.
    assert 0.0 < stance.score < 1.0
    assert not fake.history


def test_the_model_judges_the_passages_when_asked(
    fake: ScriptedChatModel, doc_a: Document, doc_b: Document, settings: Settings
) -> None:
    claim = claim_from(doc_a, 0, "A US warplane shot down a Syrian army jet near Raqqa on Sunday.")
    fake.always(choice_reply="supports")
    settings = replace(settings, stance_judge="model")
    stances = crosscheck_claim(
        claim, [SentenceIndex(doc_a, DEFAULTS), SentenceIndex(doc_b, DEFAULTS)], fake, settings
    )
    assert len(stances) == 1  # the claim's own document is not a witness
    stance = stances[0]
    assert (stance.doc_id, stance.stance, stance.method) == (
        doc_b.doc_id,
        StanceLabel.supports,
        "model",
    )
    assert stance.evidence is not None
    assert doc_b.text[stance.evidence.start : stance.evidence.end] == stance.evidence.text
    assert stance.evidence.text.startswith("US forces shot down")
    prompt = fake.history[0][1]
    assert prompt.endswith("Answer:") and f"Claim: {claim.claim}" in prompt
    assert fake.history[0][2]["choices"] == list(ANSWERS)


def test_numeric_conflict_needs_no_model(
    fake: ScriptedChatModel, doc_a: Document, doc_b: Document, settings: Settings
) -> None:
    claim = claim_from(
        doc_a,
        2,
        "A coalition airstrike on Deir ez-Zor killed over 60 Syrian soldiers in September 2016.",
    )
    (stance,) = crosscheck_claim(claim, [SentenceIndex(doc_b, DEFAULTS)], fake, settings)
    assert stance.stance is StanceLabel.contradicts and stance.method == "numeric"
    assert stance.note == "claim says over 60, source says over 80"
    assert not fake.history


def test_a_toll_in_a_source_sharing_little_else_with_a_long_claim_conflicts(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    mine = make_document(
        "At least 86 people were killed early on Tuesday in rebel-held Khan Sheikhoun and dozens more "
        "have received treatment for convulsions, breathing problems and foaming at the mouth.",
        "mine.txt",
    )
    other = make_document(
        "On Tuesday Syrian opposition forces stated that some 80 people were killed and 200 injured in "
        "a chemical weapon attack in the Syrian Idlib province.\n"
        "Turkey opened its border crossing to the wounded.",
        "other.txt",
    )
    claim = claim_from(mine, 0, mine.sentences[0].text)
    (stance,) = crosscheck_claim(claim, [SentenceIndex(other, DEFAULTS)], fake, settings)
    assert (stance.stance, stance.method, stance.note) == (
        StanceLabel.contradicts,
        "numeric",
        "claim says At least 86, source says 80",
    )
    # Without a day or a place in common, a sentence sharing so little is not taken as of the incident.
    undated = make_document(
        "Syrian opposition forces stated that some 80 people were killed and 200 injured in a chemical "
        "weapon attack.\nTurkey opened its border crossing to the wounded.",
        "undated.txt",
    )
    (stance,) = crosscheck_claim(claim, [SentenceIndex(undated, DEFAULTS)], fake, settings)
    assert stance.stance is StanceLabel.not_mentioned


def test_unrelated_source_is_decided_by_retrieval(
    fake: ScriptedChatModel, doc_a: Document, settings: Settings
) -> None:
    other = make_document("Football results from the weekend league games were announced.", "c.txt")
    claim = claim_from(doc_a, 1, "The Syrian army said the pilot was missing after the crash.")
    (stance,) = crosscheck_claim(claim, [SentenceIndex(other, DEFAULTS)], fake, settings)
    assert (stance.stance, stance.method, stance.evidence) == (
        StanceLabel.not_mentioned,
        "retrieval",
        None,
    )
    assert not fake.history


def test_a_silence_about_a_claim_of_the_corpus_scores_its_rate_there(
    fake: ScriptedChatModel, doc_a: Document, settings: Settings
) -> None:
    other = make_document("Football results from the weekend league games were announced.", "c.txt")
    claim = claim_from(doc_a, 1, "The Syrian army said the pilot was missing after the crash.")
    maps = ConfidenceMap({}, {}, {"silent": 0.93})
    corpus = [SentenceIndex(doc_a, DEFAULTS), SentenceIndex(other, DEFAULTS)]
    (in_corpus,) = crosscheck_claim(claim, corpus, fake, settings, confidence=maps)
    # The same claim against one text chosen for it, as in the stance datasets: its raw score.
    (alone,) = crosscheck_claim(claim, corpus[1:], fake, settings, confidence=maps)
    assert (in_corpus.method, in_corpus.evidence, in_corpus.score) == ("retrieval", None, 0.93)
    (raw,) = crosscheck_claim(claim, corpus[1:], fake, settings, confidence=ConfidenceMap({}, {}))
    assert alone.method == "retrieval" and alone.score == raw.score != 0.93


def test_weak_judgments_are_not_mentioned(
    fake: ScriptedChatModel, doc_a: Document, doc_b: Document, settings: Settings
) -> None:
    claim = claim_from(doc_a, 0, "A US warplane shot down a Syrian army jet near Raqqa on Sunday.")
    fake.always(choice_reply={" supports": -1.0, " contradicts": -1.1, " unrelated": -1.05})
    settings = replace(settings, stance_judge="model")
    (stance,) = crosscheck_claim(claim, [SentenceIndex(doc_b, DEFAULTS)], fake, settings)
    assert stance.stance is StanceLabel.not_mentioned and stance.method == "model" and stance.evidence is None


def test_a_debunking_source_contradicts_without_the_model(
    fake: ScriptedChatModel, doc_a: Document, settings: Settings
) -> None:
    debunk = make_document(
        "Pictures said to show a US warplane downing a Syrian jet near Raqqa are fake.\n"
        "The Syrian army jet story is a hoax, the ministry said.",
        "d.txt",
    )
    claim = claim_from(doc_a, 0, "A US warplane shot down a Syrian army jet near Raqqa on Sunday.")
    (stance,) = crosscheck_claim(claim, [SentenceIndex(debunk, DEFAULTS)], fake, settings)
    assert (stance.stance, stance.method) == (StanceLabel.contradicts, "denial")
    assert stance.evidence is not None and stance.evidence.text == debunk.sentences[0].text
    assert stance.note == "the source's text on it says: fake, hoax"
    assert not fake.history
    # A claim that itself calls the story false says what the debunking source says.
    claim = claim_from(
        doc_a, 0, "Pictures of a US warplane downing a Syrian army jet near Raqqa are fabricated."
    )
    (stance,) = crosscheck_claim(claim, [SentenceIndex(debunk, DEFAULTS)], fake, settings)
    assert (stance.stance, stance.method) == (StanceLabel.supports, "denial")
    assert stance.note == "the source's text on it says: fake, hoax, as the claim does"


def test_a_sentence_calling_the_story_false_counts_where_the_source_tells_it(
    fake: ScriptedChatModel, doc_a: Document, settings: Settings
) -> None:
    claim = claim_from(doc_a, 0, "A satellite picture shows a giant crab lurking off the Kent coast.")
    filler = [
        "Visitors flocked to Whitstable harbour on Monday.",
        "The council opened a new car park there last year.",
        "Traffic on the seafront was slow all afternoon.",
    ]
    told = "A satellite picture taken last week shows a giant crab lurking off the Kent coast."
    # Next to the sentence telling the story, "this is a hoax" is about it, though it shares no words.
    source = make_document("\n".join([*filler, told, "Unfortunately, I think this is a hoax."]), "c.txt")
    (stance,) = crosscheck_claim(claim, [SentenceIndex(source, DEFAULTS)], fake, settings)
    assert (stance.stance, stance.method) == (StanceLabel.contradicts, "denial")
    assert stance.note == "the source's text on it says: hoax"
    # Far from it in the body, a hoax is something else's.
    source = make_document(
        "\n".join([*filler, told, *filler, "Residents called talk of a new bypass a hoax."]), "d.txt"
    )
    (stance,) = crosscheck_claim(claim, [SentenceIndex(source, DEFAULTS)], fake, settings)
    assert (stance.stance, stance.method) == (StanceLabel.supports, "meaning")


def test_hedging_source_only_reports_claims_in_the_outlets_own_voice(
    fake: ScriptedChatModel, doc_a: Document, settings: Settings
) -> None:
    hedging = make_document(
        "Unconfirmed claims say the Syrian pilot may be missing after the crash.\n"
        "It is unclear where the pilot is.",
        "h.txt",
    )
    claim = claim_from(doc_a, 1, "The Syrian pilot was missing after the crash.")
    (stance,) = crosscheck_claim(claim, [SentenceIndex(hedging, DEFAULTS)], fake, settings)
    assert (stance.stance, stance.method) == (StanceLabel.not_mentioned, "hedged")
    assert stance.evidence is not None and stance.evidence.text == hedging.sentences[0].text

    # The same source relaying what the Syrian army said is a report of that statement: it states it.
    attributed = claim.model_copy(update={"claimer": "the Syrian army"})
    (stance,) = crosscheck_claim(attributed, [SentenceIndex(hedging, DEFAULTS)], fake, settings)
    assert (stance.stance, stance.method) == (StanceLabel.supports, "meaning")
    assert not fake.history


@pytest.mark.parametrize(
    ("text", "stance", "method", "words"),
    [
        # Inflected debunking words count like their stems.
        (
            "A doctor debunks the spider under the skin, a story made up by a hoaxer.\n"
            "Doctors found no spider under the man's skin.",
            StanceLabel.contradicts,
            "denial",
            "debunks, hoaxer",
        ),
        # Rejecting the reports is denying them; a word shared in another inflection counts.
        (
            "Doctors rebuffed the rumors that a tropical spider burrowed under a man's skin.\n"
            "The man was treated in Perth.",
            StanceLabel.contradicts,
            "denial",
            "rebuffed the rumors",
        ),
        (
            "Perth experts debunk spider burrowing claims.\nThe man was treated in Perth.",
            StanceLabel.contradicts,
            "denial",
            "debunk",
        ),
        # A sentence answering the story with "No, ..." denies it.
        (
            "No, a tropical spider did not burrow under a man's skin.\nHe was treated in Perth.",
            StanceLabel.contradicts,
            "denial",
            "no",
        ),
        # A rumour is reported, not denied.
        (
            "Rumors say a tropical spider burrowed under a man's skin.\nThe man was treated in Perth.",
            StanceLabel.not_mentioned,
            "hedged",
            "rumors",
        ),
        # Unnamed sources vouch for nothing.
        (
            "A tropical spider burrowed under a man's skin, sources say.\nThe man was treated in Perth.",
            StanceLabel.not_mentioned,
            "hedged",
            "sources say",
        ),
        (
            "A tropical spider is said to have burrowed under a man's skin.\nThe man was treated in Perth.",
            StanceLabel.not_mentioned,
            "hedged",
            "said to",
        ),
        # What may have happened is reported, not vouched for; the month of May vouches for nothing.
        (
            "A tropical spider may have burrowed under a man's skin.\nThe man was treated in Perth.",
            StanceLabel.not_mentioned,
            "hedged",
            "may",
        ),
        (
            "In May a tropical spider burrowed under a man's skin.\nHe was treated in Perth on May 3.",
            StanceLabel.supports,
            "meaning",
            None,
        ),
        # A suspicion is reported, not vouched for ("Taliban detainee suspected of trying to return").
        (
            "A tropical spider is suspected to have burrowed under a man's skin.\nHe was treated in Perth.",
            StanceLabel.not_mentioned,
            "hedged",
            "suspected",
        ),
        # A headline tagged with its source, or ending on who says it, is a report of it.
        (
            "Tropical spider burrowed under man's skin: Report\nThe man was treated in Perth.",
            StanceLabel.not_mentioned,
            "hedged",
            "report",
        ),
        (
            "Sources: tropical spider burrowed under man's skin\nThe man was treated in Perth.",
            StanceLabel.not_mentioned,
            "hedged",
            "sources",
        ),
        (
            "Tropical spider burrowed under man's skin - video report\nThe man was treated in Perth.",
            StanceLabel.not_mentioned,
            "hedged",
            "video report",
        ),
        (
            "A tropical spider burrowed under a man's skin, Perth doctors say.\nHe was treated in Perth.",
            StanceLabel.not_mentioned,
            "hedged",
            "perth doctors say",
        ),
        (
            "A tropical spider burrowed under a man's skin, says new report.\nThe man was treated in Perth.",
            StanceLabel.not_mentioned,
            "hedged",
            "says new report",
        ),
        # In the body, "..., doctors say" is plain attribution, and "No, it's not a hoax" vouches.
        (
            "Perth doctors treated a man.\nA tropical spider burrowed under a man's skin, doctors say.",
            StanceLabel.supports,
            "meaning",
            None,
        ),
        (
            "No, it is not a hoax: a tropical spider burrowed under a man's skin.\nHe was treated in Perth.",
            StanceLabel.supports,
            "meaning",
            None,
        ),
        # Neither a named party's words nor a negated debunking word take that side; nor does a
        # report the sentence names in passing.
        (
            "A tropical spider burrowed under a man's skin, the report from Perth doctors found.\n"
            "The man was treated in Perth.",
            StanceLabel.supports,
            "meaning",
            None,
        ),
        (
            "A tropical spider burrowed under a man's skin, a doctor said to reporters.\n"
            "The man was treated in Perth.",
            StanceLabel.supports,
            "meaning",
            None,
        ),
        (
            "There is no denying that a tropical spider burrowed under a man's skin; it was not a hoax.",
            StanceLabel.supports,
            "meaning",
            None,
        ),
    ],
)
def test_cue_words_in_their_forms(
    fake: ScriptedChatModel,
    settings: Settings,
    text: str,
    stance: StanceLabel,
    method: str,
    words: str | None,
) -> None:
    own = make_document("A tropical spider burrowed under a man's skin.", "own.txt")
    source = make_document(text, "s.txt")
    claim = claim_from(own, 0, own.sentences[0].text)
    (found,) = crosscheck_claim(claim, [SentenceIndex(source, DEFAULTS)], fake, settings)
    assert (found.stance, found.method) == (stance, method)
    assert found.note is None if words is None else (found.note is not None and found.note.endswith(words))
    assert not fake.history


def test_short_stems_do_not_make_a_denial_share_words(fake: ScriptedChatModel, settings: Settings) -> None:
    own = make_document("The Syrian pilot fell into an area controlled by Islamic State.", "own.txt")
    source = make_document(
        "Syrian officials deny the reports, stating that the plane was downed.\n"
        "The Syrian pilot fell into an area that Islamic State controlled.",
        "s.txt",
    )
    claim = claim_from(own, 0, own.sentences[0].text)
    (found,) = crosscheck_claim(claim, [SentenceIndex(source, DEFAULTS)], fake, settings)
    # "stating" and "State" share the stem "stat": the denial shares one word ("Syrian"), not two.
    assert (found.stance, found.method) == (StanceLabel.supports, "meaning")


def test_a_cue_word_the_claim_itself_uses_is_not_the_sources_verdict(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    own = make_document("Police arrested a hoaxer who faked a bomb threat at the airport.", "own.txt")
    source = make_document("Police arrested a hoaxer who faked a bomb threat at the city airport.", "s.txt")
    claim = claim_from(own, 0, own.sentences[0].text)
    (found,) = crosscheck_claim(claim, [SentenceIndex(source, DEFAULTS)], fake, settings)
    assert (found.stance, found.method) == (StanceLabel.supports, "meaning")


def test_a_claimer_denying_another_account_does_not_deny_its_own(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    own = make_document(
        "Damascus stated that the plane was striking an ISIS position when it was downed.", "own.txt"
    )
    source = make_document(
        "Syrian officials in Damascus deny the US claims, stating that their plane was downed while "
        "conducting a strike on an ISIS position.",
        "s.txt",
    )
    claim = claim_from(own, 0, own.sentences[0].text).model_copy(update={"claimer": "Damascus"})
    (found,) = crosscheck_claim(claim, [SentenceIndex(source, DEFAULTS)], fake, settings)
    assert (found.stance, found.method) == (StanceLabel.supports, "meaning")
    # Someone else denying it still contradicts, and so do a denier who shares only a generic word
    # with the claimer and a passive denial naming the claimer.
    claim = claim.model_copy(update={"claimer": "the Pentagon"})
    (found,) = crosscheck_claim(claim, [SentenceIndex(source, DEFAULTS)], fake, settings)
    assert (found.stance, found.method) == (StanceLabel.contradicts, "denial")
    for claimer, text in [
        (
            "Syrian officials",
            "US officials denied that the Syrian plane was striking an ISIS position when downed.",
        ),
        (
            "Damascus",
            "That Damascus's plane was striking an ISIS position when downed was denied by the Pentagon.",
        ),
    ]:
        source = make_document(text, "s.txt")
        claim = claim.model_copy(update={"claimer": claimer})
        (found,) = crosscheck_claim(claim, [SentenceIndex(source, DEFAULTS)], fake, settings)
        assert (found.stance, found.method) == (StanceLabel.contradicts, "denial"), text


def test_a_source_about_the_claim_only_by_topic_still_debunks_it(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    own = make_document(
        "An image shows Nigerian women armed with rifles who saved a town from Boko Haram.", "own.txt"
    )
    source = make_document("Story of gutsy bravehearts who fought off Boko Haram is a hoax.", "s.txt")
    claim = claim_from(own, 0, own.sentences[0].text)
    (found,) = crosscheck_claim(claim, [SentenceIndex(source, DEFAULTS)], fake, settings)
    # Too few of the claim's words for any passage to state it, but the source calls its story a hoax.
    assert (found.stance, found.method, found.note) == (
        StanceLabel.contradicts,
        "denial",
        "the source's text on it says: hoax",
    )
    # A party of the story denying something else does not settle it.
    source = make_document("Boko Haram denied that it had kidnapped girls from a school.", "s.txt")
    (found,) = crosscheck_claim(claim, [SentenceIndex(source, DEFAULTS)], fake, settings)
    assert found.stance is StanceLabel.not_mentioned
    assert not fake.history


def test_a_headline_in_its_own_words_is_about_the_claim_and_debunks_it(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    own = make_document("A Florida woman got a third breast.", "own.txt")
    claim = claim_from(own, 0, own.sentences[0].text)

    def against(line: str) -> SourceStance:
        source = make_document(f"Sports results came in late.\n{line}", "s.txt")
        (found,) = crosscheck_claim(claim, [SentenceIndex(source, DEFAULTS)], fake, settings)
        return found

    # One shared word and far by the static vectors, but close in the sentence encoder's reading.
    found = against("Doctors doubt the third boob")
    assert (found.stance, found.method) == (StanceLabel.not_mentioned, "retrieval")
    assert found.evidence is not None and found.evidence.text == "Doctors doubt the third boob"
    found = against("Third boob likely a hoax")
    assert (found.stance, found.method, found.note) == (
        StanceLabel.contradicts,
        "denial",
        "the source's text on it says: hoax",
    )
    # No word in common at all.
    assert against("Triple-breasted lady likely a hoax").stance is StanceLabel.contradicts
    # Asked, or a hoax denied, is no verdict on the story.
    for line in ["Is the third boob a hoax?", "Three-breasted lady denies her surgery was a hoax"]:
        assert against(line).stance is StanceLabel.not_mentioned, line
    # Among one event's articles every sentence is that close to every claim: the encoder's reading
    # alone neither makes the source about the claim nor aims a debunking word at it.
    hoax = make_document("Sports results came in late.\nThird boob likely a hoax", "h.txt")
    indexes = [SentenceIndex(own, DEFAULTS), SentenceIndex(hoax, DEFAULTS)]
    (found,) = crosscheck_claim(claim, indexes, fake, settings)
    assert (found.stance, found.evidence) == (StanceLabel.not_mentioned, None)
    assert not fake.history


def test_a_source_close_in_meaning_is_about_the_claim_but_only_stated_words_are_judged(
    fake: ScriptedChatModel, doc_a: Document, settings: Settings
) -> None:
    other = make_document(
        "Football scores came in late.\n"
        "The airman has not been found since the plane came down, Syrian officials stated.",
        "o.txt",
    )
    claim = claim_from(doc_a, 1, "The Syrian army said the pilot was missing after the crash.")
    (stance,) = crosscheck_claim(claim, [SentenceIndex(other, DEFAULTS)], fake, settings)
    # Too few shared words for retrieval alone, but close in meaning: the source is about the claim
    # and its closest sentence is the evidence; with too few of the claim's words it is not judged.
    assert (stance.stance, stance.method) == (StanceLabel.not_mentioned, "retrieval")
    assert stance.evidence is not None and stance.evidence.text == other.sentences[1].text
    assert stance.note == "the source is about it, but no passage states it"
    assert not fake.history


def test_transliterated_names_match() -> None:
    from pipeline.check import same_name

    assert same_name("rasafah", "rusafah") and same_name("raqqa", "raqqah") and same_name("tabqah", "tabqa")
    assert same_name("shayrat", "sharat") and same_name("sheikhoun", "sheikhun")
    assert not same_name("rasafah", "rasafat") and not same_name("jets", "jet")
    assert not same_name("shayrat", "shrat") and not same_name("abrupt", "brupt")
    index = SentenceIndex(make_document("The jet came down near the village of Rusafah.", "r.txt"), DEFAULTS)
    (hit,) = index.search("A jet fell near Rasafah village", 3)
    assert hit.terms == frozenset({"jet", "near", "rasafah", "village"})


def test_durations_are_not_counts() -> None:
    from pipeline.check import numeric_conflict

    assert (
        numeric_conflict("the first downing in six years of war", "held for nearly three years", DEFAULTS)
        is None
    )
    conflict = numeric_conflict(
        "killed over 60 Syrian soldiers", "killed more than 80 Syrian troops", DEFAULTS
    )
    assert conflict is not None and (conflict[0].value, conflict[1].value) == (60, 80)


def test_a_word_stated_in_other_words_earns_its_similarity() -> None:
    from pipeline.embeddings import WordMatcher

    matcher = WordMatcher(DEFAULTS.min_word_similarity)
    query = ["plane", "army", "killed", "60", "sunday"]
    passage = frozenset({"aircraft", "military", "injured", "80", "monday"})
    found = matcher.credits(query, frozenset(), passage)
    # Synonyms earn their cosine; a sibling (injured for killed, Monday for Sunday) and a different
    # number earn nothing.
    assert set(found) == {"plane", "army"}
    assert all(0.6 <= c < 1.0 for c in found.values())
    assert matcher.credits(["plane"], frozenset({"plane"}), passage) == {"plane": 1.0}
    # A word negated by a prefix, magnitudes and months are not synonyms.
    flips = frozenset({"illegal", "thousand", "february"})  # as `terms` spells them
    assert matcher.credits(["legal", "hundred", "january"], frozenset(), flips) == {}
    weights = {"plane": 1.0, "army": 1.0, "killed": 2.0}
    assert coverage_of(weights, found) == pytest.approx((found["plane"] + found["army"]) / 4)


def coverage_of(weights: dict[str, float], found: dict[str, float]) -> float:
    from pipeline.check import coverage

    return coverage(weights, found)


def test_a_passage_saying_the_claim_in_other_words_is_judged(
    fake: ScriptedChatModel, doc_a: Document, settings: Settings
) -> None:
    other = make_document(
        "Football scores came in late.\n"
        "The downing of the bomber marked the first time in the civil war that the USA had shot down "
        "a Syrian aircraft.",
        "o.txt",
    )
    claim = claim_from(doc_a, 0, "It was the first downing of a Syrian plane by US forces in the war.")
    (stance,) = crosscheck_claim(claim, [SentenceIndex(other, DEFAULTS)], fake, settings)
    # "plane" is stated as "aircraft" and "US" as "USA", and the sentence says it in other words.
    assert (stance.stance, stance.method) == (StanceLabel.supports, "meaning")
    assert stance.evidence is not None and stance.evidence.text == other.sentences[1].text


def _against(claim_text: str, passage: str, fake: ScriptedChatModel, settings: Settings) -> SourceStance:
    """The stance of a source holding `passage` (after an unrelated sentence) on a claim."""
    doc = make_document(claim_text, "a.txt")
    claim = claim_from(doc, 0, doc.sentences[0].text)
    source = make_document("Football scores came in late.\n" + passage, "b.txt")
    (stance,) = crosscheck_claim(claim, [SentenceIndex(source, DEFAULTS)], fake, settings)
    return stance


def test_a_claim_said_in_a_stretch_of_a_longer_sentence_is_supported_but_never_contradicted(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    longer = (
        "It's destructive, Mr. Gibbs said on the ABC News program This Week, adding that it reflected "
        "the nastiness, divisiveness, ugliness and distortions of a hard-fought nominating process."
    )
    stance = _against("Gibbs was on ABC's This Week.", longer, fake, settings)
    assert (stance.stance, stance.method) == (StanceLabel.supports, "meaning")
    assert stance.evidence is not None and stance.evidence.text == longer
    assert (
        stance.note
        == "the source states it within the sentence: Gibbs said on the ABC News program This Week,"
    )
    # Scored by the whole sentence's reading, the weaker one.
    assert stance.score < DEFAULTS.min_meaning
    # The stretch "putting people back to work" leaves out whose work: its missing "not" is no
    # contradiction of "That's not putting people back to work".
    trust = (
        "I trust in God, Mr. Obama said, but God wants to see us help ourselves by putting people "
        "back to work!"
    )
    stance = _against("That's not putting people back to work.", trust, fake, settings)
    assert (stance.stance, stance.method) == (StanceLabel.not_mentioned, "retrieval")
    assert not fake.history


def test_a_stretch_too_short_to_say_the_claim_supports_nothing(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    passage = (
        "Jasmine Tridevil, a Florida woman who says she paid twenty thousand dollars for the third "
        "boob, has been booked for a television show about her life."
    )
    assert _against("Third boob likely a hoax.", passage, fake, settings).stance is not StanceLabel.supports


@pytest.mark.parametrize(
    "passage",
    [
        # Framed as a question or a condition.
        "Asked whether Gibbs was on ABC's This Week, a spokeswoman said she could not discuss guests.",
        "If Gibbs was on ABC's This Week, adding that it reflected the nastiness, nobody noticed.",
        "In the end Gibbs was asked whether he was on ABC's This Week after all.",
        # Across a clause: someone else was on the program.
        "Axelrod, who replaced Gibbs, was on ABC's This Week, where he praised the campaign.",
    ],
)
def test_no_stretch_across_a_clause_or_under_a_condition_or_question(passage: str) -> None:
    index = SentenceIndex(make_document(passage, "a.txt"), DEFAULTS)
    assert index.stretches([0], frozenset({"gibb", "abc", "week"}), 3) == {}


def test_a_stretch_is_found_in_the_documents_spelling() -> None:
    doc = make_document("Officials said on Monday that the jet fell near Raqqah after the strike.", "a.txt")
    index = SentenceIndex(doc, DEFAULTS)
    assert index.stretches([0], frozenset({"jet", "raqqa"}), 3) == {0: "jet fell near Raqqah"}
    assert index.stretches([0], frozenset({"jet", "raqqa"}), 5) == {}


def test_a_dates_comma_or_brackets_do_not_break_a_stretch() -> None:
    text = "Aides said (Gibbs was on ABC's This Week on June 5, 2011) and later denied it all."
    index = SentenceIndex(make_document(text, "a.txt"), DEFAULTS)
    assert index.stretches([0], frozenset({"gibb", "abc", "week", "2011"}), 3) == {
        0: "(Gibbs was on ABC's This Week on June 5, 2011)"
    }


def test_a_passage_close_in_meaning_with_other_figures_does_not_support(
    fake: ScriptedChatModel, settings: Settings
) -> None:
    doc = make_document(
        "A missile fired by Syrian forces killed at least 18 civilians in Aleppo on Tuesday.", "a.txt"
    )
    claim = claim_from(doc, 0, doc.sentences[0].text)
    other = "Football scores came in late.\n"
    # Some of the victims (not comparable with the toll), close in meaning: no support; the same
    # toll in other words: support.
    some = (
        "Three civilians had died since being brought to hospitals after a missile fired by Syrian "
        "forces hit Aleppo on Tuesday."
    )
    same = (
        "A missile fired by Syrian forces killed at least 18 civilians in Aleppo on Tuesday, a monitor said."
    )
    found = [
        crosscheck_claim(
            claim, [SentenceIndex(make_document(other + text, f"{n}.txt"), DEFAULTS)], fake, settings
        )[0]
        for n, text in enumerate((some, same))
    ]
    assert [(f.stance, f.method) for f in found] == [
        (StanceLabel.not_mentioned, "retrieval"),
        (StanceLabel.supports, "meaning"),
    ]
    assert found[0].note == "the source gives another figure: claim says at least 18, source says Three"
    assert found[0].evidence is not None and found[0].evidence.text == some


def test_a_passage_negating_the_claim_or_asking_it_does_not_support_it(
    fake: ScriptedChatModel, doc_a: Document, settings: Settings
) -> None:
    claim = claim_from(doc_a, 1, "The Syrian pilot was captured by Islamic State fighters.")
    denied = make_document("The Syrian pilot was not captured by Islamic State fighters.", "n.txt")
    (stance,) = crosscheck_claim(claim, [SentenceIndex(denied, DEFAULTS)], fake, settings)
    assert (stance.stance, stance.method) == (StanceLabel.contradicts, "meaning")
    assert stance.note == "one side says it negated: not captured islamic state"
    asked = make_document("Was the Syrian pilot captured by Islamic State fighters?", "q.txt")
    (stance,) = crosscheck_claim(claim, [SentenceIndex(asked, DEFAULTS)], fake, settings)
    assert (stance.stance, stance.note) == (StanceLabel.not_mentioned, "the source only asks it")
    # A "not" in another clause negates nothing the claim says.
    elsewhere = make_document(
        "The Syrian pilot was captured by Islamic State fighters, who would not be deterred.", "e.txt"
    )
    (stance,) = crosscheck_claim(claim, [SentenceIndex(elsewhere, DEFAULTS)], fake, settings)
    assert (stance.stance, stance.method) == (StanceLabel.supports, "meaning")
    assert not fake.history


@pytest.mark.parametrize(
    ("passage", "stance", "note"),
    [
        # Idioms and negations of another clause negate nothing the claim says.
        ("US forces shot down a Syrian jet not far from Raqqa on Sunday.", "supports", None),
        (
            "Not only did US forces shoot down a Syrian jet near Raqqa, they warned Damascus.",
            "supports",
            None,
        ),
        ("They will not be deterred, and US forces shot down a Syrian jet near Raqqa.", "supports", None),
        (
            "US forces shot down a Syrian jet near Raqqa, though it was not clear why it flew.",
            "supports",
            None,
        ),
        # Not knowing, rejecting, asking.
        (
            "It was not immediately clear whether US forces shot down a Syrian jet near Raqqa.",
            "not_mentioned",
            "the source leaves it open: not immediately clear whether",
        ),
        (
            "The Pentagon would not confirm that US forces shot down a Syrian jet near Raqqa.",
            "not_mentioned",
            "the source leaves it open: would not confirm",
        ),
        (
            "The Pentagon won't say if US forces shot down a Syrian jet near Raqqa.",
            "not_mentioned",
            "the source leaves it open: won't say if",
        ),
        (
            "The Pentagon declined to say whether US forces shot down a Syrian jet near Raqqa.",
            "not_mentioned",
            "the source leaves it open: declined to say whether",
        ),
        (
            "Damascus dismissed reports that US forces shot down a Syrian jet near Raqqa.",
            "contradicts",
            "the source reports it rejected: dismissed reports",
        ),
        (
            '"Did US forces shoot down a Syrian jet near Raqqa on Sunday?" the reporter asked.',
            "not_mentioned",
            "the source only asks it",
        ),
        (
            "US forces did not shoot down a Syrian jet near Raqqa on Sunday.",
            "contradicts",
            "one side says it negated: not shoot syrian jet",
        ),
        (
            "The Pentagon wouldn\u2019t confirm that US forces shot down a Syrian jet near Raqqa.",
            "not_mentioned",
            "the source leaves it open: wouldn\u2019t confirm",
        ),
        (
            "The Pentagon cannot say whether US forces shot down a Syrian jet near Raqqa.",
            "not_mentioned",
            "the source leaves it open: cannot say whether",
        ),
        (
            "The Pentagon would not confirm whether US forces shot down a Syrian jet near Raqqa.",
            "not_mentioned",
            "the source leaves it open: would not confirm",
        ),
        (
            "Reports that US forces shot down a Syrian jet near Raqqa have not been confirmed by the "
            "Pentagon.",
            "not_mentioned",
            "the source leaves it open: not been confirmed",
        ),
        (
            "Activists said US forces shot down a Syrian jet near Raqqa, which could not be "
            "independently verified.",
            "not_mentioned",
            "the source leaves it open: not be independently verified",
        ),
        (
            "It isn't clear whether US forces shot down a Syrian jet near Raqqa.",
            "not_mentioned",
            "the source leaves it open: isn't clear whether",
        ),
        # What it leaves open the source states outside it: the jet.
        (
            "US forces shot down a Syrian jet near Raqqa on Sunday, but the Pentagon declined to say "
            "whether the jet's pilot survived.",
            "supports",
            None,
        ),
        # Left open in another clause, about something else: the source states the claim.
        (
            "US forces shot down a Syrian jet near Raqqa on Sunday, the Pentagon said, but it declined "
            "to say whether the pilot survived.",
            "supports",
            None,
        ),
    ],
)
def test_what_a_passage_saying_the_claim_does_with_it(passage: str, stance: str, note: str | None) -> None:
    found = by_meaning("US forces shot down a Syrian jet near Raqqa on Sunday.", passage)
    assert (found.stance.value, found.note, found.method) == (stance, note, "meaning")


def test_a_claim_that_leaves_it_open_is_stated_only_by_a_source_that_does() -> None:
    claim = "The White House won't say if the Foley family was threatened not to pay a ransom."
    stating = by_meaning(claim, "The Foley family was threatened not to pay a ransom, a relative said.")
    assert (stating.stance, stating.note) == (
        StanceLabel.not_mentioned,
        "the claim leaves it open: won't say if",
    )
    silent = by_meaning(
        claim, "The White House declined to say whether the Foley family was threatened not to pay a ransom."
    )
    assert silent.stance is StanceLabel.supports


def by_meaning(claim: str, passage: str) -> SourceStance:
    """What `stance_by_meaning` makes of a passage for a claim in the outlet's voice."""
    from pipeline.check.meaning import stance_by_meaning
    from pipeline.records import Span

    said = Claim(
        claim_id="c",
        claim=claim,
        claimer="the outlet",
        doc_id="d",
        quote=Span(text=claim, start=0, end=len(claim)),
        rewrite="quote",
    )
    return stance_by_meaning(said, "o", Span(text=passage, start=0, end=len(passage)), 0.8)


@pytest.mark.parametrize(
    ("claim", "passage", "stance"),
    [
        # Disowning a negative is no negation of the fact.
        (
            "I believe the president's Christian.",
            "I wasn't suggesting the president's not a Christian.",
            "supports",
        ),
        # A negation the next clause corrects: what it corrects to is stated ...
        ("Man is the objective.", "That is not the objective, man is the objective.", "supports"),
        (
            "The jet was shot down by Russia.",
            "The jet was not shot down by the US, it was shot down by Russia.",
            "supports",
        ),
        # ... and what it negated stays negated.
        (
            "The jet was shot down by the US.",
            "The jet was not shot down by the US, it was shot down by Russia.",
            "contradicts",
        ),
        # A word of refusing says no as "not" does: with a negation on the other side they agree;
        # alone it decides nothing (FNC-1 headlines such as "X denies taking selfie" are agreed
        # with by bodies saying so in words the rules do not read).
        (
            "Employers should not be required to cover prenatal testing.",
            "He defended his criticism of a requirement that employers cover prenatal testing.",
            "supports",
        ),
        ("The jet was not shot down.", "Damascus denied that the jet was shot down.", "supports"),
        (
            "Gwen Korovin denies taking a selfie.",
            "Dr Gwen Korovin insists reports she took a selfie are not true.",
            "supports",
        ),
        # Not when the refusal is what is negated, is itself negated, or refuses something else.
        ("Iran rejected the nuclear deal.", "Iran did not reject the nuclear deal.", "contradicts"),
        ("The jet was not shot down.", "There is no denying that the jet was shot down.", "contradicts"),
        (
            "The jet was not shot down.",
            "The opposing Observatory said the jet was shot down.",
            "contradicts",
        ),
        (
            "Airstrikes did not hit the hospital.",
            "Airstrikes hit the hospital; Russia denied the airstrikes.",
            "contradicts",
        ),
        (
            "The army did not kill civilians.",
            "The army faced criticism after killing civilians in the raid.",
            "contradicts",
        ),
        # "By no means" is no disowning.
        (
            "The rebels withdrew from the town.",
            "It is by no means certain the rebels did not withdraw from the town.",
            "contradicts",
        ),
        # A participle describing someone refuses nothing.
        (
            "The offensive began on Friday, the Syrian Observatory said.",
            "The offensive began on Friday, the opposing UK-based Syrian Observatory said.",
            "supports",
        ),
        # Critics are who speaks, not what they say.
        ("The bill creates jobs.", "Critics of the president said the bill creates jobs.", "supports"),
        ("The jet was shot down.", "Damascus did not say the jet was shot down.", "contradicts"),
    ],
)
def test_negations_that_cancel_or_agree(claim: str, passage: str, stance: str) -> None:
    found = by_meaning(claim, passage)
    assert found.stance.value == stance
    assert (found.note is not None) == (stance == "contradicts")


def test_a_negated_word_in_another_inflection_is_the_same_word() -> None:
    from pipeline.check.meaning import stance_by_meaning
    from pipeline.records import Span

    text = "The president became the adopted godmother of a boy."
    claim = Claim(
        claim_id="c",
        claim=text,
        claimer="the outlet",
        doc_id="d",
        quote=Span(text=text, start=0, end=len(text)),
        rewrite="quote",
    )
    passage = "No, the president did not actually adopt a Jewish child to stop a curse."
    found = stance_by_meaning(claim, "o", Span(text=passage, start=0, end=len(passage)), 0.8)
    assert (found.stance, found.note) == (
        StanceLabel.contradicts,
        "one side says it negated: not actually adopt jewish",
    )
    # Only the negated head may differ in inflection: "will not be deterred in fighting" does not
    # negate "its effort to fight".
    fight = claim.model_copy(update={"claim": "The attack was meant to undermine its effort to fight."})
    passage = "Such attacks seek to undermine the army, but it will not be deterred in fighting."
    found = stance_by_meaning(fight, "o", Span(text=passage, start=0, end=len(passage)), 0.8)
    assert found.stance is StanceLabel.supports
    from pipeline.text import stem

    assert {stem(w) for w in ("adopt", "adopted", "adopts", "adopting")} == {"adopt"}
    assert stem("captured") == stem("capture")
    # Irregular forms stay apart; short words keep their ending.
    assert stem("caught") != stem("catch") and stem("died") == "died"
    assert stem("burrowing") == stem("burrowed") == stem("burrow")
    # A stem under 5 letters would collide: the word must match as written.
    assert stem("stating") != stem("state") and stem("voted") == "voted"
    # "no" negates a noun: "no arrests on Friday" says nothing against "arrested" on Saturday.
    arrested = claim.model_copy(update={"claim": "Police arrested the protesters outside parliament."})
    passage = "Police made no arrests on Friday but arrested the protesters outside parliament on Saturday."
    found = stance_by_meaning(arrested, "o", Span(text=passage, start=0, end=len(passage)), 0.8)
    assert found.stance is StanceLabel.supports


def test_an_unknown_stance_judge_is_refused() -> None:
    with pytest.raises(ValueError, match="use encoder or model"):
        Settings(stance_judge="llm")


def test_words_of_saying_and_connectives_weigh_nothing() -> None:
    index = SentenceIndex(make_document("A US strike hit the Shayrat airbase near Homs.", "a.txt"), DEFAULTS)
    claim = "In addition, the army stated that the strike supposedly hit the airbase, though it told no one."
    assert set(term_weights(claim, [index])) == {"army", "strike", "hit", "airbase"}


def test_coverage_is_the_same_in_any_word_order() -> None:
    import random

    from pipeline.check import coverage

    # A set's order changes with the process's hash seed; a share summed in another order may land
    # on the other side of a threshold (0.1 + 0.2 + 0.3 != 0.3 + 0.2 + 0.1 in floats).
    weights = {f"w{i}": 0.1 * (i % 4 + 1) for i in range(12)}
    found = {"w0", "w1", "w2", "w5", "w9"}
    shares = set()
    for seed in range(30):
        items = list(weights.items())
        random.Random(seed).shuffle(items)
        shares.add(coverage(dict(items), found))
    assert len(shares) == 1


def test_the_storys_words_are_those_every_source_uses_when_several_tell_it() -> None:
    from pipeline.check.retrieve import story_words

    texts = [
        "Santorum said the president is a Christian.",
        "Santorum defended his remarks about the president on Sunday.",
        "The president's aides criticised Santorum's theology remarks.",
    ]
    docs = [make_document(t, f"{i}.txt") for i, t in enumerate(texts)]
    indexes = [SentenceIndex(d, DEFAULTS) for d in docs]
    assert story_words(texts[0], indexes, docs[0].doc_id) == {"santorum", "president"}
    # Against one other source, every shared word is what both say.
    assert story_words(texts[0], indexes[:2], docs[0].doc_id) == frozenset()


def _by_meaning(claim_text: str, passage_text: str, story: frozenset[str] = frozenset()) -> StanceLabel:
    """What a passage the sentence encoder reads as saying the claim does with it."""
    from pipeline.check.meaning import stance_by_meaning
    from pipeline.records import Span

    doc = make_document(claim_text, "a.txt")
    passage = Span(text=passage_text, start=0, end=len(passage_text))
    return stance_by_meaning(claim_from(doc, 0, doc.sentences[0].text), "b", passage, 0.8, story).stance


def test_a_negation_of_only_the_storys_words_negates_nothing() -> None:
    claim = "Santorum said he accepts that the president is a Christian."
    text = "Santorum said he was referring not to the president's faith but to his energy policy."
    assert _by_meaning(claim, text) is StanceLabel.contradicts
    assert _by_meaning(claim, text, frozenset({"santorum", "president"})) is StanceLabel.supports


def test_a_negation_of_a_name_alone_negates_nothing() -> None:
    claim = "Trump put forth a proposal that will reopen the government."
    text = "Democrats insist they will not negotiate with Mr. Trump until the government reopens."
    assert _by_meaning(claim, text) is StanceLabel.supports
    # A title-case headline is not read as all names: "Not Meet Pelosi" negates the meeting.
    met = "Trump met Pelosi on Friday to reopen the government."
    assert _by_meaning(met, "Trump Will Not Meet Pelosi") is StanceLabel.contradicts
