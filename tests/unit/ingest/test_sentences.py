from pipeline.ingest import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_splits_prose_and_keeps_offsets() -> None:
    text = "  The U.S. said so. Mr. Smith left!  Then 3.5 million fled?\nNew line here"
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "The U.S. said so.",
        "Mr. Smith left!",
        "Then 3.5 million fled?",
        "New line here",
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_a_title_before_a_name_ends_no_sentence() -> None:
    text = "A video showed North Carolina Rep. Bob Etheridge on a street. Sen. Smith and Gov. Jones spoke."
    assert texts(text) == [
        "A video showed North Carolina Rep. Bob Etheridge on a street.",
        "Sen. Smith and Gov. Jones spoke.",
    ]


def test_run_together_and_tokenised_text() -> None:
    assert texts("a Syrian aircraft.Earlier, Russian officials spoke.") == [
        "a Syrian aircraft.",
        "Earlier, Russian officials spoke.",
    ]
    assert texts("near raqqa .\nwashington claims it . officials deny it .") == [
        "near raqqa .",
        "washington claims it .",
        "officials deny it .",
    ]
    assert texts("on the ground.back in 2016 they came, see example.com today.") == [
        "on the ground.",
        "back in 2016 they came, see example.com today.",
    ]


def test_start_offset_and_long_runs() -> None:
    text = "date 2017-06-18 Body starts here. Then" + " word" * 400
    spans = split_sentences(text, start=16)
    assert spans[0].text == "Body starts here."
    assert all(len(s.text) <= 600 for s in spans)
    assert all(text[s.start : s.end] == s.text for s in spans)
