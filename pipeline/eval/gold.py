"""The seeds gold file: items about the project's own demo corpus, checked against a run's verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.errors import DatasetError


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def check_gold(out_dir: Path, gold_file: Path) -> dict[str, Any]:
    """Each gold item against the verdict that lists its sentence among its sources."""
    try:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        manifest = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DatasetError(str(err)) from None
    docs = {Path(d["path"]).name: d["doc_id"] for d in manifest["documents"]}
    verdicts = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((out_dir / "verdicts").glob("*.json"))
    ]
    results = []
    for item in gold["items"]:
        doc_id = _doc_for(docs, item["doc"])
        other = _doc_for(docs, item["conflict_with"]) if "conflict_with" in item else None
        found = [
            v
            for v in verdicts
            for s in v["sources"]
            if s["doc_id"] == doc_id and _norm(item["quote"]) in _norm(s["quote"]["text"])
        ]
        results.append(_judge_item(item, found[0] if found else None, other))
    passed = sum(r["passed"] for r in results)
    return {
        "items": len(results),
        "passed": passed,
        "score": passed / max(1, len(results)),
        "results": results,
    }


def _doc_for(docs: dict[str, str], prefix: str) -> str | None:
    return next((doc_id for name, doc_id in sorted(docs.items()) if name.startswith(prefix)), None)


def _judge_item(item: dict[str, Any], verdict: dict[str, Any] | None, other: str | None) -> dict[str, Any]:
    out = {"id": item["id"], "expect": item["expect"], "got": None, "passed": False, "why": ""}
    if verdict is None:
        out["why"] = "no verdict lists this sentence (not extracted as a claim)"
        return out
    out["got"] = verdict["verdict"]
    out["claim_id"] = verdict["claim_id"]
    problems = []
    if verdict["verdict"] not in item["expect"]:
        problems.append(f"verdict {verdict['verdict']}: {verdict['reason']}")
    if verdict["independent_sources"] < item.get("min_independent", 0):
        problems.append(
            f"{verdict['independent_sources']} independent source(s), wanted {item['min_independent']}"
        )
    if other is not None and not any(
        s["doc_id"] == other and s["stance"] == "contradicts" for s in verdict["stances"]
    ):
        problems.append(f"no contradiction from {item['conflict_with']}")
    out["passed"] = not problems
    out["why"] = "; ".join(problems)
    return out


def render_gold(result: dict[str, Any]) -> str:
    lines = [f"gold items passed: {result['passed']}/{result['items']} ({result['score']:.2f})"]
    for r in result["results"]:
        mark = "ok  " if r["passed"] else "FAIL"
        lines.append(f"  {mark} {r['id']:<24} expect {'/'.join(r['expect']):<24} got {r['got']}  {r['why']}")
    return "\n".join(lines)
