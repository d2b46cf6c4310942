"""How well documents are grouped into events, against a corpus labelled with event ids (BASIL's
JSONL, or FA-KES with its (date, location) pairs): B-cubed precision, recall and F1 (Bagga and
Baldwin 1998: per document, the share of its predicted event that is its gold event, and back) and
pairwise F1 (over pairs of documents put together)."""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from pipeline.embeddings import Embedder
from pipeline.errors import DatasetError
from pipeline.events import group_documents
from pipeline.ingest import ingest
from pipeline.settings import Settings


def bcubed(predicted: list[str], gold: list[str]) -> tuple[float, float, float]:
    by_pred: dict[str, set[int]] = defaultdict(set)
    by_gold: dict[str, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    n = max(1, len(gold))
    precision = recall = 0.0
    for i in range(len(gold)):
        shared = len(by_pred[predicted[i]] & by_gold[gold[i]])
        precision += shared / len(by_pred[predicted[i]])
        recall += shared / len(by_gold[gold[i]])
    precision, recall = precision / n, recall / n
    return precision, recall, _f1(precision, recall)


def pairwise(predicted: list[str], gold: list[str]) -> tuple[float, float, float]:
    def pairs(labels: list[str]) -> int:
        return sum(k * (k - 1) // 2 for k in Counter(labels).values())

    together = pairs([f"{p}\n{g}" for p, g in zip(predicted, gold, strict=True)])
    precision = together / pairs(predicted) if pairs(predicted) else 1.0
    recall = together / pairs(gold) if pairs(gold) else 1.0
    return precision, recall, _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def gold_events(path: Path, field: str = "event_id") -> dict[int, str]:
    """Row number (as ingest counts JSONL rows) -> the row's gold event id."""
    gold: dict[int, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise DatasetError(f"cannot read {path}: {err.strerror or err}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise DatasetError(f"{path} row {number}: invalid JSON ({err.msg})") from None
        if not isinstance(row, dict) or not row.get(field):
            raise DatasetError(f"{path} row {number} has no {field}")
        gold[number] = str(row[field])
    return gold


def evaluate_events(path: Path, embedder: Embedder, settings: Settings) -> dict[str, Any]:
    """Group a labelled JSONL corpus and score the grouping against its event ids."""
    gold_by_row = gold_events(path)
    started = time.perf_counter()
    corpus = ingest([path])
    docs = [d for d in corpus.documents if d.path.startswith(f"{path}#row=")]
    if not docs:
        raise DatasetError(f"{path} holds no article ingest could read")
    events = group_documents(docs, embedder, settings)
    seconds = time.perf_counter() - started
    event_of = {doc_id: e.event_id for e in events for doc_id in e.doc_ids}
    predicted = [event_of[d.doc_id] for d in docs]
    gold = [gold_by_row[int(d.path.rsplit("#row=", 1)[1])] for d in docs]
    b_p, b_r, b_f = bcubed(predicted, gold)
    p_p, p_r, p_f = pairwise(predicted, gold)
    return {
        "documents": len(docs),
        "rejected": len(corpus.rejected),
        "gold_events": len(set(gold)),
        "events": len(events),
        "bcubed_precision": round(b_p, 4),
        "bcubed_recall": round(b_r, 4),
        "bcubed_f1": round(b_f, 4),
        "pairwise_precision": round(p_p, 4),
        "pairwise_recall": round(p_r, 4),
        "pairwise_f1": round(p_f, 4),
        "seconds": round(seconds, 2),
    }
