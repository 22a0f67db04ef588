"""A small organisation for the digest tests, in week 2026-W08 (Mon 16 - Sun 22 Feb 2026;
February's plan falls due in the week after it).

Dee (director)
└── Max (manager) ── Ann (rep), Ben (rep)
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from factories import make_coaching, make_goal, make_person, make_plan_line
from pacesetter.digest.week import DigestWeek
from pacesetter.store.models import Person

WEEK = DigestWeek.parse("2026-W08", 1)


@dataclass(frozen=True)
class Org:
    dee: Person
    max: Person
    ann: Person
    ben: Person


def make_org(db: Session) -> Org:
    dee = make_person(db, "Dee", role="director", email="dee@example.com")
    max_ = make_person(db, "Max", role="manager", manager=dee, email="max@example.com")
    ann = make_person(db, "Ann", manager=max_, email="ann@example.com")
    ben = make_person(db, "Ben", manager=max_, email="ben@example.com")
    return Org(dee, max_, ann, ben)


def make_week(db: Session, org: Org) -> None:
    """Ann's February revenue goal has nothing won (pace 0%, at risk). Max held a 1:1 with
    Ann on 10 Feb and a check-in with Ben on 17 Feb, and recognised
    Ben on 18 Feb; Ann committed to 40 calls in February."""
    make_goal(db, org.ann, "2026-02", 100_000)
    make_coaching(db, org.max, "one_on_one", date(2026, 2, 10), person=org.ann)
    make_coaching(db, org.max, "check_in", date(2026, 2, 17), person=org.ben)
    recognition = make_coaching(db, org.max, "recognition", date(2026, 2, 18), person=org.ben)
    recognition.notes = "Closed the Acme renewal"
    make_plan_line(db, org.ann, "2026-02", "call", 40)
    db.flush()
