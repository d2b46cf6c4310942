"""Structured model calls: render -> call -> parse, with a bounded re-ask on invalid output."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import jsonschema
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import BaseModel, ValidationError

from pipeline.errors import OutputParseError, PromptTooLongError, StructuredOutputError
from pipeline.schemas import schema_for

M = TypeVar("M", bound=BaseModel)


def close_truncated_json(text: str) -> str:
    """Close a reply cut off at the token limit inside a string or object, when that yields JSON."""
    for suffix in ('"}', "}", '"]}', "]}", '"}]}', "}]}"):
        try:
            json.loads(text + suffix)
        except json.JSONDecodeError:
            continue
        return text + suffix
    raise ValueError("cannot close the reply")


def parse_json_output(text: str, output: type[M], repair: Callable[[str], str] | None = None) -> M:
    """Parse model text into the record: JSON, then the published JSON Schema, then pydantic."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        if repair is None:
            raise OutputParseError(f"invalid JSON: {err.msg} at char {err.pos}") from None
        try:
            data = json.loads(repair(text))
        except (json.JSONDecodeError, ValueError):
            raise OutputParseError(f"invalid JSON: {err.msg} at char {err.pos}") from None
    try:
        jsonschema.validate(data, schema_for(output))
    except jsonschema.ValidationError as err:
        where = "/".join(str(p) for p in err.absolute_path) or "output"
        raise OutputParseError(f"schema violation at {where}: {err.message}") from None
    try:
        return output.model_validate(data)
    except ValidationError as err:
        raise OutputParseError(f"invalid output: {err.errors()[0]['msg']}") from None


def call_structured(
    model: BaseChatModel,
    messages: list[BaseMessage],
    output: type[M],
    *,
    attempts: int,
    stage: str,
    max_tokens: int | None = None,
    repair: Callable[[str], str] | None = None,
) -> M:
    """Ask for a record; on invalid output feed the error back, at most `attempts` calls in all."""
    result = call_structured_many(
        model, [messages], output, attempts=attempts, stage=stage, max_tokens=max_tokens, repair=repair
    )[0]
    if isinstance(result, Exception):
        raise result
    return result


def call_structured_many(
    model: BaseChatModel,
    conversations: list[list[BaseMessage]],
    output: type[M],
    *,
    attempts: int,
    stage: str,
    max_tokens: int | None = None,
    repair: Callable[[str], str] | None = None,
) -> list[M | StructuredOutputError | PromptTooLongError]:
    """`call_structured` for many conversations: each round asks for every one still without a valid
    record in a single `model.batch` call (the local model decodes them together), so a failure
    costs a re-ask of that conversation only. A prompt too long for the model is returned, not raised."""
    schema = schema_for(output)
    kwargs: dict[str, Any] = {"stage": stage}
    if getattr(model, "supports_grammar", False):
        kwargs["json_schema"] = schema
        if max_tokens:
            kwargs["max_tokens"] = max_tokens
    results: list[M | StructuredOutputError | PromptTooLongError | None] = [None] * len(conversations)
    histories = [list(m) for m in conversations]
    pending = list(range(len(conversations)))
    tries = max(1, attempts)
    for attempt in range(tries):
        # One at a time for other chat models: a scripted or remote model answers in call order.
        replies = model.batch(
            [histories[i] for i in pending], {"max_concurrency": 1}, return_exceptions=True, **kwargs
        )
        still: list[int] = []
        for i, reply in zip(pending, replies, strict=True):
            if isinstance(reply, PromptTooLongError):
                results[i] = reply
                continue
            if isinstance(reply, Exception):
                raise reply
            last = reply.content if isinstance(reply.content, str) else str(reply.content)
            try:
                results[i] = parse_json_output(last, output, repair)
                continue
            except OutputParseError as err:
                reason = str(err)
            finish = reply.response_metadata.get("finish_reason")
            if finish == "length":
                reason += "; output cut at the token limit"
            elif finish == "repetition":
                reason += "; output cut where it started repeating itself"
            if attempt == tries - 1:
                results[i] = StructuredOutputError(reason, last, tries)
                continue
            histories[i] = [
                *conversations[i],
                AIMessage(content=last),
                HumanMessage(
                    content=f"\nThat reply was invalid ({reason}). Reply again with valid JSON only.\n"
                ),
            ]
            still.append(i)
        pending = still
        if not pending:
            break
    return [r for r in results if r is not None]
