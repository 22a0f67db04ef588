"""The QDQ plan score and activity pace (metrics.md "QDQ plan score", "... and the quadrant").

A rep's monthly plan has activity-type lines (Quantity), a `direction` line (the target share of
activity with the right people) and a `quality` line (the target skill rating). For a period
longer than a month the months' plans are summed (counts, each month paced by its own elapsed
fraction) or averaged (shares and ratings). The three dimensions do not compensate: the score is
the weakest of those scored, and that one is named. The rules here take plain numbers; the
caller gathers them for all reps at once (metrics/plans.py).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from math import fsum


class Dimension(StrEnum):
    # In this order: on a tie the first one binds.
    QUANTITY = "quantity"
    DIRECTION = "direction"
    QUALITY = "quality"


@dataclass(frozen=True)
class PlanPair:
    """One (month, activity type) line of a plan with the rep's actual to date.

    `fraction` is elapsed_fraction(month, d): the share of the month's working days gone.
    """

    type: str
    planned: float
    actual: int
    fraction: float

    @property
    def expected(self) -> float:
        return self.planned * self.fraction


@dataclass(frozen=True)
class QdqScore:
    quantity: float | None
    direction: float | None
    quality: float | None
    score: float | None
    binding: Dimension | None


@dataclass(frozen=True)
class LineTotal:
    """One activity type's lines over the months of P, summed: planned, expected by now (each
    month's planned x its own elapsed fraction) and done."""

    type: str
    planned: float
    expected: float
    actual: int


def line_totals(pairs: Iterable[PlanPair]) -> list[LineTotal]:
    """The pairs summed per activity type (the months of a longer period added up)."""
    by_type: dict[str, list[PlanPair]] = {}
    for pair in pairs:
        by_type.setdefault(pair.type, []).append(pair)
    return [
        LineTotal(
            kind,
            fsum(line.planned for line in lines),
            fsum(line.expected for line in lines),
            sum(line.actual for line in lines),
        )
        for kind, lines in by_type.items()
    ]


def activity_pace(pairs: Sequence[PlanPair]) -> float | None:
    """Σ actual / Σ expected over the plan's pairs; None without pairs or expectation."""
    return pace_of_totals(line_totals(pairs))


def pace_of_totals(totals: Sequence[LineTotal]) -> float | None:
    """Activity pace from the per-type totals: Σ actual / Σ expected; None without
    expectation."""
    expected = fsum(total.expected for total in totals)
    if expected == 0:
        return None
    return sum(total.actual for total in totals) / expected


def quantity(pairs: Iterable[PlanPair]) -> float | None:
    """Mean over activity types of min(1, actual / expected), the months of each type summed."""
    return quantity_of_totals(line_totals(pairs))


def quantity_of_totals(totals: Iterable[LineTotal]) -> float | None:
    """Mean over activity types of min(1, actual / expected).

    A type counts when its summed plan is above 0 and something is expected of it by now (a
    month that has not started expects nothing); None when no type counts.
    """
    counted = [
        min(1.0, total.actual / total.expected)
        for total in totals
        if total.planned > 0 and total.expected > 0
    ]
    return fsum(counted) / len(counted) if counted else None


def direction(share: float | None, planned_shares: Sequence[float]) -> float | None:
    """min(1, direction share / mean planned share); None without a line, a plan of 0 or a
    share (no activities)."""
    return _against_plan(share, planned_shares)


def quality(mean_rating: float | None, planned_ratings: Sequence[float]) -> float | None:
    """min(1, mean observed rating / mean planned rating); None without a line (not scored)
    or without a rating (not observed)."""
    return _against_plan(mean_rating, planned_ratings)


def _against_plan(actual: float | None, planned: Sequence[float]) -> float | None:
    if actual is None or not planned:
        return None
    target = fsum(planned) / len(planned)
    return None if target == 0 else min(1.0, actual / target)


def score(quantity: float | None, direction: float | None, quality: float | None) -> QdqScore:
    """The weakest scored dimension and its name; both None when none is scored."""
    values = zip(Dimension, (quantity, direction, quality), strict=True)
    scored = [(value, dimension) for dimension, value in values if value is not None]
    if not scored:
        return QdqScore(quantity, direction, quality, None, None)
    lowest = min(value for value, _ in scored)
    binding = next(dimension for value, dimension in scored if value == lowest)
    return QdqScore(quantity, direction, quality, lowest, binding)
