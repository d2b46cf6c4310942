"""Fit the stance confidence maps on labelled pairs and report their calibration on claims the fit
never saw: the claims are split in two halves by a hash of their text, maps fitted on one half are
scored on the other, both ways."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pipeline.check import ConfidenceMap, fit_confidence
from pipeline.eval.metrics import expected_calibration_error


@dataclass(frozen=True)
class Scored:
    """One pair as the pipeline decided it, with its raw score and whether the stance was right."""

    dataset: str
    claim: str
    method: str
    raw: float
    right: bool


def _half(claim: str) -> int:
    return hashlib.sha256(claim.encode()).digest()[0] & 1


def held_out_calibration(items: list[Scored]) -> dict[str, dict[str, Any]]:
    """Per dataset: pairs, expected calibration error of the raw scores and of the mapped ones."""
    mapped: dict[str, list[tuple[float, float, bool]]] = defaultdict(list)
    for side in (0, 1):
        maps = fit_confidence((i.method, i.raw, i.right) for i in items if _half(i.claim) != side)
        for i in items:
            if _half(i.claim) == side:
                mapped[i.dataset].append((i.raw, maps.score(i.method, i.raw), i.right))
    report = {}
    for dataset, rows in sorted(mapped.items()):
        right = [r for *_, r in rows]
        report[dataset] = {
            "pairs": len(rows),
            "ece_raw": round(expected_calibration_error([raw for raw, _, _ in rows], right), 4),
            "ece": round(expected_calibration_error([m for _, m, _ in rows], right), 4),
        }
    return report


def fit_maps(items: list[Scored], fitted_on: dict[str, Any]) -> ConfidenceMap:
    return fit_confidence(((i.method, i.raw, i.right) for i in items), fitted_on)
