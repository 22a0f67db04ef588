"""Helpers to build goal inputs, over the organisation the goals tests share (team_org)."""

from datetime import date

from sqlalchemy.orm import Session

from factories import make_deal
from pacesetter.domain.goal_lint import PERSON, TEAM, ScopeKey
from pacesetter.goals.actor import Actor
from pacesetter.goals.service import GoalInput
from pacesetter.store.models import Person
from team_org import Org, make_org

__all__ = ["TODAY", "Org", "as_", "make_org", "person_goal", "team_goal", "won"]
TODAY = date(2026, 1, 12)


def as_(person: Person) -> Actor:
    return Actor.of(person)


def person_goal(person: Person, target: float = 100_000, **fields: object) -> GoalInput:
    """A Q1 revenue goal for `person`, unless `fields` say otherwise."""
    return _goal(ScopeKey(PERSON, person.id), target, fields)


def team_goal(manager: Person, target: float = 400_000, **fields: object) -> GoalInput:
    """A Q1 revenue goal for `manager`'s team, unless `fields` say otherwise."""
    return _goal(ScopeKey(TEAM, manager.id), target, fields)


def _goal(scope: ScopeKey, target: float, fields: dict[str, object]) -> GoalInput:
    values: dict[str, object] = {"metric": "revenue_won", "period": "2026-Q1"} | fields
    return GoalInput(scope=scope, target=target, **values)  # type: ignore[arg-type]


def won(db: Session, person: Person, amount: float, closed: date) -> None:
    """A deal `person` won for `amount`, closed on `closed` (created early in 2025)."""
    make_deal(db, person, amount=amount, status="won", created=date(2025, 1, 6), closed=closed)
