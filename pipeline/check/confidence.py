"""Honest stance scores: each method's raw score mapped to how often a stance with that score was
right on labelled dev data (Platt scaling, one map per method).

The raw scores mean different things — a model probability after contextual calibration, a cue
word density against its threshold, the share of a claim's words retrieval could not find — and
none of them was a probability of being right (expected calibration error 0.17-0.25 on FNC-1 and
Emergent). The maps are fitted by `factcheck fit-confidence`, which reports the calibration error
on claims held out of the fit, and shipped as `confidence.json`. Stances are never changed, only
their scores, so verdicts keep their labels and their confidence becomes a probability.

The stance datasets pair each claim with a text chosen because it bears on it, so there a source
"not mentioning" a claim is often wrong. Another article of the same event is most often silent on
any one claim: a "not mentioned" stance of a claim checked against its corpus gets the rate at
which such silences were right in independent readings of whole runs (`silences`, fitted by
`factcheck fit-silence`), per kind of silence (`silence_kind`)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import ModelError
from pipeline.records import SourceStance, StanceLabel

MAP_FILE = Path(__file__).with_name("confidence.json")
_EDGE = 1e-4


def _logit(p: float) -> float:
    p = min(max(p, _EDGE), 1 - _EDGE)
    return math.log(p / (1 - p))


# The kinds of "not mentioned" that `silences` may score (see `silence_of`).
SILENCE_KINDS = ("silent", "about", "hedged")


def silence_kind(stance: SourceStance) -> str | None:
    """What kind of "not mentioned" a stance is: `silent` (nothing in the source bears on the claim),
    `about` (the source is about it, no passage states it), `hedged` (the source only reports it);
    None for any other stance."""
    return silence_of(stance.stance.value, stance.method, stance.evidence is not None)


def silence_of(stance: str, method: str, evidence: bool) -> str | None:
    """`silence_kind` from a stance's label, method and whether it has evidence (as files keep them)."""
    if stance != StanceLabel.not_mentioned.value:
        return None
    if method == "hedged":
        return "hedged"
    if method == "retrieval":
        return "about" if evidence else "silent"
    return None


@dataclass(frozen=True)
class ConfidenceMap:
    """Per method, (slope, intercept) of P(right) = sigmoid(slope * logit(score) + intercept); per
    kind of silence, how often it was right in a corpus (`silences`)."""

    maps: dict[str, tuple[float, float]]
    fitted_on: dict[str, Any]
    silences: dict[str, float] = field(default_factory=dict)
    silences_fitted_on: dict[str, Any] = field(default_factory=dict)

    def score(self, method: str, raw: float) -> float:
        if method not in self.maps:
            return raw
        slope, intercept = self.maps[method]
        z = slope * _logit(raw) + intercept
        return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))

    def apply(self, stance: SourceStance, in_corpus: bool = False) -> SourceStance:
        """The stance with its score mapped; `in_corpus`: the claim was checked against the other
        articles of its corpus, where a silence scores its kind's rate."""
        kind = silence_kind(stance) if in_corpus else None
        if kind is not None and kind in self.silences:
            return stance.model_copy(update={"score": self.silences[kind]})
        if stance.method not in self.maps:
            return stance
        return stance.model_copy(update={"score": round(self.score(stance.method, stance.score), 4)})

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "maps": {m: list(v) for m, v in sorted(self.maps.items())},
            "fitted_on": self.fitted_on,
        }
        if self.silences:
            data["corpus"] = {
                "silences": dict(sorted(self.silences.items())),
                "fitted_on": self.silences_fitted_on,
            }
        return data


def fit_confidence(
    examples: Iterable[tuple[str, float, bool]], fitted_on: dict[str, Any] | None = None
) -> ConfidenceMap:
    """One logistic regression of rightness on the logit of the raw score per method; a method with
    too few examples, or examples all right or all wrong, keeps its raw scores."""
    from scipy.optimize import minimize

    by_method: dict[str, list[tuple[float, bool]]] = {}
    for method, raw, right in examples:
        by_method.setdefault(method, []).append((_logit(raw), right))
    maps: dict[str, tuple[float, float]] = {}
    counts: dict[str, int] = {}
    for method, items in sorted(by_method.items()):
        counts[method] = len(items)
        rights = sum(r for _, r in items)
        if len(items) < 20 or rights in (0, len(items)):
            continue

        def loss(w: Any, items: list[tuple[float, bool]] = items) -> float:
            total = 0.0
            for x, right in items:
                z = w[0] * x + w[1]
                # log(1 + e^z) - right * z, computed stably
                total += max(z, 0.0) + math.log1p(math.exp(-abs(z))) - (z if right else 0.0)
            return float(total / len(items) + 1e-3 * (w[0] ** 2 + w[1] ** 2))

        result = minimize(loss, [1.0, 0.0], method="Nelder-Mead", options={"xatol": 1e-5, "fatol": 1e-7})
        slope, intercept = float(result.x[0]), float(result.x[1])
        if slope < 0:
            # A higher raw score must never mean a lower one: such a method's score says nothing
            # about being right, so it gets one constant, its rate of being right.
            slope, intercept = 0.0, _logit(rights / len(items))
        maps[method] = (round(slope, 6), round(intercept, 6))
    return ConfidenceMap(maps, dict(fitted_on or {}, examples=counts))


# The fewest examples of a kind of silence whose rate is fitted.
_MIN_SILENCES = 10


def fit_silences(examples: Iterable[tuple[str, bool]]) -> dict[str, float]:
    """Per kind of silence (`silence_kind`), how often it was right, smoothed towards one half
    ((right + 1) / (n + 2)): a kind with fewer than `_MIN_SILENCES` examples gets none."""
    counts: dict[str, list[int]] = {}
    for kind, right in examples:
        tally = counts.setdefault(kind, [0, 0])
        tally[0] += int(right)
        tally[1] += 1
    return {
        kind: round((right + 1) / (n + 2), 4)
        for kind, (right, n) in sorted(counts.items())
        if n >= _MIN_SILENCES
    }


_loaded: dict[Path, ConfidenceMap] = {}


def confidence_map(path: Path = MAP_FILE) -> ConfidenceMap:
    """The fitted maps shipped with the package (read once per process)."""
    if path not in _loaded:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            maps = {m: (float(v[0]), float(v[1])) for m, v in data["maps"].items()}
            corpus = data.get("corpus", {})
            silences = {k: float(v) for k, v in corpus.get("silences", {}).items()}
            if any(not 0.0 <= v <= 1.0 for v in silences.values()):
                raise ValueError("a silence rate outside [0, 1]")
            if unknown := set(silences) - set(SILENCE_KINDS):
                raise ValueError(f"unknown kinds of silence {sorted(unknown)}")
            _loaded[path] = ConfidenceMap(
                maps, dict(data.get("fitted_on", {})), silences, dict(corpus.get("fitted_on", {}))
            )
        except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError) as err:
            raise ModelError(f"cannot read the confidence maps {path}: {err}") from None
    return _loaded[path]
