"""Every rep's quadrant and QDQ plan score for a period at an as-of date (docs/coaching.md).

`placements` is the set-based entry point: a fixed number of statements whatever the number of
reps (the keys, the plan facts of metrics/plans.py, revenue won and direction share from the
catalogue, the revenue goals), never one per rep. `build_quadrant` turns it into the report the
CLI, the API and the page all show: one row per rep employed during P, sorted by name.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pacesetter.domain import qdq
from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.periods import (
    Period,
    PeriodKind,
    elapsed_fraction,
    parse_period,
    period_of,
)
from pacesetter.domain.quadrant import place
from pacesetter.domain.vocab import GoalStatus, Role
from pacesetter.metrics.catalogue import Value, ratio
from pacesetter.metrics.goals import pace_at, stored_distribution
from pacesetter.metrics.grouping import PERSON_SCOPE
from pacesetter.metrics.org_settings import (
    fiscal_year_start_month,
    load_work_calendar,
    report_years,
)
from pacesetter.metrics.plans import PlanTotals, activity_paces, plan_totals
from pacesetter.metrics.scorecard import default_as_of, row_people
from pacesetter.metrics.values import person_metrics
from pacesetter.store.models import Goal, Person
from pacesetter.store.scope import Scope
from pacesetter.store.screen_cache import cached_screen

RESULTS_METRIC = "revenue_won"
DIRECTION_SHARE = "direction_share"
# The report's row fields, in the documented JSON order.
ROW_FIELDS = (
    "external_id",
    "email",
    "results_pace",
    "activity_pace",
    "quadrant",
    "qdq_quantity",
    "qdq_direction",
    "qdq_quality",
    "qdq_score",
    "qdq_binding",
)
# The text among them (who the rep is, the quadrant, QDQ's binding dimension); the rest are
# shares (both paces, QDQ's dimensions and score), which the tables show in the same order.
TEXT_FIELDS = frozenset({"external_id", "email", "quadrant", "qdq_binding"})
SHARE_FIELDS = tuple(name for name in ROW_FIELDS if name not in TEXT_FIELDS)


@dataclass(frozen=True)
class Placement:
    results_pace: float | None
    activity_pace: float | None
    quadrant: str | None  # on_track | results_only | activity_only | off_track | None
    qdq_quantity: float | None
    qdq_direction: float | None
    qdq_quality: float | None
    qdq_score: float | None
    qdq_binding: str | None  # quantity | direction | quality | None
    quality_observed: bool  # False when a quality line exists but no rating: "not observed"


def placements(
    session: Session,
    people: Select[tuple[int]],
    period: Period,
    as_of: date,
    *,
    calendar: WorkCalendar | None = None,
) -> dict[int, Placement]:
    """The placement of every id `people` selects, for P at `as_of` (already clipped to P;
    a later date is read as P's last day, so an ISO week never counts its month beyond it)."""
    as_of = min(as_of, period.end)
    calendar = calendar or _calendar(session, period)
    # When the months of P start with P (not an ISO week across a month start), the plan's
    # activity counts are direction share's window: they count its numerator and denominator
    # in the same statement, and no other statement reads the activities.
    counted = period.months()[0].start == period.start
    facts = plan_totals(session, people, period, as_of, calendar, qdq=True, directed=counted)
    metrics = [RESULTS_METRIC] if counted else [RESULTS_METRIC, DIRECTION_SHARE]
    values = person_metrics(session, people, period, as_of, metrics, calendar=calendar)
    results = _results_paces(session, people, period, as_of, calendar, values)
    placed: dict[int, Placement] = {}
    for person_id, mine in values.items():
        found = facts.get(person_id) or PlanTotals()
        direction = ratio(found.directed, found.activities) if counted else mine[DIRECTION_SHARE]
        placed[person_id] = _placement(results.get(person_id), found, direction)
    return placed


@dataclass(frozen=True)
class Paces:
    """A rep's two paces and the quadrant they give: a placement without QDQ."""

    results_pace: float | None
    activity_pace: float | None
    quadrant: str | None


def paces(
    session: Session,
    people: Select[tuple[int]],
    period: Period,
    as_of: date,
    *,
    calendar: WorkCalendar | None = None,
) -> dict[int, Paces]:
    """Every selected rep's results pace, activity pace and quadrant, equal to those of
    `placements`. It skips QDQ's ratings and its direction share (a join of every activity of
    P to its account, the costliest statement)."""
    as_of = min(as_of, period.end)
    calendar = calendar or _calendar(session, period)
    activity = activity_paces(session, people, period, as_of, calendar)
    values = person_metrics(session, people, period, as_of, [RESULTS_METRIC], calendar=calendar)
    results = _results_paces(session, people, period, as_of, calendar, values)
    found: dict[int, Paces] = {}
    for person_id in values:
        mine, done = results.get(person_id), activity.get(person_id)
        found[person_id] = Paces(mine, done, _quadrant(mine, done))
    return found


def quadrants(
    session: Session,
    people: Select[tuple[int]],
    period: Period,
    as_of: date,
    *,
    calendar: WorkCalendar | None = None,
) -> dict[int, str | None]:
    """Every selected rep's quadrant alone, equal to `placements(...)[id].quadrant`: what the
    previous period's column and the manager KPIs need."""
    found = paces(session, people, period, as_of, calendar=calendar)
    return {person_id: placed.quadrant for person_id, placed in found.items()}


def _calendar(session: Session, period: Period) -> WorkCalendar:
    months = period.months()
    return load_work_calendar(session, report_years(months[0].start, months[-1].end))


def _quadrant(results_pace: float | None, activity_pace: float | None) -> str | None:
    quadrant = place(results_pace, activity_pace)
    return None if quadrant is None else quadrant.value


def _results_paces(
    session: Session,
    people: Select[tuple[int]],
    period: Period,
    as_of: date,
    calendar: WorkCalendar,
    values: dict[int, dict[str, Value]],
) -> dict[int, float | None]:
    """The pace of each person's approved revenue goal for exactly P, as the scorecard paces it
    (metrics/goals.py): the goals' columns alone, P's elapsed fraction computed once for every
    goal without milestone weights."""
    goals = session.execute(
        select(Goal.id, Goal.person_id, Goal.target, Goal.distribution).where(
            Goal.scope_type == PERSON_SCOPE,
            Goal.metric == RESULTS_METRIC,
            Goal.status == GoalStatus.APPROVED,
            Goal.period_start == period.start,
            Goal.period_end == period.end,
            Goal.person_id.in_(people),
        )
    )
    evenly = elapsed_fraction(period, as_of, calendar)
    paces: dict[int, float | None] = {}
    for goal_id, person_id, target, stored in goals:
        weights = stored_distribution(goal_id, stored)
        fraction = evenly if weights is None else elapsed_fraction(period, as_of, calendar, weights)
        actual = values[person_id][RESULTS_METRIC]
        paces[person_id] = pace_at(RESULTS_METRIC, target, actual, fraction).pace
    return paces


def _placement(results_pace: float | None, facts: PlanTotals, share: Value) -> Placement:
    activity_pace = qdq.pace_of_totals(facts.totals)
    scored = qdq.score(
        qdq.quantity_of_totals(facts.totals),
        qdq.direction(None if share is None else float(share), facts.direction_lines),
        qdq.quality(facts.mean_rating, facts.quality_lines),
    )
    observed = not facts.quality_lines or facts.mean_rating is not None
    return Placement(
        results_pace,
        activity_pace,
        _quadrant(results_pace, activity_pace),
        scored.quantity,
        scored.direction,
        scored.quality,
        scored.score,
        None if scored.binding is None else scored.binding.value,
        observed,
    )


@dataclass(frozen=True)
class QuadrantRow:
    person_id: int
    external_id: str
    email: str
    name: str
    placement: Placement
    previous_quadrant: str | None = None  # at the end of the previous period, when asked for

    def as_dict(self) -> dict[str, Any]:
        """The documented row: identity, then the placement's fields (unrounded)."""
        found = {"external_id": self.external_id, "email": self.email}
        found.update(vars(self.placement))
        return {name: found[name] for name in ROW_FIELDS}


@dataclass(frozen=True)
class QuadrantView:
    period: Period
    as_of: date
    rows: list[QuadrantRow]
    previous: Period | None = None

    def as_dict(self) -> dict[str, Any]:
        rows = [row.as_dict() for row in self.rows]
        return {"period": self.period.name, "as_of": self.as_of.isoformat(), "rows": rows}


def build_quadrant(
    session: Session,
    scope: Scope,
    period: Period,
    as_of: date,
    manager_id: int | None = None,
    *,
    with_previous: bool = False,
) -> QuadrantView:
    """One row per rep in `scope` (or in a manager's subtree) employed during P, by name.

    With `with_previous`, each row also carries its quadrant at the end of the previous period
    of the same kind, so a page can show the movement.
    """
    ids = row_people(scope, period, None, manager_id).where(Person.role == Role.REP)
    order = (Person.name, Person.external_id)
    people = session.scalars(select(Person).where(Person.id.in_(ids)).order_by(*order)).all()
    found = placements(session, ids, period, as_of)
    previous = period.previous() if with_previous else None
    before = quadrants(session, ids, previous, previous.end) if previous else {}
    rows = [
        QuadrantRow(
            person.id,
            person.external_id,
            person.email,
            person.name,
            found[person.id],
            before.get(person.id),
        )
        for person in people
    ]
    return QuadrantView(period, as_of, rows, previous)


@cached_screen("quadrant")
def requested_quadrant(
    session: Session,
    scope: Scope,
    today: date,
    period_name: str | None = None,
    as_of: date | None = None,
    manager_id: int | None = None,
) -> QuadrantView:
    """The report as a page or the API asks for it, with the previous period's quadrants:
    the period by name in the fiscal year (default: the month of `today`), the as-of date
    (default: today, clipped to it), and a manager who must be in `scope` (`NotFound` if not).
    """
    period = requested_period(session, today, period_name)
    manager = scope.person(session, manager_id).id if manager_id is not None else None
    day = as_of or default_as_of(period, today)
    return build_quadrant(session, scope, period, day, manager, with_previous=True)


def requested_period(session: Session, today: date, period_name: str | None) -> Period:
    """The period a page or the API names, in the fiscal year; by default the current month."""
    fiscal = fiscal_year_start_month(session)
    if period_name:
        return parse_period(period_name, fiscal)
    return period_of(today, PeriodKind.MONTH, fiscal)
