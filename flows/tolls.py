"""`factcheck eval fakes`: each multi-source FA-KES event run through the whole pipeline as a corpus
of its own, and its numeric conflicts scored against the articles' labelled death tolls."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.eval import read_fakes, write_slice
from pipeline.eval.tolls import GroupScore, TollGroup, conflicts_of, pick_groups, summarise, toll_groups
from pipeline.llm import ModelSource


def choose_groups(path: Path, sample: int | None, seed: int) -> list[TollGroup]:
    """The groups to run: every multi-source event of FA-KES (`path`: the CSV or its folder), or a
    sample of `sample` of them, half with differing tolls. Raises ValueError on unusable input."""
    csv_path = path / "fakes.csv" if path.is_dir() else path
    try:
        groups = toll_groups(read_fakes(csv_path))
    except (OSError, KeyError) as err:
        raise ValueError(f"cannot read FA-KES from {csv_path}: {err}") from None
    if not groups:
        raise ValueError(f"{csv_path} holds no event told by two or more outlets with labelled tolls")
    return pick_groups(groups, sample, seed)


def evaluate_fakes(
    groups: list[TollGroup], source: ModelSource, out: Path | None, say: Callable[[str], None]
) -> dict[str, Any]:
    """Run the groups (into `out`, kept and re-used; a temporary folder otherwise) and score them."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    work = out or Path(tempfile.mkdtemp(prefix="factcheck-fakes-"))
    try:
        scores = run_groups(groups, source, work, say)
    finally:
        if out is None:
            shutil.rmtree(work, ignore_errors=True)
    return summarise(scores)


def run_groups(
    groups: list[TollGroup], source: ModelSource, work: Path, say: Callable[[str], None]
) -> list[GroupScore]:
    """Run every group into `work/<group key>/out` (an earlier run's results there are re-used)."""
    from flows.factcheck_flow import factcheck

    run = factcheck.with_options(name="factcheck-eval-fakes")
    scores = []
    for k, group in enumerate(groups, start=1):
        folder = work / group.key
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
