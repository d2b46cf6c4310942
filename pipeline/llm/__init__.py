"""The model layer: everything that touches llama.cpp lives here, and nothing outside it does.

Stages see a langchain-core `BaseChatModel` (`LlamaChatModel`, or any other chat model such as the
tests' scripted one) and call it through `call_structured` (render -> call -> parse, bounded re-ask)
or `invoke(..., choices=[...])` (label scores)."""

from pipeline.llm.chat_model import LlamaChatModel
from pipeline.llm.encoding import PromptEncoder, render_raw
from pipeline.llm.loader import ModelSource, close_all, open_model, process_model
from pipeline.llm.models import KNOWN_MODELS, ModelFile, resolve, sha256_file
from pipeline.llm.stats import ModelStats
from pipeline.llm.structured import (
    call_structured,
    call_structured_many,
    close_truncated_json,
    parse_json_output,
)

__all__ = [
    "KNOWN_MODELS",
    "LlamaChatModel",
    "ModelFile",
    "ModelSource",
    "ModelStats",
    "PromptEncoder",
    "call_structured",
    "call_structured_many",
    "close_all",
    "close_truncated_json",
    "open_model",
    "parse_json_output",
    "process_model",
    "render_raw",
    "resolve",
    "sha256_file",
]
