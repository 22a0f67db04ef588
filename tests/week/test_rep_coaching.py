"""A rep's plan page shows their coaching: the timeline, the open commitments of their last 1:1
and their recognitions, as the viewer may read them (private notes never to the rep)."""

from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.coaching.forms import CoachingForm
from pacesetter.coaching.rep_page import rep_coaching
from pacesetter.coaching.service import record_coaching
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
TODAY = date(2026, 3, 26)


def save(
    db: Session, author: Person, type: str, on: date, person: Person, **fields: object
) -> None:
    form = CoachingForm(type=type, occurred_on=on, person_id=person.id, **fields)  # type: ignore[arg-type]
    record_coaching(db, author, form, zone="UTC")


def test_the_rep_s_coaching_holds_the_timeline_last_commitments_and_recognitions(
    db: Session,
) -> None:
    max_ = make_person(db, "Max", role="manager")
    ann = make_person(db, "Ann", manager=max_)
    save(db, max_, "one_on_one", date(2026, 2, 3), ann, commitments={"call": 80})
    save(db, max_, "one_on_one", date(2026, 3, 3), ann, commitments={"call": 95, "direction": 0.4})
    save(db, max_, "recognition", date(2026, 3, 20), ann, award="deal of the month", notes="Acme")
    coaching = rep_coaching(db, Scope.of(ann), ann, TODAY)
    assert coaching.total == 3 and coaching.timeline[0].type == "recognition"
    assert coaching.commitments == {"call": 95.0, "direction": 0.4}
    assert coaching.commitments_month == "2026-03"
    assert coaching.commitments_from is not None
    assert coaching.commitments_from.occurred_on == date(2026, 3, 3)
    assert [(r.award, r.notes, r.author) for r in coaching.recognitions] == [
        ("deal of the month", "Acme", "Max")
    ]


def test_the_plan_page_shows_the_coaching_without_private_notes_to_the_rep(
    db: Session, client_for: SignIn
) -> None:
    max_ = make_person(db, "Max", role="manager")
    ann = make_person(db, "Ann", manager=max_)
    recently = date.today() - timedelta(days=3)
    save(db, max_, "one_on_one", recently, ann, commitments={"meeting": 12},
         notes="Book more meetings", private_notes="Seems tired")  # fmt: skip
    own = client_for(ann).get(f"/quadrant/people/{ann.id}").text
    assert "Open commitments" in own and "Meeting: <strong>12</strong>" in own
    assert "Book more meetings" in own and "Seems tired" not in own
    assert "Coaching timeline" in client_for(max_).get(f"/quadrant/people/{ann.id}").text
