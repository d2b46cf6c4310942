from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pipeline.errors import GroundingError
from pipeline.extract import claim_id
from pipeline.files import write_atomic
from pipeline.output import verdict_path, write_verdicts
from pipeline.records import Claim, Document, Provenance, SourceStance, Span, StanceLabel
from pipeline.schemas import schema_path
from pipeline.verdict import CorpusInfo, build_verdicts

EVENT = "e" * 16
PROV = Provenance(
    model="m",
    model_sha256="0" * 64,
    embedder="e",
    embedder_sha256="1" * 64,
    encoder="n",
    encoder_sha256="2" * 64,
    prompts={"x": "x.v1"},
    pipeline_version="0",
)


def verdict_for(doc: Document, other: Document, evidence: Span | None = None):  # type: ignore[no-untyped-def]
    text = "A US warplane shot down a Syrian army jet near Raqqa."
    claim = Claim(
        claim_id=claim_id(doc.doc_id, text),
        claim=text,
        claimer="the outlet",
        doc_id=doc.doc_id,
        quote=doc.sentences[0],
        rewrite="model",
    )
    stance = SourceStance(
        doc_id=other.doc_id,
        stance=StanceLabel.supports,
        evidence=evidence or other.sentences[0],
        score=0.9,
        method="model",
    )
    corpus = CorpusInfo({d.doc_id: d for d in (doc, other)}, {d.doc_id: EVENT for d in (doc, other)})
    (verdict,) = build_verdicts([claim], {claim.claim_id: [stance]}, corpus, PROV)
    return verdict


def test_verdict_files_are_valid_and_grounded(tmp_path: Path, doc_a: Document, doc_b: Document) -> None:
    verdict = verdict_for(doc_a, doc_b)
    (path,) = write_verdicts(tmp_path, [verdict], [doc_a, doc_b])
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(schema_path("verdict").read_text(encoding="utf-8")))
    assert data["verdict"] == "corroborated" and path.name == f"{verdict.claim_id}.json"
    assert doc_a.text[data["quote"]["start"] : data["quote"]["end"]] == data["quote"]["text"]
    assert not list(tmp_path.rglob("*.tmp"))


def test_ungrounded_evidence_is_never_written(tmp_path: Path, doc_a: Document, doc_b: Document) -> None:
    forged = Span(text="US forces never fired a shot", start=0, end=28)
    with pytest.raises(GroundingError):
        write_verdicts(tmp_path, [verdict_for(doc_a, doc_b, forged)], [doc_a, doc_b])
    assert not (tmp_path / "verdicts").exists() or not list((tmp_path / "verdicts").iterdir())


def test_old_verdicts_are_retired(tmp_path: Path, doc_a: Document, doc_b: Document) -> None:
    stale = tmp_path / "verdicts" / "0123456789abcdef.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")
    write_verdicts(tmp_path, [verdict_for(doc_a, doc_b)], [doc_a, doc_b])
    assert not stale.exists() and (tmp_path / "retired" / stale.name).exists()


def test_unsafe_ids_never_reach_the_file_system(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        verdict_path(tmp_path, "../../etc/passwd")


def test_atomic_write_leaves_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    write_atomic(target, "old")

    with pytest.raises(TypeError):
        write_atomic(target, 123)  # type: ignore[arg-type]
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["f.json"]
