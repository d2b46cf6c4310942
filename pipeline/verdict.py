"""Verdict: combine the stances of the other sources on one claim into one label and a confidence."""

from __future__ import annotations

import math

from pipeline.records import (
    Claim,
    Document,
    Provenance,
    SourceRef,
    SourceStance,
    StanceLabel,
    Verdict,
    VerdictLabel,
)


def _any_of(probabilities: list[float]) -> float:
    """Probability that at least one of independent events holds."""
    return 1.0 - math.prod(1.0 - p for p in probabilities)


def decide(stances: list[SourceStance]) -> tuple[VerdictLabel, float, str]:
    """Label, confidence in [0, 1] and a one-line reason.

    corroborated: another source supports, none contradicts; contradicted: the reverse; disputed: both;
    single_source: no other source takes a side; unverified: the check failed and nothing was found."""
    sup = [s for s in stances if s.stance is StanceLabel.supports]
    con = [s for s in stances if s.stance is StanceLabel.contradicts]
    failed = [s for s in stances if s.method == "error"]
    p_sup = _any_of([s.score for s in sup])
    p_con = _any_of([s.score for s in con])
    if sup and con:
        return (
            VerdictLabel.disputed,
            round(p_sup * p_con, 4),
            f"{len(sup)} source(s) support it and {len(con)} contradict it",
        )
    if sup:
        return (
            VerdictLabel.corroborated,
            round(p_sup, 4),
            f"supported by {len(sup)} other source(s)",
        )
    if con:
        return (
            VerdictLabel.contradicted,
            round(p_con, 4),
            f"contradicted by {len(con)} other source(s)",
        )
    if failed:
        return (
            VerdictLabel.unverified,
            0.0,
            f"the cross-check failed for {len(failed)} of {len(stances)} source(s): {failed[0].error}",
        )
    if not stances:
        return VerdictLabel.single_source, 1.0, "no other source in the corpus"
    # Every other source was judged silent on it: confidence is how sure each silence was.
    return (
        VerdictLabel.single_source,
        round(math.prod(s.score for s in stances), 4),
        f"none of {len(stances)} other source(s) mentions it",
    )


def make_verdict(claim: Claim, doc: Document, stances: list[SourceStance], provenance: Provenance) -> Verdict:
    label, confidence, reason = decide(stances)
    return _verdict(claim, doc, label, confidence, reason, stances, provenance)


def unverified(claim: Claim, doc: Document, reason: str, provenance: Provenance) -> Verdict:
    """The verdict for a claim whose cross-check could not run at all."""
    return _verdict(claim, doc, VerdictLabel.unverified, 0.0, reason, [], provenance)


def _verdict(
    claim: Claim,
    doc: Document,
    label: VerdictLabel,
    confidence: float,
    reason: str,
    stances: list[SourceStance],
    provenance: Provenance,
) -> Verdict:
    return Verdict(
        claim_id=claim.claim_id,
        claim=claim.claim,
        claimer=claim.claimer,
        source=SourceRef(doc_id=doc.doc_id, title=doc.title),
        quote=claim.quote,
        rewrite=claim.rewrite,
        verdict=label,
        confidence=confidence,
        reason=reason,
        stances=stances,
        provenance=provenance,
    )
