"""Reading goals: always through the viewer's scope, by the person a goal is about."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import NotFound
from pacesetter.domain.goal_lint import ScopeKey
from pacesetter.domain.periods import Period, parse_period
from pacesetter.domain.vocab import Role
from pacesetter.metrics.org_settings import fiscal_year_start_month
from pacesetter.store.models import Goal, Person
from pacesetter.store.scope import Scope

FISCAL_START_KEY = "pacesetter.fiscal_year_start_month"


@dataclass(frozen=True)
class GoalFilter:
    period: str | None = None
    person_id: int | None = None
    status: str | None = None
    scope_type: str | None = None
    metric: str | None = None
    limit: int = 100
    offset: int = 0


def fiscal_start(session: Session) -> int:
    """The first month of the organisation's fiscal year, read once per unit of work: an
    import asks for it on every row."""
    first_month = session.info.get(FISCAL_START_KEY)
    if first_month is None:
        first_month = session.info[FISCAL_START_KEY] = fiscal_year_start_month(session)
    return int(first_month)


def period_named(session: Session, name: str) -> Period:
    """The period a name stands for in the organisation's fiscal year."""
    return parse_period(name, fiscal_start(session))


def get_goal(session: Session, scope: Scope, goal_id: int) -> Goal:
    """The goal, if its person (or team manager) is visible; `NotFound` otherwise."""
    statement = scope.restrict(select(Goal).where(Goal.id == goal_id), Goal.person_id)
    goal = session.scalar(statement)
    if goal is None:
        raise NotFound(f"No goal {goal_id}")
    return goal


def find_goal(session: Session, key: ScopeKey, metric: str, period: str) -> Goal | None:
    """The goal with this natural key (scope, metric, period), whatever its status."""
    return session.scalar(
        select(Goal).where(
            Goal.scope_type == key.scope_type,
            Goal.person_id == key.person_id,
            Goal.metric == metric,
            Goal.period == period,
        )
    )


def list_goals(session: Session, scope: Scope, wanted: GoalFilter) -> tuple[int, list[Goal]]:
    """How many goals match, and one page of them (see `goals_page`)."""
    statement = _visible(scope, wanted)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    return total, goals_page(session, scope, wanted)


def goals_page(session: Session, scope: Scope, wanted: GoalFilter) -> list[Goal]:
    """One page of the matching goals: latest period first, then by person."""
    page = (
        _visible(scope, wanted)
        .join(Person, Person.id == Goal.person_id)
        .order_by(Goal.period_start.desc(), Person.name, Goal.scope_type, Goal.metric, Goal.id)
        .limit(wanted.limit)
        .offset(wanted.offset)
    )
    return list(session.scalars(page))


def goals_of_period(session: Session, period: str, people: Select[tuple[int]]) -> list[Goal]:
    """Every goal of `period` about the selected people (as persons or as team managers)."""
    statement = select(Goal).where(Goal.period == period, Goal.person_id.in_(people))
    return list(session.scalars(statement.order_by(Goal.id)))


def leaders(session: Session, scope: Scope) -> list[Person]:
    """The managers and directors the scope sees: whose teams goals may be set for."""
    statement = select(Person).where(Person.role.in_([Role.MANAGER, Role.DIRECTOR]))
    return list(session.scalars(scope.restrict(statement, Person.id).order_by(Person.name)))


def people_by_id(session: Session, ids: Sequence[int]) -> dict[int, Person]:
    found = session.scalars(select(Person).where(Person.id.in_(set(ids))))
    return {person.id: person for person in found}


def key_of(goal: Goal) -> ScopeKey:
    return ScopeKey(goal.scope_type, goal.person_id)


def _visible(scope: Scope, wanted: GoalFilter) -> Select[tuple[Goal]]:
    return scope.restrict(_filtered(select(Goal), wanted), Goal.person_id)


def _filtered(statement: Select[tuple[Goal]], wanted: GoalFilter) -> Select[tuple[Goal]]:
    conditions = {
        Goal.period: wanted.period,
        Goal.person_id: wanted.person_id,
        Goal.status: wanted.status,
        Goal.scope_type: wanted.scope_type,
        Goal.metric: wanted.metric,
    }
    for column, value in conditions.items():
        if value is not None:
            statement = statement.where(column == value)
    return statement
