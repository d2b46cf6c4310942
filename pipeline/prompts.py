"""Versioned prompt files in prompts/, loaded as langchain-core ChatPromptTemplates.

File format: `prompts/<name>.<version>.txt`; a line `::system::`, `::human::` or `::ai::` starts a
message; `{variable}` is substituted and literal braces are doubled (f-string templates). The file's
final newline is not part of the prompt, so a prompt can end mid-line (e.g. after "Answer:")."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from langchain_core.prompts import ChatPromptTemplate

from pipeline.errors import PromptNotFoundError

PROMPT_DIR = Path(__file__).resolve().parent.parent / "prompts"
# The versions this code was written and measured against; a verdict records them.
PROMPT_VERSIONS = {"extract_claims": "v1", "crosscheck": "v1"}
_ROLE = re.compile(r"^::(system|human|ai)::[ \t]*\n?", re.MULTILINE)


@cache
def load_prompt(name: str, version: str | None = None) -> ChatPromptTemplate:
    version = version or PROMPT_VERSIONS.get(name)
    path = PROMPT_DIR / f"{name}.{version}.txt"
    if version is None or not path.is_file():
        known = sorted(p.name for p in PROMPT_DIR.glob("*.txt"))
        raise PromptNotFoundError(f"no prompt {name!r} version {version!r} in {PROMPT_DIR}; have {known}")
    return parse_prompt(path.read_text(encoding="utf-8"))


def parse_prompt(source: str) -> ChatPromptTemplate:
    if source.endswith("\n"):
        source = source[:-1]
    pieces = _ROLE.split(source)
    if pieces[0].strip():
        raise ValueError("a prompt file must start with a ::system::, ::human:: or ::ai:: line")
    messages = [(role, body) for role, body in zip(pieces[1::2], pieces[2::2], strict=True)]
    return ChatPromptTemplate.from_messages(messages, template_format="f-string")


def prompt_versions() -> dict[str, str]:
    return {name: f"{name}.{version}" for name, version in PROMPT_VERSIONS.items()}
