"""Independent readings of whole runs, kept as labels: which verdicts a reader found right and which
stances, "not mentioned" ones included, were right (the article really takes no side on the fact).

They measure what the stance datasets cannot: in a corpus the other articles are there because they
tell the same event, not because they bear on one claim, so most are rightly silent on most claims;
a dataset's pair is chosen because its text bears on its claim. A reading holds ids, labels and the
pipeline's own scores, no article text."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.check.confidence import silence_of
from pipeline.errors import DatasetError
from pipeline.eval.metrics import expected_calibration_error

# The fewest leading characters of a document id a reader may give it by.
_MIN_ID = 6


@dataclass(frozen=True)
class ReadStance:
    doc_id: str
    stance: str
    method: str
    evidence: bool
    score: float
    right: bool

    @property
    def silence(self) -> str | None:
        return silence_of(self.stance, self.method, self.evidence)


@dataclass(frozen=True)
class ReadVerdict:
    claim_id: str
    verdict: str
    confidence: float
    right: bool
    lenient: bool
    stances: tuple[ReadStance, ...]


@dataclass(frozen=True)
class Reading:
    name: str
    verdicts: tuple[ReadVerdict, ...]


def load_reading(path: Path) -> Reading:
    """A labels file written by `reading_labels`. Raises DatasetError on anything else."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        verdicts = tuple(_read_verdict(v) for v in data["verdicts"])
        return Reading(name=str(data.get("name") or path.stem), verdicts=verdicts)
    except OSError as err:
        raise DatasetError(f"cannot read {path}: {err.strerror or err}") from None
    except (ValueError, KeyError, TypeError) as err:
        raise DatasetError(f"{path} is not a reading's labels file: {err}") from None


def _read_verdict(v: dict[str, Any]) -> ReadVerdict:
    stances = tuple(
        ReadStance(str(s["doc_id"]), str(s["stance"]), str(s["method"]), _bool(s["evidence"]),
                   float(s["score"]), _bool(s["right"]))
        for s in v["stances"]
    )  # fmt: skip
    right, lenient = _bool(v["right"]), _bool(v["lenient"])
    return ReadVerdict(str(v["claim_id"]), str(v["verdict"]), float(v["confidence"]), right, lenient, stances)


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{value!r} is not true or false")
    return value


def reading_labels(run_dir: Path, answers: Path, name: str, about: str) -> dict[str, Any]:
    """A labels file from a run's verdicts and a reader's answers (a JSON list, one object per
    verdict file: `file`, `verdict_right`, `lenient_right` and `stances`, each with `doc_id` and
    `label` "right" or "wrong"; see README, *Confidence*). Every verdict and every stance of the
    run must be labelled. Raises DatasetError naming what is missing."""
    try:
        read = json.loads(answers.read_text(encoding="utf-8"))
        by_file = {Path(str(a["file"])).name: a for a in read}
    except OSError as err:
        raise DatasetError(f"cannot read {answers}: {err.strerror or err}") from None
    except (ValueError, KeyError, TypeError) as err:
        raise DatasetError(f"{answers} is not a list of answers with a `file` each: {err}") from None
    files = sorted((run_dir / "verdicts").glob("*.json"))
    if not files:
        raise DatasetError(f"{run_dir} has no verdicts/*.json")
    verdicts = []
    for file in files:
        answer = by_file.get(file.name)
        if answer is None:
            raise DatasetError(f"{answers} has no answer for {file.name}")
        try:
            verdict = json.loads(file.read_text(encoding="utf-8"))
            verdicts.append(_labelled(verdict, answer, f"{answers}: {file.name}"))
        except DatasetError:
            raise
        except OSError as err:
            raise DatasetError(f"cannot read {file}: {err.strerror or err}") from None
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise DatasetError(f"{file} or its answer is malformed: {err!r}") from None
    return {"name": name, "about": about, "verdicts": verdicts}


def _labelled(verdict: dict[str, Any], answer: dict[str, Any], where: str) -> dict[str, Any]:
    labels = [(str(s.get("doc_id", "")).strip(), s.get("label")) for s in answer.get("stances", [])]
    stances = []
    for stance in verdict["stances"]:
        # Readers may shorten a document id to its first characters.
        found = {lab for doc, lab in labels if len(doc) >= _MIN_ID and stance["doc_id"].startswith(doc)}
        if len(found) > 1:
            raise DatasetError(f"{where} labels {stance['doc_id']} both right and wrong")
        label = found.pop() if found else None
        if label not in ("right", "wrong"):
            raise DatasetError(f"{where} has no right/wrong label for {stance['doc_id']}")
        stances.append(
            {
                "doc_id": stance["doc_id"],
                "stance": stance["stance"],
                "method": stance["method"],
                "evidence": stance.get("evidence") is not None,
                "score": float(stance["score"]),
                "right": label == "right",
            }
        )
    return {
        "claim_id": verdict["claim_id"],
        "verdict": verdict["verdict"],
        "confidence": float(verdict["confidence"]),
        "right": _yes(answer.get("verdict_right"), f"{where} verdict_right"),
        "lenient": _yes(answer.get("lenient_right"), f"{where} lenient_right"),
        "stances": stances,
    }


def _yes(value: object, what: str) -> bool:
    """A reader's yes or no (true/false); anything else is not a label."""
    word = str(value).strip().lower()
    if value is True or word in ("yes", "true"):
        return True
    if value is False or word in ("no", "false"):
        return False
    raise DatasetError(f"{what} is {value!r}, not yes or no")


def silence_examples(readings: list[Reading]) -> list[tuple[str, bool]]:
    """(kind, right) for every silence of the readings' verdicts."""
    return [
        (s.silence, s.right) for r in readings for v in r.verdicts for s in v.stances if s.silence is not None
    ]


def verdict_confidence(verdict: ReadVerdict, silences: dict[str, float]) -> float:
    """The verdict's confidence with silences scored by `silences` (as `decide` computes it): a
    single-source verdict's is its least sure stance's score; the others rest on supports and
    contradictions, which the rates do not change. A verdict that copies of its story repeat keeps
    its own."""
    if (
        verdict.verdict != "single_source"
        or not verdict.stances
        or any(s.stance != "not_mentioned" for s in verdict.stances)
    ):
        return verdict.confidence
    return min(
        silences.get(s.silence, s.score) if s.silence is not None else s.score for s in verdict.stances
    )


def calibration(reading: Reading, silences: dict[str, float]) -> dict[str, Any]:
    """Expected calibration error of the verdicts' confidence against the reader's strict labels,
    over all verdicts and per verdict label, with the confidence as shipped and with `silences`."""
    shipped = [v.confidence for v in reading.verdicts]
    rescored = [verdict_confidence(v, silences) for v in reading.verdicts]
    right = [v.right for v in reading.verdicts]
    per_label: dict[str, dict[str, Any]] = {}
    for label, n in sorted(Counter(v.verdict for v in reading.verdicts).items()):
        members = [i for i, v in enumerate(reading.verdicts) if v.verdict == label]
        per_label[label] = {
            "verdicts": n,
            "right": round(sum(right[i] for i in members) / n, 4),
            "confidence_shipped": round(sum(shipped[i] for i in members) / n, 4),
            "confidence": round(sum(rescored[i] for i in members) / n, 4),
        }
    return {
        "verdicts": len(right),
        "ece_shipped": round(expected_calibration_error(shipped, right), 4),
        "ece": round(expected_calibration_error(rescored, right), 4),
        "per_verdict": per_label,
    }
