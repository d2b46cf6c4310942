"""`factcheck eval fakes`: each multi-source FA-KES event run through the whole pipeline as a corpus
of its own, and its numeric conflicts scored against the articles' labelled death tolls."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from pipeline.eval import write_slice
from pipeline.eval.tolls import GroupScore, TollGroup, conflicts_of
from pipeline.llm import ModelSource


def run_groups(
    groups: list[TollGroup], source: ModelSource, work: Path, say: Callable[[str], None]
) -> list[GroupScore]:
    """Run every group into `work/group-NNN/out` (an earlier run's results there are re-used)."""
    from flows.factcheck_flow import factcheck

    run = factcheck.with_options(name="factcheck-eval-fakes")
    scores = []
    for k, group in enumerate(groups, start=1):
        folder = work / f"group-{k:03d}"
        corpus = write_slice(list(group.rows), folder / "articles.csv")
        run(paths=[str(corpus)], out_dir=str(folder / "out"), model=source)
        verdicts = [
            json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((folder / "out" / "verdicts").glob("*.json"))
        ]
        score = GroupScore(group, conflicts_of(verdicts))
        scores.append(score)
        found = "; ".join(f"{a} / {b}" for a, b in score.conflicts[:3]) or "no conflict"
        say(
            f"[{k}/{len(groups)}] {group.date} {group.location}: tolls {list(group.tolls)} -> {found}"
            + (" (both labelled figures)" if score.both_figures else "")
        )
    return scores
