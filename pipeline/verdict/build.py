"""Verdict: combine what every other source says about one claim into one label and a confidence.

A claim stated by several sources is one verdict (see cluster.py); copies of one story count as one
independent source; a contradiction that is one named party's account against another's is a
dispute between accounts, not a refutation."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.check.accounts import disputed_in
from pipeline.records import (
    Account,
    Claim,
    ClaimSource,
    Document,
    Provenance,
    SourceRef,
    SourceStance,
    StanceLabel,
    Verdict,
    VerdictLabel,
)
from pipeline.settings import Settings
from pipeline.verdict.cluster import cluster_claims
from pipeline.verdict.decide import decide, own_denial, same_named_party

_RANK = {StanceLabel.contradicts: 2, StanceLabel.supports: 2, StanceLabel.not_mentioned: 0}


@dataclass
class CorpusInfo:
    """What verdicts need to know about the whole corpus."""

    documents: dict[str, Document]
    event_of: dict[str, str] = field(default_factory=dict)  # doc_id -> event_id
    copy_of: dict[str, str] = field(default_factory=dict)
    # Claim ids that already have a verdict file: a claim that gains sources keeps its file.
    existing: frozenset[str] = frozenset()
    # Longest party name read from a sentence's attribution (Settings.max_claimer_words).
    max_claimer_words: int = field(default_factory=lambda: Settings().max_claimer_words)

    def story(self, doc_id: str) -> str:
        """The independent story a document belongs to (its original when it is a copy)."""
        return self.copy_of.get(doc_id, doc_id)


def build_verdicts(
    claims: list[Claim],
    stances: dict[str, list[SourceStance]],
    corpus: CorpusInfo,
    provenance: Provenance,
) -> list[Verdict]:
    """One verdict per claim cluster, for claims whose cross-check ran (ids in `stances`)."""
    checked = [c for c in claims if c.claim_id in stances]
    # The claim extracted from each sentence: says who an evidence sentence attributes it to.
    by_sentence = {(c.doc_id, c.quote.start): c for c in checked}
    claimers = {c.claim_id: c.claimer for c in checked}
    attributed = {
        cid: [own_denial(_attribute(s, by_sentence), claimers[cid]) for s in ss]
        for cid, ss in _mirrored(checked, by_sentence, stances).items()
    }
    return [
        _cluster_verdict(members, attributed, corpus, provenance)
        for members in cluster_claims(checked, attributed)
    ]


def _mirrored(
    claims: list[Claim],
    by_sentence: dict[tuple[str, int], Claim],
    stances: dict[str, list[SourceStance]],
) -> dict[str, list[SourceStance]]:
    """What one claim's check found about another claim's sentence, said of that claim too, where its
    own check found nothing in the first claim's document:
    - a differing figure is a conflict both ways: when claim A's check found claim B's sentence
      giving another count, B is contradicted by A's sentence too, even if B's own retrieval missed
      it (names spelt differently: "Deir ez-Zor" / "dier azor");
    - when B's sentence states all of A, A's sentence states that part of B ("The Syrian Army said
      the attack was an attempt by the US to undermine its fight against terrorism" is stated by
      "The statement added that although such attacks seek to undermine the armed forces' struggle
      against terrorism, they will not be deterred", which says more). Such a part never merges
      the two claims (cluster.py)."""
    out = {cid: list(ss) for cid, ss in stances.items()}
    for mine in claims:
        for s in stances[mine.claim_id]:
            other = by_sentence.get((s.doc_id, s.evidence.start)) if s.evidence else None
            if other is None:
                continue
            if s.method == "numeric":
                figures = s.figures.swapped() if s.figures else None
                note = figures.note() if figures else s.note
                mirror = s.model_copy(
                    update={"doc_id": mine.doc_id, "evidence": mine.quote, "figures": figures, "note": note}
                )
            elif s.stance is StanceLabel.supports and s.part is None and s.method in ("meaning", "model"):
                mirror = s.model_copy(
                    update={
                        "doc_id": mine.doc_id,
                        "evidence": mine.quote,
                        "part": mine.claim,
                        "note": f"the source states this part of it: {mine.claim}",
                    }
                )
            else:
                continue
            theirs = out[other.claim_id]
            for i, t in enumerate(theirs):
                if t.doc_id == mine.doc_id and t.stance is StanceLabel.not_mentioned:
                    theirs[i] = mirror
    return out


def _attribute(stance: SourceStance, by_sentence: dict[tuple[str, int], Claim]) -> SourceStance:
    if stance.claimer is not None:
        return stance  # a competing account names its party itself
    claim = by_sentence.get((stance.doc_id, stance.evidence.start)) if stance.evidence else None
    return stance.model_copy(update={"claimer": claim.claimer}) if claim else stance


def _cluster_verdict(
    members: list[Claim],
    stances: dict[str, list[SourceStance]],
    corpus: CorpusInfo,
    provenance: Provenance,
) -> Verdict:
    lead = max(
        members,
        key=lambda c: (
            c.claim_id in corpus.existing,
            sum(s.stance is StanceLabel.supports for s in stances[c.claim_id]),
        ),
    )
    quoted = {c.doc_id: c.quote.start for c in members}
    merged: list[SourceStance] = []
    for stance in stances[lead.claim_id]:
        if stance.doc_id in quoted:
            # That source states the claim: the cluster was joined by a check that found its
            # sentence, which the lead's own check may not have (A-B and B-C merge A with C).
            stating = [
                s
                for c in members
                for s in stances[c.claim_id]
                if s.doc_id == stance.doc_id
                and s.stance is StanceLabel.supports
                and s.evidence is not None
                and s.evidence.start == quoted[s.doc_id]
            ]
            merged.append(max(stating, key=lambda s: (s.part is None, s.score), default=stance))
            continue
        # Another member may have found the passage this one missed: keep the most decisive stance.
        # Among silences, the one that found most (a source only reporting it, then one with a
        # passage about it), else the lead's own: their scores are rates of a kind of silence, and
        # a higher rate is not a better finding.
        candidates = [s for c in members for s in stances[c.claim_id] if s.doc_id == stance.doc_id]
        merged.append(
            max(
                candidates,
                key=lambda s: (
                    _RANK[s.stance],
                    0.0 if s.stance is StanceLabel.not_mentioned else s.score,
                    s.method == "hedged",
                    s.evidence is not None,
                    s is stance,
                ),
            )
        )
    story = corpus.story(lead.doc_id)
    copies = frozenset(d for d in corpus.documents if d != lead.doc_id and corpus.story(d) == story)
    # A sentence of nothing but two parties' versions reports its claim disputed there.
    own = disputed_in(corpus.documents[lead.doc_id], lead.quote.start, corpus.max_claimer_words)
    other = None
    if own is not None:
        other = own.first if same_named_party(lead.claimer, own.second.party) else own.second
    label, confidence, reason = decide(merged, lead.claimer, copies, None if other is None else other.party)
    if lead.extraction_error is not None:
        failure = f"claim extraction failed ({lead.extraction_error})"
        reason = f"{failure}, so the sentence itself was checked: {reason}"
    others = [m for m in members if m is not lead]
    stories = {corpus.story(c.doc_id) for c in members}
    stories |= {corpus.story(s.doc_id) for s in merged if s.stance is StanceLabel.supports}
    return Verdict(
        claim_id=lead.claim_id,
        event_id=corpus.event_of[lead.doc_id],
        claim=lead.claim,
        claimer=lead.claimer,
        source=_ref(corpus.documents[lead.doc_id]),
        quote=lead.quote,
        rewrite=lead.rewrite,
        verdict=label,
        confidence=confidence,
        reason=reason,
        sources=[_source(c, corpus.documents[c.doc_id]) for c in [lead, *others]],
        independent_sources=len(stories),
        accounts=_accounts(members, merged)
        + (
            []
            if other is None
            else [Account(claimer=other.party, position="contradicts", doc_ids=[lead.doc_id])]
        ),
        stances=merged,
        provenance=provenance,
    )


def _accounts(members: list[Claim], stances: list[SourceStance]) -> list[Account]:
    accounts: dict[tuple[str, str], list[str]] = {}
    for claim in members:
        accounts.setdefault((claim.claimer, "states"), []).append(claim.doc_id)
    for s in stances:
        if s.stance is not StanceLabel.not_mentioned:
            accounts.setdefault((s.claimer or "unattributed", s.stance.value), []).append(s.doc_id)
    return [
        Account(claimer=claimer, position=position, doc_ids=sorted(set(docs)))  # type: ignore[arg-type]
        for (claimer, position), docs in accounts.items()
    ]


def _ref(doc: Document) -> SourceRef:
    return SourceRef(doc_id=doc.doc_id, title=doc.title)


def _source(claim: Claim, doc: Document) -> ClaimSource:
    return ClaimSource(
        doc_id=claim.doc_id,
        title=doc.title,
        claim_id=claim.claim_id,
        claim=claim.claim,
        claimer=claim.claimer,
        quote=claim.quote,
    )


def unverified(claim: Claim, doc: Document, event_id: str, reason: str, provenance: Provenance) -> Verdict:
    """The verdict for a claim whose cross-check could not run at all."""
    return Verdict(
        claim_id=claim.claim_id,
        event_id=event_id,
        claim=claim.claim,
        claimer=claim.claimer,
        source=_ref(doc),
        quote=claim.quote,
        rewrite=claim.rewrite,
        verdict=VerdictLabel.unverified,
        confidence=0.0,
        reason=reason,
        sources=[_source(claim, doc)],
        independent_sources=1,
        accounts=[Account(claimer=claim.claimer, position="states", doc_ids=[doc.doc_id])],
        stances=[],
        provenance=provenance,
    )
