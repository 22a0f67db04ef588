"""A small organisation for the plans tests.

Dee (director)
├── Max (manager) ── Ann (rep), Ben (rep)
└── Mo  (manager) ── Zed (rep)
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.store.models import Person, PlanLine

MARCH = "2026-03"


@dataclass(frozen=True)
class Team:
    dee: Person
    max: Person
    ann: Person
    ben: Person
    mo: Person
    zed: Person


def make_team(db: Session) -> Team:
    dee = make_person(db, "Dee", role="director")
    max_ = make_person(db, "Max", role="manager", manager=dee)
    mo = make_person(db, "Mo", role="manager", manager=dee)
    return Team(
        dee=dee,
        max=max_,
        ann=make_person(db, "Ann", manager=max_),
        ben=make_person(db, "Ben", manager=max_),
        mo=mo,
        zed=make_person(db, "Zed", manager=mo),
    )


def plan_of(db: Session, person: Person, month: str = MARCH) -> dict[str, float]:
    """The plan lines stored for the person's month, as line -> planned."""
    rows = db.execute(
        select(PlanLine.line, PlanLine.planned).where(
            PlanLine.person_id == person.id, PlanLine.month == month
        )
    )
    return {line: planned for line, planned in rows}
