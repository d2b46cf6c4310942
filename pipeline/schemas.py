"""JSON Schema files in schemas/, generated from the pydantic records (the source of truth)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pipeline.records import ExtractedClaim, RunManifest, StanceOutput, Verdict

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
PUBLISHED: dict[str, type[BaseModel]] = {
    "verdict": Verdict,
    "run": RunManifest,
    "claim": ExtractedClaim,
    "stance": StanceOutput,
}


def generate(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def render(model: type[BaseModel]) -> str:
    return json.dumps(generate(model), indent=2, ensure_ascii=False) + "\n"


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


@cache
def schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """The published schema of a record; records that are not published get a generated one."""
    for name, published in PUBLISHED.items():
        if published is model:
            loaded: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
            return loaded
    return generate(model)


def write_all() -> list[Path]:
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in PUBLISHED.items():
        path = schema_path(name)
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written
