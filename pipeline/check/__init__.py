"""Cross-check: each claim against every other source of the corpus. `screen` decides what needs no
model (retrieval, figures, cues); the model judges the rest; `settle` turns judgments into stances.
Add a deterministic check as a rule in `rules.py`, tried in `screen` (`crosscheck.py`)."""

from pipeline.check.confidence import (
    ConfidenceMap,
    confidence_map,
    fit_confidence,
    fit_silences,
    silence_kind,
)
from pipeline.check.crosscheck import Screening, ToJudge, screen
from pipeline.check.cues import source_cues
from pipeline.check.judge import (
    ANSWERS,
    CONTENT_FREE,
    Probabilities,
    calibrate,
    calibration_probe,
    judge_pair,
    render_crosscheck,
    stance_probabilities,
)
from pipeline.check.numbers import numeric_conflict, quantities
from pipeline.check.numerals import can_both_hold, figure_value
from pipeline.check.retrieve import SentenceIndex, coverage, same_name, term_weights
from pipeline.check.settle import crosscheck_claim, judge_missing, settle, unjudged

__all__ = [
    "ANSWERS",
    "CONTENT_FREE",
    "ConfidenceMap",
    "Probabilities",
    "Screening",
    "SentenceIndex",
    "ToJudge",
    "calibrate",
    "calibration_probe",
    "can_both_hold",
    "confidence_map",
    "coverage",
    "crosscheck_claim",
    "figure_value",
    "fit_confidence",
    "fit_silences",
    "judge_missing",
    "judge_pair",
    "numeric_conflict",
    "quantities",
    "render_crosscheck",
    "same_name",
    "screen",
    "settle",
    "silence_kind",
    "source_cues",
    "stance_probabilities",
    "term_weights",
    "unjudged",
]
