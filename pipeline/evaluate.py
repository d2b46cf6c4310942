"""Evaluation: the real cross-check stage on labelled claim/evidence pairs, with the metrics.

Datasets (read in place, never copied into the project):
- fnc1: FNC-1 headline/body pairs; agree -> supports, disagree -> contradicts, discuss and
  unrelated -> not_mentioned. A pair the cross-check leaves to retrieval counts as unrelated in the
  4-class FNC-1 score, one judged relevant but not taking a side (hedged or model) as discuss.
- climate-fever: a claim against one evidence sentence (SUPPORTS / REFUTES / NOT_ENOUGH_INFO)."""

from __future__ import annotations

import csv
import json
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel

from pipeline.crosscheck import crosscheck_claim
from pipeline.extract import claim_id
from pipeline.ingest import make_document
from pipeline.records import Claim, StanceLabel
from pipeline.retrieve import SentenceIndex
from pipeline.settings import Settings

LABELS = [s.value for s in StanceLabel]
FNC_LABELS = ["agree", "disagree", "discuss", "unrelated"]
_FNC_TO_STANCE = {
    "agree": "supports",
    "disagree": "contradicts",
    "discuss": "not_mentioned",
    "unrelated": "not_mentioned",
}
_CF_TO_STANCE = {"SUPPORTS": "supports", "REFUTES": "contradicts", "NOT_ENOUGH_INFO": "not_mentioned"}


class DatasetError(ValueError):
    """The dataset path does not hold what the dataset needs."""


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


DATASETS = {"fnc1": (load_fnc1, _FNC_TO_STANCE), "climate-fever": (load_climate_fever, _CF_TO_STANCE)}


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


@dataclass
class Prediction:
    stance: str
    method: str
    related: bool = True  # the source is about the claim (FNC-1: anything but unrelated)


def predict(
    pair: Pair,
    index: SentenceIndex,
    model: BaseChatModel,
    settings: Settings,
    prior: dict[StanceLabel, float] | None,
) -> Prediction:
    """The cross-check stage exactly as the pipeline runs it, for one claim against one source."""
    quote_doc = make_document(pair.claim, "claim")
    claim = Claim(
        claim_id=claim_id(quote_doc.doc_id, pair.claim),
        claim=pair.claim,
        claimer="the outlet",
        doc_id=quote_doc.doc_id,
        quote=quote_doc.sentences[0],
        rewrite="quote",
    )
    (stance,) = crosscheck_claim(claim, [index], model, settings, prior)
    related = stance.method != "retrieval" or stance.evidence is not None
    return Prediction(stance=stance.stance.value, method=stance.method, related=related)


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


def _fnc4(prediction: Prediction) -> str:
    if prediction.stance == "supports":
        return "agree"
    if prediction.stance == "contradicts":
        return "disagree"
    return "discuss" if prediction.related else "unrelated"


def run_eval(
    dataset: str,
    pairs: list[Pair],
    model: BaseChatModel,
    settings: Settings,
    prior: dict[StanceLabel, float] | None,
) -> tuple[list[Prediction], float]:
    """Predictions for every pair and the seconds they took."""
    indexes: dict[str, SentenceIndex] = {}
    predictions = []
    started = time.perf_counter()
    for pair in pairs:
        if pair.key not in indexes:
            indexes[pair.key] = SentenceIndex(make_document(pair.evidence, f"{dataset}:{pair.key}"))
        predictions.append(predict(pair, indexes[pair.key], model, settings, prior))
    return predictions, time.perf_counter() - started


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
    lines.append("decided by: " + ", ".join(f"{k} {v}" for k, v in sorted(result["methods"].items())))
    return "\n".join(lines)


# ---- seeds: a gold file about the project's own demo corpus, checked against a run's verdicts ----


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
