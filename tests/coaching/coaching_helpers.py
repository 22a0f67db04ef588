"""Coaching forms to fill in, over the organisation the coaching tests share (team_org)."""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from pacesetter.coaching.forms import CoachingForm
from pacesetter.coaching.service import record_coaching
from pacesetter.store.models import CoachingRecord, Person
from team_org import Org, make_org

__all__ = ["MARCH_3", "Org", "form", "make_org", "ride_along", "save"]
MARCH_3 = date(2026, 3, 3)


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
