"""Stance metrics: accuracy, per-class and macro F1, the FNC-1 4-way score, confusion matrices.

A pair the cross-check leaves to retrieval counts as unrelated in the 4-class FNC-1 score, one
judged relevant but not taking a side (hedged or model) as discuss."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pipeline.eval.datasets import DATASETS, FNC_LABELS, LABELS, Pair
from pipeline.eval.stance import Prediction


def f1_scores(gold: list[str], pred: list[str], labels: list[str]) -> dict[str, float]:
    scores = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return scores


def confusion(gold: list[str], pred: list[str], labels: list[str]) -> dict[str, dict[str, int]]:
    counts = Counter(zip(gold, pred, strict=True))
    return {g: {p: counts[(g, p)] for p in labels} for g in labels}


def metrics(dataset: str, pairs: list[Pair], predictions: list[Prediction]) -> dict[str, Any]:
    mapping = DATASETS[dataset][1]
    gold = [mapping[p.gold] for p in pairs]
    pred = [p.stance for p in predictions]
    f1 = f1_scores(gold, pred, LABELS)
    out: dict[str, Any] = {
        "pairs": len(pairs),
        "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(pairs)),
        "f1": f1,
        "macro_f1_3way": sum(f1.values()) / len(LABELS),
        "confusion": confusion(gold, pred, LABELS),
        "ece": round(
            expected_calibration_error(
                [p.score for p in predictions], [g == p for g, p in zip(gold, pred, strict=True)]
            ),
            4,
        ),
        "methods": dict(Counter(p.method for p in predictions)),
        "gold_counts": dict(Counter(p.gold for p in pairs)),
    }
    if dataset == "fnc1":
        pred4 = [_fnc4(p) for p in predictions]
        gold4 = [p.gold for p in pairs]
        f1_4 = f1_scores(gold4, pred4, FNC_LABELS)
        out["fnc_f1"] = f1_4
        out["macro_f1_4way"] = sum(f1_4.values()) / len(FNC_LABELS)
        out["confusion_4way"] = confusion(gold4, pred4, FNC_LABELS)
        related = [(g != "unrelated", p != "unrelated") for g, p in zip(gold4, pred4, strict=True)]
        out["related_accuracy"] = sum(a == b for a, b in related) / max(1, len(related))
    return out


def expected_calibration_error(confidence: list[float], correct: list[bool], bins: int = 10) -> float:
    """How far stated confidence is from accuracy: the mean over equal-width confidence bins of
    |accuracy - mean confidence|, weighted by the share of predictions in the bin (Guo et al. 2017)."""
    total = len(confidence)
    if not total:
        return 0.0
    error = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [i for i, c in enumerate(confidence) if low < c <= high or (b == 0 and c == 0.0)]
        if members:
            accuracy = sum(correct[i] for i in members) / len(members)
            mean = sum(confidence[i] for i in members) / len(members)
            error += len(members) / total * abs(accuracy - mean)
    return error


def _fnc4(prediction: Prediction) -> str:
    if prediction.stance == "supports":
        return "agree"
    if prediction.stance == "contradicts":
        return "disagree"
    return "discuss" if prediction.related else "unrelated"


def render_table(result: dict[str, Any]) -> str:
    lines = [
        f"pairs: {result['pairs']}   accuracy: {result['accuracy']:.3f}   "
        f"macro-F1 (3-way): {result['macro_f1_3way']:.3f}"
    ]
    if "macro_f1_4way" in result:
        lines.append(
            f"FNC-1 macro-F1 (4-way): {result['macro_f1_4way']:.3f}   "
            f"related-vs-unrelated accuracy: {result['related_accuracy']:.3f}"
        )
    lines.append("F1: " + "  ".join(f"{k} {v:.3f}" for k, v in result["f1"].items()))
    lines.append("confusion (rows gold, columns predicted: " + ", ".join(LABELS) + ")")
    for gold, row in result["confusion"].items():
        lines.append(f"  {gold:>14} " + " ".join(f"{row[p]:6d}" for p in LABELS))
    lines.append(f"expected calibration error: {result['ece']:.3f}")
    lines.append("decided by: " + ", ".join(f"{k} {v}" for k, v in sorted(result["methods"].items())))
    return "\n".join(lines)
