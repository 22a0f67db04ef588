"""A goal's progress at an as-of date: its pacing and milestones as the reports compute them
(metrics/goals.py), and the points of its pacing chart (actual to date against the expected
line, milestones marked)."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.goal_lint import TEAM
from pacesetter.domain.pacing import GoalPace, Milestone
from pacesetter.domain.periods import Period, PeriodKind
from pacesetter.goals.queries import period_named
from pacesetter.metrics.catalogue import REGISTRY, Value
from pacesetter.metrics.goals import goal_milestones, goal_pace
from pacesetter.metrics.org_settings import load_work_calendar
from pacesetter.metrics.values import person_metrics, team_metrics
from pacesetter.store.models import Goal, Person


@dataclass(frozen=True)
class ChartPoint:
    day: date
    expected: float
    actual: Value  # None after the as-of date


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    period: Period
    as_of: date
    pace: GoalPace
    milestones: list[Milestone]
    chart: list[ChartPoint]


def goal_progress(session: Session, goal: Goal, as_of: date) -> GoalProgress:
    """Pacing, milestones and chart points of `goal` at `as_of`.

    A goal on a metric outside the catalogue (a manager's ride-alongs) has no actual here.
    """
    period = period_named(session, goal.period)
    calendar = load_work_calendar(session, range(period.start.year, period.end.year + 2))
    actual = _actual(session, goal, period, as_of, calendar)
    pace = goal_pace(goal, actual, period, as_of, calendar)
    known = goal.metric in REGISTRY
    milestones = goal_milestones(session, goal, period, as_of, calendar) if known else []

    def point(day: date) -> ChartPoint:
        """The expected line on `day`, and the actual to date up to `as_of` (one metric
        query a day; the as-of date's is the pace's)."""
        expected = goal_pace(goal, None, period, day, calendar).expected
        if day > as_of:
            return ChartPoint(day, expected, None)
        on_day = actual if day == as_of else _actual(session, goal, period, day, calendar)
        return ChartPoint(day, expected, on_day)

    days = chart_days(period, as_of, [milestone.end for milestone in milestones])
    return GoalProgress(goal, period, as_of, pace, milestones, [point(day) for day in days])


def chart_days(period: Period, as_of: date, milestone_ends: list[date]) -> list[date]:
    """Where the chart has a point: each week's Friday (each month's end for a year), the
    milestones' ends, the as-of date and the period's last day."""
    if period.kind is PeriodKind.YEAR:
        days = [month.end for month in period.months()]
    else:
        first_friday = period.start + timedelta(days=(4 - period.start.weekday()) % 7)
        days = [first_friday + timedelta(weeks=n) for n in range(60)]
        days = [day for day in days if day < period.end]
    within = [as_of] if period.contains(as_of) else []
    return sorted({*days, *milestone_ends, *within, period.end})


def _actual(
    session: Session, goal: Goal, period: Period, as_of: date, calendar: WorkCalendar
) -> Value:
    if goal.metric not in REGISTRY:
        return None
    compute = team_metrics if goal.scope_type == TEAM else person_metrics
    keys = select(Person.id).where(Person.id == goal.person_id)
    values = compute(session, keys, period, as_of, [goal.metric], calendar=calendar)
    return values[goal.person_id][goal.metric]
