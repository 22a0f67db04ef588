"""Pacing a goal at a date, as metrics.md "Attainment, pacing and the quadrant" defines it.

Additive metrics (sums and counts) accrue with time: at date d a goal expects `target x
elapsed_fraction(P, d)`, pace compares the actual with that, and the projection runs the actual
on to the period's end. Ratio metrics (ratios and means, `sales_cycle_days` included) accrue
nothing: the whole target is expected at every date, pace is the attainment and the projection
is the actual. For a lower-is-better metric attainment is `target / actual`.

Every function returns None where metrics.md says null: no target, a ratio over nothing, a
division by zero, or pace and projection while the elapsed fraction is 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.periods import Distribution, Period, PeriodKind


class MetricKind(StrEnum):
    ADDITIVE = "additive"  # sums and counts: accrue with time
    RATIO = "ratio"  # ratios and means: nothing accrues


class Direction(StrEnum):
    HIGHER = "higher"  # higher is better
    LOWER = "lower"  # lower is better (sales_cycle_days)


class MilestoneStatus(StrEnum):
    HIT = "hit"
    MISSED = "missed"
    IN_PROGRESS = "in_progress"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class GoalPace:
    """A goal at one date. `gap` is actual - expected, in the metric's unit."""

    target: float
    actual: float | None
    fraction: float
    expected: float
    gap: float | None
    attainment: float | None
    pace: float | None
    projection: float | None


class PlannedMilestone(NamedTuple):
    """A sub-period of a goal's period, clipped to it, and its share (weight) of the target."""

    period: Period
    start: date
    end: date
    weight: float


@dataclass(frozen=True)
class Milestone:
    """One sub-period of a goal: its share of the target, its actual and where it stands."""

    name: str
    start: date
    end: date
    target: float
    actual: float | None
    status: MilestoneStatus


# The sub-periods a goal without a distribution is spread over; a week has none.
DEFAULT_MILESTONES = {
    PeriodKind.YEAR: PeriodKind.MONTH,
    PeriodKind.QUARTER: PeriodKind.MONTH,
    PeriodKind.MONTH: PeriodKind.WEEK,
}


def attainment(
    target: float | None, actual: float | None, direction: Direction = Direction.HIGHER
) -> float | None:
    """actual / target (target / actual when lower is better); None without both, or on a 0."""
    if target is None or actual is None:
        return None
    if direction is Direction.LOWER:
        return _divide(target, actual)
    return _divide(actual, target)


def pace_goal(
    target: float,
    actual: float | None,
    fraction: float,
    kind: MetricKind,
    direction: Direction = Direction.HIGHER,
) -> GoalPace:
    """Expected to date, gap, attainment, pace and projection of a goal at elapsed `fraction`."""
    reached = attainment(target, actual, direction)
    if kind is MetricKind.RATIO:
        gap = _minus(actual, target)
        return GoalPace(target, actual, fraction, target, gap, reached, reached, actual)
    expected = target * fraction
    accrued = fraction > 0
    return GoalPace(
        target=target,
        actual=actual,
        fraction=fraction,
        expected=expected,
        gap=_minus(actual, expected),
        attainment=reached,
        # Pace is the attainment against what was expected by now.
        pace=attainment(expected, actual, direction) if accrued else None,
        projection=_divide(actual, fraction) if accrued and actual is not None else None,
    )


def hybrid_credit(
    individual_weight: float | None,
    individual_attainment: float | None,
    team_attainment: float | None,
    *,
    has_team_goal: bool,
) -> float | None:
    """w x individual + (1 - w) x team attainment for a person's goal (metrics.md).

    No weight (or w = 1) credits the individual attainment alone; w < 1 without the team goal
    of the person's manager is null. A part whose weight is 0 is left out, so w = 0 credits the
    team alone. A team goal's own credit is simply its attainment.
    """
    weight = individual_weight
    if weight is None or weight >= 1:
        return individual_attainment
    if not has_team_goal:
        return None
    parts = [(weight, individual_attainment), (1 - weight, team_attainment)]
    counted = [(part, value) for part, value in parts if part > 0]
    if any(value is None for _, value in counted):
        return None
    return sum(part * value for part, value in counted if value is not None)


def milestone_plan(
    period: Period, calendar: WorkCalendar, distribution: Distribution | None = None
) -> list[PlannedMilestone]:
    """Each sub-period of a goal's period, clipped to it, with its share of the target.

    With a distribution, its weights; otherwise evenly by working days (by calendar days if the
    period has none), over months of a quarter or year and ISO weeks of a month.
    """
    kind = distribution.kind if distribution else DEFAULT_MILESTONES.get(period.kind)
    if kind is None:
        return []
    subs = period.sub_periods(kind)
    spans = [(max(sub.start, period.start), min(sub.end, period.end)) for sub in subs]
    if distribution is not None:
        weights = [weight for _, _, weight in distribution.segments(period)]
    else:
        weights = _even_weights(spans, calendar)
    rows = zip(subs, spans, weights, strict=True)
    return [PlannedMilestone(sub, start, end, weight) for sub, (start, end), weight in rows]


def milestone_table(
    target: float,
    plan: Sequence[PlannedMilestone],
    actuals: Sequence[float | None],
    as_of: date,
    kind: MetricKind,
    direction: Direction = Direction.HIGHER,
) -> list[Milestone]:
    """The milestones of `plan` with each sub-period's actual to `as_of` (same order).

    An additive sub-period's target is its share of the goal; a ratio's is the goal's target
    itself. An additive milestone is hit as soon as its share is reached; a ratio one only
    when its sub-period is over, since a ratio can still fall.
    """
    table = []
    for planned, actual in zip(plan, actuals, strict=True):
        share = target * planned.weight if kind is MetricKind.ADDITIVE else target
        reached = (attainment(share, actual, direction) or 0.0) >= 1
        status = _milestone_status(planned.start, planned.end, as_of, reached, kind)
        table.append(
            Milestone(planned.period.name, planned.start, planned.end, share, actual, status)
        )
    return table


def _milestone_status(
    start: date, end: date, as_of: date, reached: bool, kind: MetricKind
) -> MilestoneStatus:
    if as_of < start:
        return MilestoneStatus.UPCOMING
    over = as_of >= end
    if reached and (over or kind is MetricKind.ADDITIVE):
        return MilestoneStatus.HIT
    return MilestoneStatus.MISSED if over else MilestoneStatus.IN_PROGRESS


def _even_weights(spans: Sequence[tuple[date, date]], calendar: WorkCalendar) -> list[float]:
    days = [calendar.working_days(start, end) for start, end in spans]
    if not any(days):
        days = [(end - start).days + 1 for start, end in spans]
    total = sum(days)
    return [count / total for count in days]


def _divide(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else numerator / denominator


def _minus(actual: float | None, expected: float) -> float | None:
    return None if actual is None else actual - expected
