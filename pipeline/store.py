"""The results a run keeps in its output directory so the next run does not redo them.

out/.cache/extract/<scope>/<doc_id>.json   a document's extraction (doc_id is its content hash)
out/.cache/judge/<scope>/<claim_id>.json   a claim's model judgments, keyed by the passage judged

A scope is a hash of everything else the result depends on (model file, prompt versions and
styles, extraction settings), so a changed model or prompt starts afresh instead of mixing results.
Every file is written atomically as soon as its work is done, which is also what lets a killed run
resume: the next run re-uses everything that was finished.

Judgments are stored per (claim, passage) rather than per (claim, source): whether a passage is
judged at all depends on corpus-wide word weights, which move when documents arrive, so the
deterministic stages are simply re-run and only model calls are remembered."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from pydantic import ValidationError

from pipeline.files import write_atomic
from pipeline.records import ExtractionResult, ModelInfo
from pipeline.settings import Settings

Judgments = dict[str, dict[str, float]]

# Which event each document joined: independent of the model, so kept outside the scopes.
EVENTS = "events.json"

# The calibration probe's answer is stored beside the claims' judgments, under this name.
CALIBRATION = "calibration"


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def judgment_key(claim: str, passage: str) -> str:
    return _digest(claim, passage)


# The version of the deterministic rules applied to the model's extractions (claimer from the
# sentence's attribution, faithfulness checks): cached extractions hold their result, so a change
# of rules must not reuse them. Bump it with any change to pipeline/extract/ that alters claims.
EXTRACT_RULES = "16"


class ResultStore:
    def __init__(
        self, out_dir: Path, model: ModelInfo, prompts: dict[str, str], prompt_style: str, settings: Settings
    ) -> None:
        self.root = out_dir / ".cache"
        extract_scope = _digest(
            model.sha256,
            prompt_style,
            prompts.get("extract_claims"),
            settings.max_claims,
            settings.extract_max_tokens,
            settings.parallel,  # batch composition moves logits slightly
            settings.attempts,
            settings.n_ctx,
            settings.min_claim_words,
            settings.min_known_share,
            settings.min_own_share,
            settings.max_new_words,
            settings.max_claimer_words,
            settings.max_reordering,
            settings.min_word_similarity,
            EXTRACT_RULES,
        )
        judge_scope = _digest(model.sha256, prompt_style, prompts.get("crosscheck"), settings.attempts)
        self.extract_dir = self.root / "extract" / extract_scope
        self.judge_dir = self.root / "judge" / judge_scope

    # ---- extraction, per document ----

    def extraction(self, doc_id: str) -> ExtractionResult | None:
        path = self.extract_dir / f"{doc_id}.json"
        try:
            return ExtractionResult.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValidationError, ValueError):
            return None  # absent, or unreadable: extract again rather than trust it

    def save_extraction(self, result: ExtractionResult) -> None:
        write_atomic(self.extract_dir / f"{result.doc_id}.json", result.model_dump_json() + "\n")

    # ---- model judgments, per claim ----

    def judgments(self, claim_id: str) -> Judgments:
        path = self.judge_dir / f"{claim_id}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            k: {label: float(p) for label, p in v.items()}
            for k, v in data.items()
            if isinstance(v, dict) and all(isinstance(p, int | float) for p in v.values())
        }

    def save_judgments(self, claim_id: str, judgments: Judgments) -> None:
        write_atomic(self.judge_dir / f"{claim_id}.json", json.dumps(judgments, sort_keys=True) + "\n")

    # ---- the model's bias, measured once per scope ----

    def calibration(self) -> dict[str, float] | None:
        """The calibration probe's probabilities, or None when not measured yet."""
        return self.judgments(CALIBRATION).get(CALIBRATION)

    def save_calibration(self, probs: dict[str, float]) -> None:
        self.save_judgments(CALIBRATION, {CALIBRATION: probs})

    # ---- which event each document was grouped into (stable across runs) ----

    def events(self) -> dict[str, str]:
        """doc_id -> event_id as the last run grouped them; empty when unknown or unreadable."""
        return ResultStore.events_of(self.root.parent)

    @staticmethod
    def events_of(out_dir: Path) -> dict[str, str]:
        """The event registry of the runs in `out_dir`, read without a model or settings."""
        try:
            data = json.loads((out_dir / ".cache" / EVENTS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}

    def save_events(self, event_of: dict[str, str]) -> None:
        write_atomic(self.root / EVENTS, json.dumps(event_of, sort_keys=True) + "\n")

    # ---- housekeeping ----

    def prune(self, doc_ids: set[str], claim_ids: set[str]) -> int:
        """Drop results of documents and claims that are gone, and of other scopes; returns files removed."""
        removed = 0
        for kind, current, keep in (
            ("extract", self.extract_dir, doc_ids),
            ("judge", self.judge_dir, claim_ids | {CALIBRATION}),
        ):
            base = self.root / kind
            if not base.is_dir():
                continue
            for scope in base.iterdir():
                if scope != current and scope.is_dir():
                    removed += sum(1 for _ in scope.glob("*.json"))
                    shutil.rmtree(scope, ignore_errors=True)
            if current.is_dir():
                for path in current.glob("*.json"):
                    if path.stem not in keep:
                        path.unlink(missing_ok=True)
                        removed += 1
        return removed
