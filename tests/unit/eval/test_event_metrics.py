from __future__ import annotations

import pytest

from pipeline.eval.events import bcubed, pairwise


def test_bcubed_and_pairwise_on_a_known_case() -> None:
    gold = ["a", "a", "a", "b", "b"]
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    assert pairwise(gold, gold) == (1.0, 1.0, 1.0)
    split = ["x", "x", "y", "z", "z"]  # one gold event cut in two
    p, r, _ = bcubed(split, gold)
    assert p == 1.0 and r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert pairwise(split, gold)[:2] == (1.0, 0.5)  # 2 of the 4 gold pairs kept
    merged = ["x"] * 5
    assert bcubed(merged, gold)[1] == 1.0 and pairwise(merged, gold)[0] == 0.4
