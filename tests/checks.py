"""Assertions shared by the end-to-end tests: an output directory is schema-valid and grounded."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema

from pipeline.records import Verdict
from pipeline.schemas import schema_for, schema_path


def check_output(out: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """run.json and every verdict, after checking them against the schemas and every span
    against out/documents/<doc_id>.txt."""
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    jsonschema.validate(run, json.loads(schema_path("run").read_text(encoding="utf-8")))
    verdict_schema = json.loads(schema_path("verdict").read_text(encoding="utf-8"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (out / "documents").glob("*.txt")}
    verdicts = []
    for path in sorted((out / "verdicts").glob("*.json")):
        verdict = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(verdict, verdict_schema)
        assert path.stem == verdict["claim_id"]
        quote = verdict["quote"]
        assert texts[verdict["source"]["doc_id"]][quote["start"] : quote["end"]] == quote["text"]
        for stance in verdict["stances"]:
            if stance["evidence"] is not None:
                ev = stance["evidence"]
                assert texts[stance["doc_id"]][ev["start"] : ev["end"]] == ev["text"]
        verdicts.append(verdict)
    assert len(verdicts) == run["counts"]["claims"]
    return run, verdicts


def verdict_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "verdicts").iterdir())}


def assert_complete(out: Path, reference: Path) -> None:
    """Exactly the uninterrupted run's verdict files and texts, each whole; no temp file anywhere."""
    assert verdict_files(out) == verdict_files(reference)
    assert sorted(os.listdir(out / "documents")) == sorted(os.listdir(reference / "documents"))
    for path in (out / "verdicts").iterdir():
        data = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema_for(Verdict))
        assert path.name == f"{data['claim_id']}.json"
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert not (out / "retired").exists()


def changes(out: Path) -> dict[str, int]:
    ch = json.loads((out / "run.json").read_text(encoding="utf-8"))["changes"]
    return {"extracted": ch["extracted"], "reused": ch["reused"], "rechecked": ch["claims_rechecked"]}
