"""A goal's numbers at an as-of date: its pacing and its milestone table.

Goals are read as stored (the goals service writes them); only approved goals count in reports.
A goal on a metric outside the catalogue has no actual here and is paced as an additive,
higher-is-better count (a manager's coaching counts, such as `ride_alongs`, are in it).
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.errors import Invalid
from pacesetter.domain.pacing import (
    Direction,
    GoalPace,
    MetricKind,
    Milestone,
    PlannedMilestone,
    milestone_plan,
    milestone_table,
    pace_goal,
)
from pacesetter.domain.periods import Distribution, Period, PeriodError, elapsed_fraction
from pacesetter.metrics.catalogue import REGISTRY, Value, metric
from pacesetter.metrics.grouping import grouping_of
from pacesetter.metrics.series import Point, values_at
from pacesetter.store.models import Goal, Person


def goal_distribution(goal: Goal) -> Distribution | None:
    """The goal's milestone weights (`{"kind": ..., "weights": ...}`), if it has any."""
    return stored_distribution(goal.id, goal.distribution)


def stored_distribution(goal_id: int, stored: dict[str, Any] | None) -> Distribution | None:
    """Goal `goal_id`'s milestone weights as stored, if it has any."""
    if not stored:
        return None
    try:
        return Distribution(stored["kind"], stored["weights"])
    except (KeyError, TypeError, PeriodError) as error:
        raise Invalid(f"goal {goal_id} has an unusable milestone distribution: {error}") from None


def goal_pace(
    goal: Goal, actual: Value, period: Period, as_of: date, calendar: WorkCalendar
) -> GoalPace:
    """Expected to date, gap, attainment, pace and projection of `goal` given its actual."""
    fraction = elapsed_fraction(period, as_of, calendar, goal_distribution(goal))
    return pace_at(goal.metric, goal.target, actual, fraction)


def pace_at(slug: str, target: float, actual: Value, fraction: float) -> GoalPace:
    """`goal_pace` of a goal on `slug` once its elapsed fraction is known (one fraction serves
    every goal of a period without milestone weights)."""
    entry = REGISTRY.get(slug)
    kind = entry.kind if entry else MetricKind.ADDITIVE
    direction = entry.direction if entry else Direction.HIGHER
    return pace_goal(target, actual, fraction, kind, direction)


def goal_milestones(
    session: Session, goal: Goal, period: Period, as_of: date, calendar: WorkCalendar
) -> list[Milestone]:
    """Each sub-period of the goal: its share of the target, its actual to date and status.

    The actuals of all the sub-periods come from one set of statements (metrics/series.py).
    """
    plan = milestone_plan(period, calendar, goal_distribution(goal))
    keys = select(Person.id).where(Person.id == goal.person_id)
    grouping = grouping_of(goal.scope_type, keys)
    points = milestone_points(plan, as_of)
    found = values_at(session, grouping, [goal.metric], points, calendar=calendar)
    return milestones_of(goal, plan, as_of, lambda point: found[point][goal.person_id][goal.metric])


def milestone_points(plan: list[PlannedMilestone], as_of: date) -> list[Point]:
    """The reports the milestones' actuals are: each started sub-period, to `as_of`."""
    return [point for point in (_point(planned, as_of) for planned in plan) if point]


def milestones_of(
    goal: Goal, plan: list[PlannedMilestone], as_of: date, actual_at: Callable[[Point], Value]
) -> list[Milestone]:
    """The goal's milestone table, given the actual of each of its `milestone_points`."""
    entry = metric(goal.metric)
    points = [_point(planned, as_of) for planned in plan]
    actuals = [actual_at(point) if point else None for point in points]
    return milestone_table(goal.target, plan, actuals, as_of, entry.kind, entry.direction)


def _point(planned: PlannedMilestone, as_of: date) -> Point | None:
    """The sub-period to date; None for one that has not started (it has no actual)."""
    return Point(planned.start, planned.end, as_of) if planned.start <= as_of else None
