"""The Prefect flow end to end with the scripted model (the real model has its own test)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.checks import check_output
from tests.conftest import SEEDS, scripted_source
from tests.fakes import ScriptedChatModel


def test_flow_writes_grounded_verdicts(
    prefect_harness: None, scripted: ScriptedChatModel, tmp_path: Path
) -> None:
    from flows.factcheck_flow import factcheck

    (tmp_path / "in").mkdir()
    for seed in sorted(SEEDS.iterdir())[:3]:
        (tmp_path / "in" / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out"
    manifest = factcheck(paths=[str(tmp_path / "in")], out_dir=str(out), model=scripted_source(scripted))

    run, verdicts = check_output(out)
    assert run["counts"]["documents"] == 3 and run["counts"]["claims"] == manifest.counts["claims"] > 0
    assert run["rejected"] == [
        {"path": str(tmp_path / "in" / "broken.txt"), "reason": "binary file, not text"}
    ]
    assert {d["status"] for d in run["documents"]} == {"ok"}
    assert run["prompts"] == {"extract_claims": "extract_claims.v1", "crosscheck": "crosscheck.v1"}
    assert "corroborated" in {v["verdict"] for v in verdicts}
    assert str(_latest_artifact("factcheck-report").data).startswith("# Fact-check report")
    table = _latest_artifact("factcheck-verdicts")
    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    assert table.type == "table" and len(rows) == manifest.counts["claims"]
    assert {r["verdict"] for r in rows} == {v["verdict"] for v in check_output(out)[1]}
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# Fact-check report") and "broken.txt" in report


def test_flow_survives_model_failures(prefect_harness: None, tmp_path: Path) -> None:
    from flows.factcheck_flow import factcheck

    fake = ScriptedChatModel().always(json_reply="{not json", choice_reply="supports")
    manifest = factcheck(
        paths=[str(SEEDS / "002_0b8762b65571a496.txt")], out_dir=str(tmp_path), model=scripted_source(fake)
    )
    (doc,) = manifest.documents
    assert doc.status == "failed" and doc.error is not None and "every sentence failed" in doc.error
    # Every sentence is still reported and checked as itself (here against no other article), and
    # its verdict says why the model's restatement is missing.
    assert manifest.counts["claims"] == manifest.counts["single_source"] == doc.claims > 0
    for path in (tmp_path / "verdicts").glob("*.json"):
        verdict = json.loads(path.read_text(encoding="utf-8"))
        assert verdict["claim"] == verdict["quote"]["text"] and verdict["rewrite"] == "quote"
        assert verdict["reason"].startswith("claim extraction failed (invalid JSON")
        assert verdict["reason"].endswith("checked: no other source reports this event")


def _latest_artifact(key: str):  # type: ignore[no-untyped-def]
    """The artifact the last flow run published to Prefect under key (what the UI shows)."""
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    async def read():  # type: ignore[no-untyped-def]
        async with get_client() as client:
            artifacts = await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
                sort=ArtifactSort.CREATED_DESC,
                limit=1,
            )
        assert artifacts, f"the flow published no {key} artifact"
        return artifacts[0]

    return asyncio.run(read())
