"""Evaluation on labelled data read in place from ../shared/eval: stance pairs (FNC-1,
Climate-FEVER) through the real cross-check, the seeds gold file against a run, FA-KES events."""

from pipeline.eval.datasets import (
    DATASETS,
    FNC_LABELS,
    LABELS,
    Pair,
    load_climate_fever,
    load_emergent,
    load_fnc1,
    stratified_sample,
)
from pipeline.eval.fakes import event_groups, read_fakes, take_documents, write_slice
from pipeline.eval.gold import check_gold, render_gold
from pipeline.eval.metrics import confusion, f1_scores, metrics, render_table
from pipeline.eval.stance import Prediction, predict, run_eval

__all__ = [
    "DATASETS",
    "FNC_LABELS",
    "LABELS",
    "Pair",
    "Prediction",
    "check_gold",
    "confusion",
    "event_groups",
    "f1_scores",
    "load_climate_fever",
    "load_emergent",
    "load_fnc1",
    "metrics",
    "predict",
    "read_fakes",
    "render_gold",
    "render_table",
    "run_eval",
    "stratified_sample",
    "take_documents",
    "write_slice",
]
