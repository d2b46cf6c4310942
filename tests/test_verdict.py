from __future__ import annotations

import pytest

from pipeline.records import SourceStance, Span, StanceLabel, VerdictLabel
from pipeline.verdict import decide


def stance(label: StanceLabel, score: float = 0.8, method: str = "model") -> SourceStance:
    evidence = Span(text="x", start=0, end=1) if label is not StanceLabel.not_mentioned else None
    return SourceStance(doc_id="d", stance=label, evidence=evidence, score=score, method=method)  # type: ignore[arg-type]


S, C, N = StanceLabel.supports, StanceLabel.contradicts, StanceLabel.not_mentioned


@pytest.mark.parametrize(
    ("stances", "label"),
    [
        ([stance(S), stance(N)], VerdictLabel.corroborated),
        ([stance(C), stance(N)], VerdictLabel.contradicted),
        ([stance(S), stance(C)], VerdictLabel.disputed),
        ([stance(N), stance(N)], VerdictLabel.single_source),
        ([], VerdictLabel.single_source),
        ([stance(N, 0.0, "error"), stance(N)], VerdictLabel.unverified),
        ([stance(N, 0.0, "error"), stance(S)], VerdictLabel.corroborated),
    ],
)
def test_labels(stances: list[SourceStance], label: VerdictLabel) -> None:
    assert decide(stances)[0] is label


def test_confidence() -> None:
    assert decide([stance(S, 0.5), stance(S, 0.5)])[1] == pytest.approx(0.75)
    assert decide([stance(S, 0.5), stance(C, 0.8)])[1] == pytest.approx(0.4)
    assert decide([stance(N, 0.9), stance(N, 0.5)])[1] == pytest.approx(0.45)
    assert decide([stance(N, 0.0, "error")])[1] == 0.0
