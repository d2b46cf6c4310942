from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from pipeline.errors import OutputParseError, StructuredOutputError
from pipeline.llm import (
    call_structured,
    call_structured_many,
    close_truncated_json,
    parse_json_output,
)
from pipeline.records import ExtractedClaim
from tests.fakes import ScriptedChatModel

GOOD = {"claimer": "Syrian army", "claim": "A US jet shot down a Syrian Su-22 near Raqqa."}


def test_parse_checks_json_schema_and_model() -> None:
    assert parse_json_output('{"claimer": "a", "claim": "b"}', ExtractedClaim).claimer == "a"
    with pytest.raises(OutputParseError, match="invalid JSON"):
        parse_json_output('{"claimer": ', ExtractedClaim)
    with pytest.raises(OutputParseError, match="schema violation at output: 'claim' is a required"):
        parse_json_output('{"claimer": "a"}', ExtractedClaim)
    with pytest.raises(OutputParseError, match="schema violation at claimer"):
        parse_json_output('{"claimer": "' + "x" * 200 + '", "claim": "b"}', ExtractedClaim)
    with pytest.raises(OutputParseError, match="Additional properties"):
        parse_json_output('{"claimer": "a", "claim": "b", "extra": 1}', ExtractedClaim)


def test_close_truncated_json() -> None:
    assert close_truncated_json('{"claimer": "a", "claim": "b') == '{"claimer": "a", "claim": "b"}'
    with pytest.raises(ValueError):
        close_truncated_json('{"claimer": ')


def test_reask_feeds_the_error_back(fake: ScriptedChatModel) -> None:
    fake.enqueue_json("not json", GOOD)
    out = call_structured(fake, [HumanMessage("Q:")], ExtractedClaim, attempts=3, stage="extract")
    assert out.claimer == "Syrian army"
    assert len(fake.history) == 2
    first, second = fake.history[0][1], fake.history[1][1]
    assert first == "Q:"
    assert second.startswith("Q:not json") and "invalid JSON" in second
    assert "json_schema" in fake.history[0][2]  # a grammar model gets the schema


def test_gives_up_with_a_typed_error(fake: ScriptedChatModel) -> None:
    fake.enqueue_json(('{"claimer": "a", "claim": "b b b', "length"), "[]")
    with pytest.raises(StructuredOutputError) as err:
        call_structured(fake, [HumanMessage("Q:")], ExtractedClaim, attempts=2, stage="extract")
    assert err.value.attempts == 2 and err.value.last_output == "[]"
    assert "schema violation" in err.value.reason


def test_repair_keeps_a_truncated_reply(fake: ScriptedChatModel) -> None:
    fake.enqueue_json(('{"claimer": "a", "claim": "cut here', "length"))
    out = call_structured(
        fake,
        [HumanMessage("Q:")],
        ExtractedClaim,
        attempts=1,
        stage="x",
        repair=close_truncated_json,
    )
    assert out.claim == "cut here"


def test_many_conversations_are_asked_in_rounds(fake: ScriptedChatModel) -> None:
    other = {"claimer": "Pentagon", "claim": "The Su-22 had dropped bombs near SDF fighters."}
    # Round one answers all three in order; only the invalid second one is asked again.
    fake.enqueue_json(GOOD, '{"claimer": "x"', other, GOOD, "still not json")
    out = call_structured_many(
        fake,
        [[HumanMessage("Q1")], [HumanMessage("Q2")], [HumanMessage("Q3")]],
        ExtractedClaim,
        attempts=2,
        stage="extract",
    )
    assert [type(o).__name__ for o in out] == ["ExtractedClaim", "ExtractedClaim", "ExtractedClaim"]
    assert [o.claimer for o in out if isinstance(o, ExtractedClaim)] == [
        "Syrian army",
        "Syrian army",
        "Pentagon",
    ]
    prompts = [prompt for _, prompt, _ in fake.history]
    assert prompts[:3] == ["Q1", "Q2", "Q3"]
    assert prompts[3].startswith('Q2{"claimer": "x"') and "That reply was invalid (invalid JSON" in prompts[3]
    assert len(prompts) == 4 and list(fake._json) == ["still not json"]


def test_many_returns_failures_in_place(fake: ScriptedChatModel) -> None:
    fake.enqueue_json("nope", GOOD, "nope again")
    out = call_structured_many(
        fake, [[HumanMessage("Q1")], [HumanMessage("Q2")]], ExtractedClaim, attempts=2, stage="extract"
    )
    assert isinstance(out[0], StructuredOutputError) and "after 2 attempts" in str(out[0])
    assert isinstance(out[1], ExtractedClaim)
