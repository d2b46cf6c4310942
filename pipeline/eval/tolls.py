"""FA-KES death tolls as a label for numeric conflicts between the sources of one event.

FA-KES gives, per article, the number of civilians and non-civilians it reports killed. In a
(date, location) group told by several outlets, articles whose tolls differ disagree on a figure the
pipeline should report as a conflict, with both figures; where every article gives the same toll, a
conflict the pipeline reports is false (or about some other count, which the data cannot tell).
Each group is run as a corpus of its own; this module picks the groups and scores a run's verdicts."""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass, field
from typing import Any

from pipeline.check import figure_value
from pipeline.eval.fakes import rows_by_event
from pipeline.records import Figures


@dataclass(frozen=True)
class TollGroup:
    """One (date, location) event told by two or more outlets, with each article's toll."""

    date: str
    location: str
    rows: tuple[dict[str, str], ...]
    tolls: tuple[int, ...]

    @property
    def key(self) -> str:
        """A stable name for the group's folder, whatever sample it is drawn in."""
        return hashlib.sha256(f"{self.date}\n{self.location}".encode()).hexdigest()[:12]

    @property
    def disagree(self) -> bool:
        return len(set(self.tolls)) > 1

    def figures(self) -> set[float]:
        """Every number the labels give for this event: totals, civilians, non-civilians."""
        numbers: set[float] = set(self.tolls)
        for row in self.rows:
            numbers |= {
                n for key in ("nb_civilians", "nb_noncivilians") if (n := _count(row.get(key))) is not None
            }
        return numbers


@dataclass
class GroupScore:
    group: TollGroup
    conflicts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def reported(self) -> bool:
        return bool(self.conflicts)

    @property
    def both_figures(self) -> bool:
        """A conflict whose two sides are two different labelled figures of this event (within 5 %:
        the labels add civilians and others up, where an article may count them apart)."""
        known = self.group.figures()

        def labelled(value: float | None) -> bool:
            return value is not None and any(abs(value - k) <= 0.05 * k for k in known)

        for claim_says, source_says in self.conflicts:
            a, b = figure_value(claim_says), figure_value(source_says)
            if a != b and labelled(a) and labelled(b):
                return True
        return False


def toll_groups(rows: list[dict[str, str]]) -> list[TollGroup]:
    """Multi-source groups whose every article has a labelled toll, in (date, location) order."""
    groups = []
    for (date, location), members in sorted(rows_by_event(rows).items()):
        tolls = [_toll(r) for r in members]
        if len(members) < 2 or len({r.get("source") for r in members}) < 2 or None in tolls:
            continue
        groups.append(TollGroup(date, location, tuple(members), tuple(t for t in tolls if t is not None)))
    return groups


def pick_groups(groups: list[TollGroup], n: int | None, seed: int) -> list[TollGroup]:
    """n groups, half with differing tolls and half with agreeing ones where the data allows."""
    if n is None or n >= len(groups):
        return groups
    rng = random.Random(seed)
    differ = [g for g in groups if g.disagree]
    agree = [g for g in groups if not g.disagree]
    rng.shuffle(differ)
    rng.shuffle(agree)
    take_differ = min(len(differ), max(n - len(agree), (n + 1) // 2))
    picked = differ[:take_differ] + agree[: n - take_differ]
    return sorted(picked, key=lambda g: (g.date, g.location))


def conflicts_of(verdicts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The differing figures of every numeric conflict in a run's verdict files."""
    found = []
    for verdict in verdicts:
        for stance in verdict.get("stances", []):
            if stance.get("method") != "numeric" or stance.get("stance") != "contradicts":
                continue
            figures = Figures.from_note(stance.get("note") or "")
            if figures is not None:
                found.append((figures.claim_says, figures.source_says))
    return found


def summarise(scores: list[GroupScore]) -> dict[str, Any]:
    differ = [s for s in scores if s.group.disagree]
    agree = [s for s in scores if not s.group.disagree]

    def share(items: list[GroupScore], test: str) -> float | None:
        return round(sum(getattr(s, test) for s in items) / len(items), 4) if items else None

    return {
        "groups": len(scores),
        "groups_disagreeing": len(differ),
        "groups_agreeing": len(agree),
        "disagreement_reported": share(differ, "reported"),
        "disagreement_reported_with_both_figures": share(differ, "both_figures"),
        "false_conflict": share(agree, "reported"),
        "per_group": [
            {
                "date": s.group.date,
                "location": s.group.location,
                "tolls": list(s.group.tolls),
                "conflicts": [list(c) for c in s.conflicts],
                "both_figures": s.both_figures,
            }
            for s in scores
        ],
    }


def _toll(row: dict[str, str]) -> int | None:
    civilians, others = _count(row.get("nb_civilians")), _count(row.get("nb_noncivilians"))
    if civilians is None and others is None:
        return None
    return (civilians or 0) + (others or 0)


def _count(value: str | None) -> int | None:
    try:
        number = float((value or "").strip())
    except ValueError:
        return None
    return int(number) if math.isfinite(number) and number >= 0 else None
