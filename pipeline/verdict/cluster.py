"""One claim, one verdict: the same claim stated by several sources is one cluster.

Two claims from different documents are the same claim when each one's cross-check found the
other's sentence as supporting evidence (mutual support) and their claimers can be the same party
(a claimer that names no one, "the statement", can be anyone's). Competing accounts by different
named claimers are never merged. A cluster holds at most one claim per document, so a chain of
merges cannot glue different facts together."""

from __future__ import annotations

from pipeline.records import OWN_VOICE, Claim, SourceStance, StanceLabel
from pipeline.text import UNNAMED_PARTY, terms


def same_party(a: str, b: str) -> bool:
    """Whether two claimers can be the same party: either is the outlet's own voice, or the names
    share a content word ("the Syrian army" / "Syrian army command")."""
    if a in OWN_VOICE or b in OWN_VOICE:
        return True
    return bool(set(terms(a)) & set(terms(b)))


# A claimer that names no one ("the statement", "officials") is whoever the sentences around it say:
# two claims that state each other's sentence may be one party's claim whatever the other claimer
# is called ("the statement" read out by RT and "Damascus stated ..."). So may a claimer that its
# own sentence does not name, read from the sentences around it: the article named the party in
# its own words ("a statement by the Syrian army"), which need share none with another's ("Damascus").
def _may_be_one_party(a: Claim, b: Claim) -> bool:
    return same_party(a.claimer, b.claimer) or not (_named_in_sentence(a) and _named_in_sentence(b))


def _named_in_sentence(claim: Claim) -> bool:
    words = set(terms(claim.claimer))
    return not words <= UNNAMED_PARTY and words <= set(terms(claim.quote.text))


def _supports(stances: list[SourceStance], other: Claim) -> bool:
    """Whether the other claim's sentence states this claim: all of it, not one of the facts it
    joins (a claim and one of its clauses are two claims)."""
    return any(
        s.doc_id == other.doc_id
        and s.stance is StanceLabel.supports
        and s.part is None
        and s.evidence is not None
        and s.evidence.start == other.quote.start
        for s in stances
    )


def cluster_claims(claims: list[Claim], stances: dict[str, list[SourceStance]]) -> list[list[Claim]]:
    """Groups of claims that are one claim, in the order of their first member; singletons too."""
    position = {c.claim_id: i for i, c in enumerate(claims)}
    group = dict(position)
    members: dict[int, list[Claim]] = {i: [c] for i, c in enumerate(claims)}
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            ga, gb = group[a.claim_id], group[b.claim_id]
            if ga == gb or a.doc_id == b.doc_id:
                continue
            if not (_supports(stances.get(a.claim_id, []), b) and _supports(stances.get(b.claim_id, []), a)):
                continue
            merged = members[ga] + members[gb]
            if len({c.doc_id for c in merged}) < len(merged):
                continue
            if not all(_may_be_one_party(x, y) for x in merged for y in merged):
                continue
            keep, drop = min(ga, gb), max(ga, gb)
            members[keep] = sorted(merged, key=lambda c: position[c.claim_id])
            for c in members.pop(drop):
                group[c.claim_id] = keep
    return [members[k] for k in sorted(members)]
