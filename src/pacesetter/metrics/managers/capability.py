"""Capability growth KPIs: time to the first month at goal, rep retention, improvement plans
for off-track reps, upward feedback and customer experience.

Each is one statement (improvement plans: two, with the quadrant) for every manager at once.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.periods import Period, PeriodKind, period_of, trailing_12_months
from pacesetter.domain.vocab import CoachingType, DealStatus, GoalStatus
from pacesetter.metrics.catalogue import ratio
from pacesetter.metrics.grouping import PERSON_SCOPE, ByTeam
from pacesetter.metrics.managers.population import Counts, Member, Members, team_rep_ids
from pacesetter.metrics.quadrant import quadrants
from pacesetter.store.models import CoachingRecord, Deal, Goal, Person

Ids = Select[tuple[int]]
Window = tuple[date, date]
IMPROVEMENT_PLAN_DAYS = 14
MIN_UPWARD_FEEDBACK = 3


@dataclass(frozen=True)
class Onboarding:
    """`time_to_first_goal_month` and how many of the recent hires are still waiting."""

    mean_months: float | None
    waiting: int


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def first_goal_months(
    session: Session, grouping: ByTeam, period: Period, as_of: date
) -> dict[int, int]:
    """For each rep of the teams who started in the 12 months up to d: the whole months from
    their start month to the first month (ended by d) whose approved person-scope
    `revenue_won` goal they attained; reps who have not reached it yet are absent."""
    first, _ = trailing_12_months(as_of)
    won = (
        select(func.coalesce(func.sum(Deal.amount), 0))
        .where(Deal.owner_id == Goal.person_id, Deal.status == DealStatus.WON)
        .where(Deal.close_date.between(Goal.period_start, Goal.period_end))
        .scalar_subquery()
    )
    statement = (
        select(Goal.person_id, Person.start_date, Goal.period_start, Goal.period_end, Goal.target)
        .add_columns(won.label("won"))
        .join(Person, Person.id == Goal.person_id)
        .where(Goal.person_id.in_(team_rep_ids(grouping.closure, period)))
        .where(Person.start_date.between(first, as_of), *_month_goals_since(first, as_of))
    )
    found: dict[int, int] = {}
    for person, start, goal_start, goal_end, target, revenue in session.execute(statement):
        in_tenure = _is_month(goal_start, goal_end) and goal_start >= start.replace(day=1)
        if in_tenure and target > 0 and float(revenue) / target >= 1:
            months = month_index(goal_start) - month_index(start)
            found[person] = min(months, found.get(person, months))
    return found


def _month_goals_since(first: date, as_of: date) -> tuple[ColumnElement[bool], ...]:
    """Approved person-scope `revenue_won` goals of months from `first`'s month, ended by d."""
    return (
        Goal.scope_type == PERSON_SCOPE,
        Goal.metric == "revenue_won",
        Goal.status == GoalStatus.APPROVED,
        Goal.period_start >= first.replace(day=1),
        Goal.period_end <= as_of,
    )


def _is_month(start: date, end: date) -> bool:
    month = period_of(start, PeriodKind.MONTH)
    return (month.start, month.end) == (start, end)


def onboarding(members: Iterable[Member], reached: dict[int, int], as_of: date) -> Onboarding:
    """The mean months to the first month at goal of a team's recent hires, and how many of
    them are still waiting."""
    first, _ = trailing_12_months(as_of)
    hires = [m for m in members if m.start_date is not None and first <= m.start_date <= as_of]
    months = [reached[m.person_id] for m in hires if m.person_id in reached]
    return Onboarding(fmean(months) if months else None, len(hires) - len(months))


def retention(members: Iterable[Member], period: Period, as_of: date) -> Counts:
    """(the reps employed on the first day of P whose end date is not in the to-date window,
    the reps employed on that day)."""
    at_start = [m for m in members if m.employed_on(period.start)]
    last = min(as_of, period.end)
    left = sum(1 for m in at_start if m.end_date is not None and m.end_date <= last)
    return len(at_start) - left, len(at_start)


def improvement_plan_rates(
    session: Session,
    grouping: ByTeam,
    reps: Members,
    period: Period,
    as_of: date,
    calendar: WorkCalendar,
) -> dict[int, Counts]:
    """Among each team's reps (`reps`: employed during P, metrics.md's "their reps") who were
    `off_track` at the end of the previous period Q of the same length, (those with an
    `improvement_plan` record about them, by anyone, dated from Q's last day to 14 days after it
    and not after d, those off track). A rep who left during Q is not one of P's reps."""
    previous = period.previous()
    rep_ids = team_rep_ids(grouping.closure, period)
    placed = quadrants(session, rep_ids, previous, previous.end, calendar=calendar)
    off_track = {key for key, quadrant in placed.items() if quadrant == "off_track"}
    last = min(previous.end + timedelta(days=IMPROVEMENT_PLAN_DAYS), as_of)
    planned = set(
        session.scalars(
            select(CoachingRecord.person_id).where(
                CoachingRecord.type == CoachingType.IMPROVEMENT_PLAN,
                CoachingRecord.person_id.in_(rep_ids),
                CoachingRecord.occurred_on.between(previous.end, last),
            )
        )
    )
    found: dict[int, Counts] = {}
    for key, members in reps.items():
        off = {m.person_id for m in members} & off_track
        found[key] = (len(off & planned), len(off))
    return found


def upward_feedback(
    session: Session, managers: Ids, window: Window | None
) -> dict[int, float | None]:
    """The mean rating of the `upward_feedback` records about each manager in the window;
    null with fewer than 3 rated records."""
    if window is None:
        return {}
    statement = _rating_sums(CoachingType.UPWARD_FEEDBACK, managers, window)
    return {
        row.key: float(row.ratings) / row.rated if row.rated >= MIN_UPWARD_FEEDBACK else None
        for row in session.execute(statement)
    }


def customer_experience(
    session: Session, grouping: ByTeam, window: Window | None
) -> dict[int, float | None]:
    """The mean rating of the `customer_experience` records about each team's members in the
    window; null if none."""
    if window is None:
        return {}
    per_person = _rating_sums(CoachingType.CUSTOMER_EXPERIENCE, grouping.owners(), window)
    statement = grouping.group(per_person, ["ratings", "rated"])
    return {
        row.key: ratio(float(row.ratings or 0), int(row.rated or 0))
        for row in session.execute(statement)
    }


def _rating_sums(kind: CoachingType, people: Ids, window: Window) -> Select[tuple[int, int, int]]:
    """The sum and count of the ratings of `kind` records about each person in the window."""
    return (
        select(CoachingRecord.person_id.label("key"))
        .add_columns(func.sum(CoachingRecord.rating).label("ratings"))
        .add_columns(func.count(CoachingRecord.rating).label("rated"))
        .where(CoachingRecord.type == kind, CoachingRecord.person_id.in_(people))
        .where(CoachingRecord.occurred_on.between(*window), CoachingRecord.rating.is_not(None))
        .group_by(CoachingRecord.person_id)
    )
