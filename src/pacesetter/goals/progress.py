"""A goal's progress at an as-of date: its pacing and milestones as the reports compute them
(metrics/goals.py), and the points of its pacing chart (actual to date against the expected
line, milestones marked).

Every actual a page shows (the pace's, each milestone's, each chart point's) is a report point
read through metrics/series.py, all the goals of a page at once: the statements are the same
for a week goal or a year goal, for one goal or many (one set per scope type, person or team,
with one statement per metric family the goals need), and the work calendar is loaded once.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.pacing import GoalPace, Milestone, PlannedMilestone, milestone_plan
from pacesetter.domain.periods import Period, PeriodKind
from pacesetter.goals.queries import period_named
from pacesetter.metrics.catalogue import REGISTRY, Value
from pacesetter.metrics.goals import goal_distribution, goal_pace, milestone_points, milestones_of
from pacesetter.metrics.grouping import grouping_of
from pacesetter.metrics.org_settings import load_work_calendar, report_years
from pacesetter.metrics.series import Point, values_at
from pacesetter.metrics.values import MetricValues
from pacesetter.store.models import Goal, Person

# The actual of a goal's metric at a report point; None for a metric outside the catalogue.
Actuals = Callable[[Goal, Point], Value]


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


@dataclass(frozen=True)
class _Chart:
    """What a goal's progress is read at: its period, sub-periods and chart days."""

    goal: Goal
    period: Period
    plan: list[PlannedMilestone]
    days: list[date]

    def to(self, day: date) -> Point:
        """The goal's period to `day`."""
        return Point(self.period.start, self.period.end, day)

    def points(self, as_of: date) -> list[Point]:
        """Every report point its progress at `as_of` reads."""
        shown = [self.to(day) for day in self.days if day <= as_of]
        return [self.to(as_of), *shown, *milestone_points(self.plan, as_of)]


def goal_progress(
    session: Session, goal: Goal, as_of: date, *, calendar: WorkCalendar | None = None
) -> GoalProgress:
    """Pacing, milestones and chart points of `goal` at `as_of`.

    A goal on a metric outside the catalogue has no actual here.
    """
    return goals_progress(session, [goal], as_of, calendar=calendar)[goal.id]


def goals_progress(
    session: Session,
    goals: Sequence[Goal],
    as_of: date,
    *,
    calendar: WorkCalendar | None = None,
) -> dict[int, GoalProgress]:
    """The progress of each goal at `as_of`, by goal id, from one set of statements."""
    if not goals:
        return {}
    periods = {goal.id: period_named(session, goal.period) for goal in goals}
    if calendar is None:
        calendar = _calendar(session, periods.values())
    charts = [_chart(goal, periods[goal.id], as_of, calendar) for goal in goals]
    actual = _actuals(session, charts, as_of, calendar)
    return {chart.goal.id: _progress(chart, as_of, calendar, actual) for chart in charts}


def chart_days(period: Period, as_of: date, milestone_ends: list[date]) -> list[date]:
    """Where the chart has a point: the period's first day (the line starts on the 1st, not
    on the first Friday), each week's Friday (each month's end for a year), the milestones'
    ends, the as-of date and the period's last day."""
    if period.kind is PeriodKind.YEAR:
        days = [month.end for month in period.months()]
    else:
        first_friday = period.start + timedelta(days=(4 - period.start.weekday()) % 7)
        days = [first_friday + timedelta(weeks=n) for n in range(60)]
        days = [day for day in days if day < period.end]
    within = [as_of] if period.contains(as_of) else []
    return sorted({period.start, *days, *milestone_ends, *within, period.end})


def _calendar(session: Session, periods: Iterable[Period]) -> WorkCalendar:
    spans = list(periods)
    years = report_years(min(p.start for p in spans), max(p.end for p in spans))
    return load_work_calendar(session, years)


def _chart(goal: Goal, period: Period, as_of: date, calendar: WorkCalendar) -> _Chart:
    known = goal.metric in REGISTRY
    plan = milestone_plan(period, calendar, goal_distribution(goal)) if known else []
    return _Chart(goal, period, plan, chart_days(period, as_of, [p.end for p in plan]))


def _actuals(
    session: Session, charts: list[_Chart], as_of: date, calendar: WorkCalendar
) -> Actuals:
    """Every point of every chart, read per scope type (person or team) for all at once."""
    found: dict[str, dict[Point, MetricValues]] = {}
    for scope_type in sorted({chart.goal.scope_type for chart in charts}):
        mine = [c for c in charts if c.goal.scope_type == scope_type and c.goal.metric in REGISTRY]
        keys = select(Person.id).where(Person.id.in_(sorted({c.goal.person_id for c in mine})))
        slugs = list(dict.fromkeys(c.goal.metric for c in mine))
        points = [point for c in mine for point in c.points(as_of)]
        grouping = grouping_of(scope_type, keys)
        found[scope_type] = values_at(session, grouping, slugs, points, calendar=calendar)

    def actual(goal: Goal, point: Point) -> Value:
        if goal.metric not in REGISTRY:
            return None
        return found[goal.scope_type][point][goal.person_id][goal.metric]

    return actual


def _progress(chart: _Chart, as_of: date, calendar: WorkCalendar, actual: Actuals) -> GoalProgress:
    goal, period = chart.goal, chart.period
    pace = goal_pace(goal, actual(goal, chart.to(as_of)), period, as_of, calendar)
    # A metric outside the catalogue has no sub-periods planned, nor a kind to table them by.
    plan = chart.plan
    milestones = milestones_of(goal, plan, as_of, lambda at: actual(goal, at)) if plan else []

    def point(day: date) -> ChartPoint:
        """The expected line on `day`, and the actual to date up to `as_of`."""
        expected = goal_pace(goal, None, period, day, calendar).expected
        return ChartPoint(day, expected, actual(goal, chart.to(day)) if day <= as_of else None)

    return GoalProgress(goal, period, as_of, pace, milestones, [point(day) for day in chart.days])
