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
    # Silences are wrong together (a claim others restate is missed in several): the weakest decides.
    assert decide([stance(N, 0.9), stance(N, 0.5)])[1] == pytest.approx(0.5)
    assert decide([stance(N, 0.0, "error")])[1] == 0.0


def test_competing_accounts_are_a_dispute_not_a_refutation() -> None:
    account = stance(C).model_copy(update={"claimer": "the US Central Command"})
    label, _, reason = decide([account], claimer="the Syrian army")
    assert label is VerdictLabel.disputed
    assert reason == "competing accounts: the Syrian army against the US Central Command"
    # The same party contradicting itself, or the outlet's own voice, is a contradiction.
    assert decide([account], claimer="US Central Command spokesman")[0] is VerdictLabel.contradicted
    assert decide([account], claimer="the outlet")[0] is VerdictLabel.contradicted


def test_copies_of_the_same_story_do_not_corroborate() -> None:
    label, _, reason = decide([stance(S)], copies=frozenset({"d"}))
    assert (label, reason) == (VerdictLabel.single_source, "only 1 copy(ies) of the same story repeat it")


def test_a_differing_figure_is_a_contradiction_whoever_states_it() -> None:
    figure = stance(C, method="numeric").model_copy(update={"claimer": "the Syrian army"})
    assert decide([figure], claimer="the US military")[0] is VerdictLabel.contradicted


def test_figures_that_could_both_hold_are_still_a_contradiction_and_the_reason_says_so() -> None:
    note = "claim says over 60, source says over 80"
    figure = stance(C, method="numeric").model_copy(update={"note": note})
    label, _, reason = decide([figure], claimer="the outlet")
    assert label is VerdictLabel.contradicted
    assert reason == (
        "contradicted by 1 other source(s); figures that differ, though both could hold: "
        "claim says over 60, source says over 80"
    )
    exact = figure.model_copy(update={"note": "claim says 60, source says 80"})
    assert decide([exact], claimer="the outlet") == (
        VerdictLabel.contradicted,
        0.8,
        "contradicted by 1 other source(s)",
    )
    # One pair that cannot both hold: the reason makes no excuse for the figures.
    assert decide([figure, exact], claimer="the outlet")[2] == "contradicted by 2 other source(s)"
    # Beside another party's account, or a support, a figure is not a competing account.
    account = stance(C, method="accounts").model_copy(update={"claimer": "Damascus"})
    assert decide([figure, account], claimer="the outlet")[0] is VerdictLabel.contradicted
    label, _, reason = decide([figure, account, stance(S)], claimer="the outlet")
    assert (label, reason) == (VerdictLabel.disputed, "1 source(s) support it and 2 contradict it")


def test_another_partys_version_is_a_competing_account_even_for_the_outlets_own_claim() -> None:
    account = stance(C, method="accounts").model_copy(update={"claimer": "Damascus"})
    label, _, reason = decide([account], claimer="the outlet")
    assert (label, reason) == (VerdictLabel.disputed, "competing accounts: the outlet against Damascus")
    label, _, reason = decide([account, stance(S)], claimer="the outlet")
    assert (label, reason) == (
        VerdictLabel.disputed,
        "competing accounts: the outlet against Damascus; 1 other source(s) support it",
    )


def test_a_party_denying_another_account_does_not_contradict_its_own_statement() -> None:
    from pipeline.verdict.decide import own_denial

    denial = stance(C, method="denial").model_copy(update={"claimer": "Syrian officials in Damascus"})
    mine = own_denial(denial, "Damascus")
    assert mine.stance is StanceLabel.not_mentioned and mine.note is not None
    assert decide([mine, stance(S)], claimer="Damascus")[0] is VerdictLabel.corroborated
    # Anyone else's denial still contradicts, the outlet's own too.
    assert own_denial(denial, "the US military") == denial
    assert own_denial(denial, "the outlet") == denial
    # The party's denial agreeing with a claim that reports it denying stays a support.
    agreeing = denial.model_copy(update={"stance": StanceLabel.supports})
    assert own_denial(agreeing, "Damascus") == agreeing
    # Sharing a role word ("foreign ministry") does not make two parties one.
    ukraine = denial.model_copy(update={"claimer": "the Ukrainian foreign ministry"})
    assert own_denial(ukraine, "the Russian foreign ministry") == ukraine
