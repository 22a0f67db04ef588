"""A small organisation for scoping tests, and the home page's numbers on it.

Dana (director)
├── Mia (manager, leader)
│   ├── Ravi (rep)
│   ├── Rosa (rep)
│   └── Noah (manager, player-coach)      <- a nested team
│       └── Nina (rep)
└── Omar (manager, player-coach)
    └── Owen (rep)
Ada (admin, no manager)
"""

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_person
from pacesetter.store.models import Person


@dataclass(frozen=True)
class Org:
    dana: Person
    mia: Person
    ravi: Person
    rosa: Person
    noah: Person
    nina: Person
    omar: Person
    owen: Person
    ada: Person

    def ids(self, *names: str) -> set[int]:
        return {getattr(self, name).id for name in names}


def build_org(db: Session, *, rosa_left_on: date | None = None) -> Org:
    dana = make_person(db, "Dana Director", role="director")
    mia = make_person(db, "Mia Manager", role="manager", manager=dana, manager_type="leader")
    noah = make_person(db, "Noah Nested", role="manager", manager=mia, manager_type="player_coach")
    omar = make_person(db, "Omar Other", role="manager", manager=dana, manager_type="player_coach")
    return Org(
        dana=dana,
        mia=mia,
        ravi=make_person(db, "Ravi Rep", manager=mia),
        rosa=make_person(db, "Rosa Rep", manager=mia, end_date=rosa_left_on),
        noah=noah,
        nina=make_person(db, "Nina Rep", manager=noah),
        omar=omar,
        owen=make_person(db, "Owen Rep", manager=omar),
        ada=make_person(db, "Ada Admin", role="admin"),
    )


@pytest.fixture
def org(db: Session) -> Org:
    return build_org(db)


AS_OF = date(2026, 2, 15)  # quarter 2026-Q1 (Jan-Mar), month 2026-02


def seed_numbers(db: Session, org: Org) -> None:
    """Deals and activities around AS_OF; the expected numbers are worked out in the tests."""
    autumn, late_summer = date(2025, 11, 1), date(2025, 9, 1)
    deals = [  # owner, amount, status, created, closed
        (org.ravi, 10_000, "won", autumn, date(2026, 1, 20)),
        (org.ravi, 2_500, "won", autumn, date(2026, 2, 10)),
        (org.ravi, 4_000, "lost", autumn, date(2026, 2, 1)),
        (org.ravi, 7_000, "won", autumn, date(2026, 2, 20)),  # after the as-of date
        (org.ravi, 3_000, "won", late_summer, date(2025, 12, 15)),  # last quarter: trend only
        (org.nina, 5_000, "won", autumn, date(2026, 2, 3)),
        (org.mia, 1_000, "won", autumn, date(2026, 1, 5)),  # a manager's own deal counts too
        (org.owen, 8_000, "won", autumn, date(2026, 1, 10)),
    ]
    for person, amount, status, created, closed in deals:
        make_deal(db, person, amount=amount, status=status, created=created, closed=closed)
    for day in (2, 3, 14):
        make_activity(db, org.ravi, date(2026, 2, day))
    make_activity(db, org.ravi, date(2026, 1, 15))  # before the month
    make_activity(db, org.ravi, date(2026, 2, 16))  # after the as-of date
    for day in (4, 5):
        make_activity(db, org.nina, date(2026, 2, day))
