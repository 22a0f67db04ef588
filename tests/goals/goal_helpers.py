"""A small organisation for the goals tests, and helpers to build goal inputs.

Dee (director)
├── Max (manager, player-coach) ── Ann (rep), Ben (rep)
└── Mo  (manager, leader)       ── Zed (rep)
Ada (admin)
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from factories import make_deal, make_person
from pacesetter.domain.goal_lint import PERSON, TEAM, ScopeKey
from pacesetter.goals.actor import Actor
from pacesetter.goals.service import GoalInput
from pacesetter.store.models import Person

TODAY = date(2026, 1, 12)


@dataclass(frozen=True)
class Org:
    dee: Person
    max: Person
    ann: Person
    ben: Person
    mo: Person
    zed: Person
    ada: Person


def make_org(db: Session) -> Org:
    dee = make_person(db, "Dee", role="director", email="dee@example.com")
    max_ = make_person(
        db, "Max", role="manager", manager=dee, manager_type="player_coach", email="max@example.com"
    )
    mo = make_person(db, "Mo", role="manager", manager=dee, manager_type="leader")
    return Org(
        dee=dee,
        max=max_,
        ann=make_person(db, "Ann", manager=max_, territory="North", email="ann@example.com"),
        ben=make_person(db, "Ben", manager=max_, territory="North", email="ben@example.com"),
        mo=mo,
        zed=make_person(db, "Zed", manager=mo),
        ada=make_person(db, "Ada", role="admin"),
    )


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
