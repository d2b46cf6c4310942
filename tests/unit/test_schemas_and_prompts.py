from __future__ import annotations

import json

import jsonschema
import pytest

from pipeline import schemas
from pipeline.errors import PromptNotFoundError
from pipeline.prompts import load_prompt, parse_prompt, prompt_versions


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


def test_crosscheck_prompt_renders_exactly() -> None:
    messages = load_prompt("crosscheck").format_messages(claim="A jet was downed.", passage="The jet fell.")
    text = "".join(str(m.content) for m in messages)
    assert text.startswith("Decide whether a passage from another news article supports a claim")
    assert text.endswith("Answer: contradicts\n\nClaim: A jet was downed.\nPassage: The jet fell.\nAnswer:")


def test_extract_prompt_renders_exactly() -> None:
    messages = load_prompt("extract_claims").format_messages(article="T (2017-06-18)", sentence="S.")
    text = "".join(str(m.content) for m in messages)
    assert text.startswith("Rewrite each news sentence as a self-contained claim")
    assert (
        '{"claimer": "the outlet", "claim": "Dhaka has been hit by floods almost every year since 1998."}'
        in text
    )
    assert text.endswith('since 1998."}\n\nArticle: T (2017-06-18)\nSentence: S.\n')


def test_versions_are_recorded() -> None:
    assert prompt_versions() == {
        "extract_claims": "extract_claims.v1",
        "crosscheck": "crosscheck.v1",
    }
