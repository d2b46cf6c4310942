"""Extract: each claim-bearing sentence restated by the model as a self-contained claim with its
claimer; a restatement that adds a fact or drops a figure falls back to the sentence itself."""

from pipeline.extract.attribution import attributed_to, reported
from pipeline.extract.extract import (
    article_label,
    claim_id,
    claimer_of,
    extract_claims,
    render_extract,
    to_claim,
)
from pipeline.extract.faithful import added_facts, clean_claimer, dropped_figures
from pipeline.extract.select import candidates, is_candidate, select_sentences

__all__ = [
    "added_facts",
    "article_label",
    "attributed_to",
    "candidates",
    "claim_id",
    "claimer_of",
    "clean_claimer",
    "dropped_figures",
    "extract_claims",
    "is_candidate",
    "render_extract",
    "reported",
    "select_sentences",
    "to_claim",
]
