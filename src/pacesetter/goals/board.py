"""A manager's team goals board: attainment and pace per person and for the team, on one
metric, read from the scorecard (the very numbers `pacesetter report scorecard` prints)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import PERSON, TEAM
from pacesetter.domain.periods import Period
from pacesetter.goals.actor import Actor
from pacesetter.goals.share import PersonalShare, personal_share
from pacesetter.metrics.scorecard import GoalLine, build_scorecard
from pacesetter.store.models import Person

SORTS = ("name", "target", "actual", "attainment", "pace", "projection")


@dataclass(frozen=True)
class BoardRow:
    person_id: int
    name: str
    role: str
    line: GoalLine | None  # None: no approved goal on the metric


@dataclass(frozen=True)
class Board:
    manager: Person
    period: Period
    as_of: date
    metric: str
    rows: list[BoardRow]
    team: GoalLine | None
    personal: PersonalShare


def team_board(
    session: Session,
    actor: Actor,
    manager_id: int,
    period: Period,
    as_of: date,
    *,
    metric: str = "revenue_won",
    sort: str = "name",
) -> Board:
    """Everyone in the manager's team with their goal on `metric`, sorted by `sort`."""
    manager = actor.scope.person(session, manager_id)
    # Restricted by the viewer's scope too: a rep who (by the data) has people below them
    # still sees only themselves; for managers and directors it changes nothing.
    card = build_scorecard(session, actor.scope, period, as_of, manager_id=manager.id)
    emails = [row.email for row in card.rows]
    found = session.execute(select(Person.email, Person.id).where(Person.email.in_(emails)))
    ids = {email: person_id for email, person_id in found}
    rows = [
        BoardRow(ids[row.email], row.name, row.role, _line(row.goals, metric, PERSON))
        for row in card.rows
    ]
    team_row = next((row for row in card.rows if ids[row.email] == manager.id), None)
    team = _line(team_row.goals, metric, TEAM) if team_row else None
    share = personal_share(session, manager.id, period.name, metric)
    return Board(manager, period, as_of, metric, _sorted(rows, sort), team, share)


def _line(lines: list[GoalLine], metric: str, scope: str) -> GoalLine | None:
    return next((line for line in lines if line.metric == metric and line.scope == scope), None)


def _sorted(rows: list[BoardRow], sort: str) -> list[BoardRow]:
    """By name, or by a number with the largest first and people without a goal last."""
    if sort not in SORTS or sort == "name":
        return sorted(rows, key=lambda row: row.name.lower())

    def key(row: BoardRow) -> tuple[bool, float]:
        value = getattr(row.line, sort) if row.line else None
        return value is None, -(value or 0.0)

    return sorted(rows, key=key)
