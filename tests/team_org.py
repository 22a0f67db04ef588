"""The small organisation that the goals, coaching and plans tests share.

Dee (director)
├── Max (manager, player-coach) ── Ann (rep), Ben (rep)   both in the North territory
└── Mo  (manager, leader)       ── Zed (rep)
Ada (admin)
"""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.store.models import Person


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
