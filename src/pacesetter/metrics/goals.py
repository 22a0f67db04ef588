"""A goal's numbers at an as-of date: its pacing and its milestone table.

Goals are read as stored (the goals service writes them); only approved goals count in reports.
A goal on a metric outside the catalogue (a manager KPI such as `ride_alongs`) has no actual here
and is paced as an additive, higher-is-better count.
"""

from datetime import date

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
from pacesetter.metrics.families import ReportContext
from pacesetter.metrics.grouping import TEAM_SCOPE, ByOwner, ByTeam
from pacesetter.metrics.values import metrics_for
from pacesetter.store.models import Goal, Person


def goal_distribution(goal: Goal) -> Distribution | None:
    """The goal's milestone weights (`{"kind": ..., "weights": ...}`), if it has any."""
    if not goal.distribution:
        return None
    try:
        return Distribution(goal.distribution["kind"], goal.distribution["weights"])
    except (KeyError, TypeError, PeriodError) as error:
        raise Invalid(f"goal {goal.id} has an unusable milestone distribution: {error}") from None


def goal_pace(
    goal: Goal, actual: Value, period: Period, as_of: date, calendar: WorkCalendar
) -> GoalPace:
    """Expected to date, gap, attainment, pace and projection of `goal` given its actual."""
    entry = REGISTRY.get(goal.metric)
    kind = entry.kind if entry else MetricKind.ADDITIVE
    direction = entry.direction if entry else Direction.HIGHER
    fraction = elapsed_fraction(period, as_of, calendar, goal_distribution(goal))
    return pace_goal(goal.target, actual, fraction, kind, direction)


def goal_milestones(
    session: Session, goal: Goal, period: Period, as_of: date, calendar: WorkCalendar
) -> list[Milestone]:
    """Each sub-period of the goal: its share of the target, its actual to date and status.

    One set of metric queries per sub-period that has started (three for a quarter by months).
    """
    entry = metric(goal.metric)
    plan = milestone_plan(period, calendar, goal_distribution(goal))
    keys = select(Person.id).where(Person.id == goal.person_id)
    grouping = ByTeam(keys) if goal.scope_type == TEAM_SCOPE else ByOwner(keys)
    actuals = [_actual(session, grouping, goal, planned, as_of, calendar) for planned in plan]
    return milestone_table(goal.target, plan, actuals, as_of, entry.kind, entry.direction)


def _actual(
    session: Session,
    grouping: ByOwner | ByTeam,
    goal: Goal,
    planned: PlannedMilestone,
    as_of: date,
    calendar: WorkCalendar,
) -> Value:
    """The goal's metric over one sub-period to date; None for one that has not started."""
    if as_of < planned.start:
        return None
    context = ReportContext(session, planned.start, planned.end, as_of, calendar)
    return metrics_for(context, grouping, [goal.metric])[goal.person_id][goal.metric]
