"""Property-based tests over the code that turns untrusted text into spans and records."""

from __future__ import annotations

import contextlib
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import decode, html_to_text, make_document
from pipeline.numbers import numeric_conflict, quantities
from pipeline.records import ExtractedClaim
from pipeline.retrieve import terms
from pipeline.sentences import split_sentences
from pipeline.structured import OutputParseError, close_truncated_json, parse_json_output

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from(list(".!? \n\"'\u201d\u2019")),
    max_size=400,
)


@given(TEXT, st.integers(min_value=0, max_value=50))
@settings(max_examples=300, deadline=None)
def test_sentences_are_exact_ordered_and_trimmed(text: str, start: int) -> None:
    start = min(start, len(text))
    spans = split_sentences(text, start)
    previous_end = start
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert span.start >= previous_end and span.end > span.start
        assert span.text == span.text.strip()
        assert len(span.text) <= 600
        previous_end = span.end


@given(st.binary(max_size=300))
def test_decode_never_fails(data: bytes) -> None:
    assert isinstance(decode(data), str)


@given(TEXT)
@settings(max_examples=200, deadline=None)
def test_documents_from_any_text_keep_their_offsets(text: str) -> None:
    doc = make_document(text, "x.txt")
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
    assert len(doc.doc_id) == 16


@given(st.text(max_size=300))
def test_parser_raises_only_its_own_error(text: str) -> None:
    with contextlib.suppress(OutputParseError):
        parse_json_output(text, ExtractedClaim)


@given(
    st.builds(ExtractedClaim, claimer=st.text(max_size=40), claim=st.text(max_size=120)),
    st.integers(min_value=0, max_value=400),
)
@settings(max_examples=300, deadline=None)
def test_closing_a_cut_reply_gives_json_or_a_clear_refusal(claim: ExtractedClaim, cut: int) -> None:
    text = json.dumps(claim.model_dump())
    try:
        closed = close_truncated_json(text[:cut])
    except ValueError:
        return
    json.loads(closed)  # whatever it returns is valid JSON


@given(TEXT, TEXT)
@settings(max_examples=200, deadline=None)
def test_numeric_check_is_total(a: str, b: str) -> None:
    conflict = numeric_conflict(a, b)
    if conflict is not None:
        mine, other = conflict
        assert mine.value != other.value and mine.unit & other.unit
    assert all(q.unit for q in quantities(a))
    assert all(t == t.lower() for t in terms(a))


PLAIN = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="<>&"), max_size=100
)


@given(PLAIN, PLAIN, PLAIN)
def test_html_scripts_and_styles_never_reach_the_text(before: str, middle: str, after: str) -> None:
    html = f"<p>{before}</p><script>var MARK1 = 1;</script>{middle}<style>.MARK2{{}}</style><p>{after}</p>"
    title, text = html_to_text(html)
    assert "MARK1" not in text and "MARK2" not in text and title is None
    assert " ".join(after.split()) in " ".join(text.split())
