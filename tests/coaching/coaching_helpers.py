"""A small organisation for the coaching tests.

Dee (director)
├── Max (manager) ── Ann (rep), Ben (rep)
└── Mo  (manager) ── Zed (rep)
Ada (admin)
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.coaching.forms import CoachingForm
from pacesetter.coaching.service import record_coaching
from pacesetter.store.models import CoachingRecord, Person

MARCH_3 = date(2026, 3, 3)


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
    dee = make_person(db, "Dee", role="director")
    max_ = make_person(db, "Max", role="manager", manager=dee)
    mo = make_person(db, "Mo", role="manager", manager=dee)
    return Org(
        dee=dee,
        max=max_,
        ann=make_person(db, "Ann", manager=max_),
        ben=make_person(db, "Ben", manager=max_),
        mo=mo,
        zed=make_person(db, "Zed", manager=mo),
        ada=make_person(db, "Ada", role="admin"),
    )


def form(type: str, person: Person | None, **fields: Any) -> CoachingForm:
    """A form of `type` about `person` on 3 March 2026, with `fields`."""
    return CoachingForm(
        type=type,
        occurred_on=fields.pop("occurred_on", MARCH_3),
        person_id=person and person.id,
        **fields,
    )


def ride_along(person: Person, **fields: Any) -> CoachingForm:
    feedback: dict[str, Any] = {
        "ratings": {"discovery": 4},
        "went_well": "Strong opening.",
        "to_improve": "Ask about budget earlier.",
    }
    return form("ride_along", person, **(feedback | fields))


def save(db: Session, author: Person, filled: CoachingForm) -> CoachingRecord:
    return record_coaching(db, author, filled, zone="UTC")
