"""Labelled stance data, read in place (never copied into the project):
- fnc1: FNC-1 headline/body pairs; agree -> supports, disagree -> contradicts, discuss and
  unrelated -> not_mentioned.
- climate-fever: a claim against one evidence sentence (SUPPORTS / REFUTES / NOT_ENOUGH_INFO)."""

from __future__ import annotations

import csv
import json
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import DatasetError
from pipeline.records import StanceLabel

LABELS = [s.value for s in StanceLabel]
FNC_LABELS = ["agree", "disagree", "discuss", "unrelated"]
_FNC_TO_STANCE = {
    "agree": "supports",
    "disagree": "contradicts",
    "discuss": "not_mentioned",
    "unrelated": "not_mentioned",
}
_CF_TO_STANCE = {"SUPPORTS": "supports", "REFUTES": "contradicts", "NOT_ENOUGH_INFO": "not_mentioned"}
# Emergent: observing = the article reports the claim without taking a side.
_EMERGENT_TO_STANCE = {"for": "supports", "against": "contradicts", "observing": "not_mentioned"}


@dataclass(frozen=True)
class Pair:
    claim: str
    evidence: str
    gold: str  # the dataset's own label
    key: str  # groups pairs sharing an evidence text, so its index is built once


def load_fnc1(path: Path) -> list[Pair]:
    bodies_file, stances_file = path / "dev_bodies.csv", path / "dev_stances.csv"
    if not bodies_file.is_file() or not stances_file.is_file():
        raise DatasetError(f"{path} has no dev_bodies.csv and dev_stances.csv")
    with bodies_file.open(encoding="utf-8", newline="") as fh:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(fh)}
    with stances_file.open(encoding="utf-8", newline="") as fh:
        return [
            Pair(
                claim=row["Headline"], evidence=bodies[row["Body ID"]], gold=row["Stance"], key=row["Body ID"]
            )
            for row in csv.DictReader(fh)
            if row["Body ID"] in bodies
        ]


def load_climate_fever(path: Path) -> list[Pair]:
    file = path / "climate-fever.jsonl" if path.is_dir() else path
    if not file.is_file():
        raise DatasetError(f"{path} has no climate-fever.jsonl")
    pairs = []
    for line in file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        for ev in item["evidences"]:
            pairs.append(
                Pair(
                    claim=item["claim"],
                    evidence=ev["evidence"],
                    gold=ev["evidence_label"],
                    key=ev["evidence_id"],
                )
            )
    return pairs


def load_emergent(path: Path) -> list[Pair]:
    """Any CSV with the columns claim, headline and stance (for / against / observing); a folder
    means its train.csv (Emergent as in ../shared/eval/emergent)."""
    file = path / "train.csv" if path.is_dir() else path
    if not file.is_file():
        raise DatasetError(f"{path} has no train.csv" if path.is_dir() else f"{path} is not a file")
    with file.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"claim", "headline", "stance"} - set(reader.fieldnames or [])
        if missing:
            raise DatasetError(f"{file} has no column {', '.join(sorted(missing))}")
        pairs = []
        for number, row in enumerate(reader, start=2):
            stance = (row["stance"] or "").strip().lower()
            if stance not in _EMERGENT_TO_STANCE:
                raise DatasetError(
                    f"{file} line {number}: stance {row['stance']!r} is not for/against/observing"
                )
            headline = (row["headline"] or "").strip()
            pairs.append(Pair(claim=row["claim"].strip(), evidence=headline, gold=stance, key=headline))
    return pairs


DATASETS = {
    "fnc1": (load_fnc1, _FNC_TO_STANCE),
    "climate-fever": (load_climate_fever, _CF_TO_STANCE),
    "emergent": (load_emergent, _EMERGENT_TO_STANCE),
}


def stratified_sample(pairs: list[Pair], n: int | None, seed: int) -> list[Pair]:
    """Up to n pairs, the same number from each gold label where it has enough; reproducible."""
    if n is None or n >= len(pairs):
        return list(pairs)
    by_label: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        by_label[pair.gold].append(pair)
    rng = random.Random(seed)
    labels = sorted(by_label)
    share, picked = n // len(labels), []
    for label in labels:
        group = by_label[label]
        picked += rng.sample(group, min(share, len(group)))
    chosen = set(picked)
    rest = [p for p in pairs if p not in chosen]
    picked += rng.sample(rest, n - len(picked))
    return picked
