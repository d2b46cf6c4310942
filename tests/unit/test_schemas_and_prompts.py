from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from pipeline import schemas
from pipeline.check import render_crosscheck
from pipeline.errors import PromptNotFoundError
from pipeline.extract import render_extract
from pipeline.ingest import make_document
from pipeline.prompts import load_prompt, parse_prompt, prompt_versions
from pipeline.records import Span

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "prompts"


@pytest.mark.parametrize("name", sorted(schemas.PUBLISHED))
def test_schema_files_match_the_models(name: str) -> None:
    path = schemas.schema_path(name)
    assert path.read_text(encoding="utf-8") == schemas.render(schemas.PUBLISHED[name]), (
        f"{path} is out of date: run `factcheck schemas`"
    )
    jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def test_unknown_prompt_fails_loudly() -> None:
    with pytest.raises(PromptNotFoundError, match="no prompt 'nope'"):
        load_prompt("nope", "v1")
    with pytest.raises(PromptNotFoundError):
        load_prompt("crosscheck", "v999")


def test_prompt_file_format() -> None:
    template = parse_prompt("::system::\nBe {{exact}}.\n::human::\nQ: {q}\nA:\n")
    messages = template.format_messages(q="why")
    assert [m.type for m in messages] == ["system", "human"]
    assert messages[0].content == "Be {exact}.\n" and messages[1].content == "Q: why\nA:"
    with pytest.raises(ValueError):
        parse_prompt("no role line\n")


# The prompts as the model receives them (message roles marked), compared whole with a golden file in
# tests/data/prompts, so that any change to a prompt is a visible diff. After an intended change:
# FACTCHECK_UPDATE_GOLDEN=1 pytest tests/unit/test_schemas_and_prompts.py, and review the diff.
PROMPT_CASES = {
    "crosscheck": lambda: render_crosscheck("A jet was downed.", "The jet fell."),
    "extract_claims": lambda: render_extract(
        make_document("date 2017-06-18\nJet downed\nA US jet shot down a Syrian jet on Sunday.", "a.txt"),
        Span(text="A US jet shot down a Syrian jet on Sunday.", start=27, end=69),
    ),
}


@pytest.mark.parametrize("name", sorted(PROMPT_CASES))
def test_prompt_renders_exactly_as_its_golden_file(name: str) -> None:
    rendered = "".join(f"::{m.type}::\n{m.content}\n" for m in PROMPT_CASES[name]())
    golden = GOLDEN / f"{prompt_versions()[name]}.txt"
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_versions_are_recorded() -> None:
    assert prompt_versions() == {
        "extract_claims": "extract_claims.v1",
        "crosscheck": "crosscheck.v1",
    }
