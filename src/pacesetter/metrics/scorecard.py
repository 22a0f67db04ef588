"""The scorecard: metrics.md "Reports at an as-of date", one row per person.

A row is every person with role rep, manager or director employed at some time during P, with
their own outcome and activity metrics and their goals that count: approved goals for P whose
scope is that person, plus (for a manager) the approved goals of their team. Each goal shows its
target, its actual (the team's for a team goal), attainment, pace, projection and hybrid credit.

The work is a fixed number of queries whatever the number of rows: the rows, the people's
metrics (see `values.py`), the goals, the teams' metrics and the calendar.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, Select, and_, or_, select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.errors import NotFound
from pacesetter.domain.pacing import GoalPace, hybrid_credit
from pacesetter.domain.periods import Period, elapsed_fraction
from pacesetter.domain.vocab import GoalStatus, Role
from pacesetter.metrics.catalogue import REGISTRY, SCORECARD_METRICS, Value
from pacesetter.metrics.goals import goal_pace, pace_at
from pacesetter.metrics.grouping import PERSON_SCOPE, TEAM_SCOPE
from pacesetter.metrics.org_settings import load_work_calendar, report_years
from pacesetter.metrics.values import MetricValues, person_metrics, team_metrics
from pacesetter.store.models import Goal, Person
from pacesetter.store.scope import Scope, subtree_ids

SCORECARD_ROLES = (Role.REP, Role.MANAGER, Role.DIRECTOR)
# What a row says of its person, in ScorecardRow's order.
IDENTITY = (Person.external_id, Person.email, Person.name, Person.role)


@dataclass(frozen=True)
class GoalLine:
    metric: str
    scope: str  # "person" or "team"
    target: float
    actual: Value
    attainment: float | None
    pace: float | None
    projection: float | None
    hybrid_credit: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ScorecardRow:
    external_id: str
    email: str
    name: str
    role: str
    metrics: dict[str, Value]
    goals: list[GoalLine]

    def as_dict(self) -> dict[str, Any]:
        identity = {"external_id": self.external_id, "email": self.email, "name": self.name}
        goals = [goal.as_dict() for goal in self.goals]
        return {**identity, "role": self.role, **self.metrics, "goals": goals}


@dataclass(frozen=True)
class Scorecard:
    period: Period
    as_of: date
    rows: list[ScorecardRow]

    def as_dict(self) -> dict[str, Any]:
        """The documented JSON document; values are not rounded."""
        rows = [row.as_dict() for row in self.rows]
        return {"period": self.period.name, "as_of": self.as_of.isoformat(), "rows": rows}


def default_as_of(period: Period, today: date) -> date:
    """Today, clipped to the period."""
    return min(max(today, period.start), period.end)


def build_scorecard(
    session: Session,
    scope: Scope,
    period: Period,
    as_of: date,
    *,
    person_id: int | None = None,
    manager_id: int | None = None,
) -> Scorecard:
    """The scorecard of everyone in `scope`, or of one person, or of a manager's subtree.

    Rows are sorted by name. `person_id` and `manager_id` are not checked against the scope
    here: rows outside it simply do not appear (resolve them with `find_person` first).
    """
    calendar = load_work_calendar(session, report_years(period.start, period.end))
    ids = row_people(scope, period, person_id, manager_id)
    order = (Person.name, Person.external_id)
    # The columns a row shows, as plain rows: thousands of people need no ORM objects.
    shown = select(Person.id, Person.manager_id, *IDENTITY).where(Person.id.in_(ids))
    people = session.execute(shown.order_by(*order)).all()
    goals = sorted(session.scalars(_goals_query(ids, period)), key=_goal_order)
    team_actuals = _team_actuals(session, goals, period, as_of, calendar)
    builder = _RowBuilder(period, as_of, calendar, goals, team_actuals)
    slugs = _with_goal_metrics(SCORECARD_METRICS, goals, PERSON_SCOPE)
    own = person_metrics(session, ids, period, as_of, slugs, calendar=calendar)
    return Scorecard(period, as_of, [builder.row(person, own[person.id]) for person in people])


def find_person(session: Session, scope: Scope, reference: str) -> Person:
    """A person by email (any case) or external id, if the scope sees them; else `NotFound`."""
    text = reference.strip()
    statement = select(Person).where(or_(Person.email == text.lower(), Person.external_id == text))
    person = session.scalar(scope.restrict(statement, Person.id))
    if person is None:
        raise NotFound(f"No person {reference!r}")
    return person


def row_people(
    scope: Scope, period: Period, person_id: int | None, manager_id: int | None
) -> Select[tuple[int]]:
    """The ids of the scorecard's rows: sellers and their managers employed during P."""
    statement = select(Person.id).where(
        Person.role.in_(SCORECARD_ROLES),
        or_(Person.start_date.is_(None), Person.start_date <= period.end),
        or_(Person.end_date.is_(None), Person.end_date >= period.start),
    )
    if person_id is not None:
        statement = statement.where(Person.id == person_id)
    elif manager_id is not None:
        statement = statement.where(Person.id.in_(subtree_ids(manager_id)))
    return scope.restrict(statement, Person.id)


def _goals_query(ids: Select[tuple[int]], period: Period) -> Select[tuple[Goal]]:
    """Approved goals for P of the rows (both scopes) and of the teams of the rows' managers."""
    managers = select(Person.manager_id).where(Person.id.in_(ids))
    return select(Goal).where(
        Goal.status == GoalStatus.APPROVED,
        Goal.period_start == period.start,
        Goal.period_end == period.end,
        or_(
            Goal.person_id.in_(ids),
            and_(Goal.scope_type == TEAM_SCOPE, Goal.person_id.in_(managers)),
        ),
    )


def _with_goal_metrics(slugs: Iterable[str], goals: list[Goal], scope_type: str) -> list[str]:
    """`slugs` plus the catalogue metrics that goals of that scope are set on."""
    wanted = dict.fromkeys(slugs)
    wanted.update(dict.fromkeys(g.metric for g in goals if g.scope_type == scope_type))
    return [slug for slug in wanted if slug in REGISTRY]


def _team_actuals(
    session: Session, goals: list[Goal], period: Period, as_of: date, calendar: WorkCalendar
) -> MetricValues:
    """The team metrics the team goals are on, for all their managers at once."""
    team_goals = [goal for goal in goals if goal.scope_type == TEAM_SCOPE]
    if not team_goals:
        return {}
    managers = select(Person.id).where(Person.id.in_({goal.person_id for goal in team_goals}))
    slugs = _with_goal_metrics((), team_goals, TEAM_SCOPE)
    return team_metrics(session, managers, period, as_of, slugs, calendar=calendar)


class _RowBuilder:
    """Turns people, their metrics and the goals of the report into rows."""

    def __init__(
        self,
        period: Period,
        as_of: date,
        calendar: WorkCalendar,
        goals: list[Goal],
        team_actuals: MetricValues,
    ) -> None:
        self.period, self.as_of, self.calendar = period, as_of, calendar
        # One elapsed fraction serves every goal without milestone weights.
        self.fraction = elapsed_fraction(period, as_of, calendar)
        self.person_goals: dict[int, list[Goal]] = {}
        # Team goal lines by manager, then metric: shown on the manager's row, used in hybrids.
        self.team_lines: dict[int, dict[str, GoalLine]] = {}
        for goal in goals:
            if goal.scope_type == TEAM_SCOPE:
                line = self.team_line(goal, team_actuals[goal.person_id])
                self.team_lines.setdefault(goal.person_id, {})[goal.metric] = line
            else:
                self.person_goals.setdefault(goal.person_id, []).append(goal)

    def row(self, person: Row[Any], values: dict[str, Value]) -> ScorecardRow:
        """A person's row from (id, manager_id, *IDENTITY) and their metrics."""
        person_id, manager_id, *identity = person
        own = [
            self.person_line(goal, values, manager_id)
            for goal in self.person_goals.get(person_id, [])
        ]
        team = list(self.team_lines.get(person_id, {}).values())
        metrics = {slug: values[slug] for slug in SCORECARD_METRICS}
        return ScorecardRow(*identity, metrics, own + team)

    def person_line(self, goal: Goal, values: dict[str, Value], manager_id: int | None) -> GoalLine:
        """A person's goal; hybrid credit mixes in the team goal of their manager's team."""
        pacing = self.pace(goal, values.get(goal.metric))
        team = self.team_lines.get(manager_id, {}).get(goal.metric) if manager_id else None
        team_attainment = team.attainment if team else None
        credit = hybrid_credit(
            goal.individual_weight,
            pacing.attainment,
            team_attainment,
            has_team_goal=team is not None,
        )
        return _line(goal, pacing, credit)

    def pace(self, goal: Goal, actual: Value) -> GoalPace:
        """`goal_pace`, with the period's one fraction unless the goal has milestone weights."""
        if goal.distribution:
            return goal_pace(goal, actual, self.period, self.as_of, self.calendar)
        return pace_at(goal.metric, goal.target, actual, self.fraction)

    def team_line(self, goal: Goal, values: dict[str, Value]) -> GoalLine:
        """A team goal: its hybrid credit is the team's attainment."""
        pacing = self.pace(goal, values.get(goal.metric))
        return _line(goal, pacing, pacing.attainment)


def _line(goal: Goal, pacing: GoalPace, credit: float | None) -> GoalLine:
    return GoalLine(
        goal.metric,
        goal.scope_type,
        goal.target,
        pacing.actual,
        pacing.attainment,
        pacing.pace,
        pacing.projection,
        credit,
    )


def _goal_order(goal: Goal) -> tuple[int, str]:
    """Goals in catalogue order, then goals on other metrics by name."""
    slug = goal.metric
    known = SCORECARD_METRICS.index(slug) if slug in SCORECARD_METRICS else len(SCORECARD_METRICS)
    return known, slug
