"""The hand-worked team of the incentives tests and the bonus plan they pay under.

Team of manager Mia: Ann (goal 100,000), Ben (goal 100,000), Cal (goal 50,000, left on
15 February). The team goal is 250,000. Won in Q1: Ann 110,000 (10 March), Ben 99,990
(3 March), Cal 60,000 (20 January).
"""

from datetime import date

from sqlalchemy.orm import Session

from factories import make_coaching, make_deal, make_goal, make_person
from pacesetter.store.models import Person

PLAN = {
    "target_bonus": "5000",
    "tiers": [{"floor": "0.9", "share": "0.5"}, {"floor": "0.95", "share": "0.75"}],
    "bands": [{"start": "1", "rate": "2"}, {"start": "1.2", "rate": "3"}],
    "cap": "1.9",
}
Q1_END = date(2026, 3, 31)


def make_team(db: Session) -> dict[str, Person]:
    admin = make_person(db, "Ada Admin", role="admin")
    mia = make_person(db, "Mia", role="manager")
    ann = make_person(db, "Ann", manager=mia)
    ben = make_person(db, "Ben", manager=mia)
    cal = make_person(db, "Cal", manager=mia, end_date=date(2026, 2, 15))
    for person, target in ((ann, 100_000), (ben, 100_000), (cal, 50_000)):
        make_goal(db, person, "2026-Q1", target)
    make_goal(db, mia, "2026-Q1", 250_000, team=True)
    make_deal(db, ann, amount=110_000, status="won", closed=date(2026, 3, 10))
    make_deal(db, ben, amount=99_990, status="won", closed=date(2026, 3, 3))
    make_deal(db, cal, amount=60_000, status="won", closed=date(2026, 1, 20))
    return {"admin": admin, "mia": mia, "ann": ann, "ben": ben, "cal": cal}


def commit_at_one_on_one(
    db: Session, team: dict[str, Person], on: date, month: str, committed: dict[str, float]
) -> None:
    """Mia's 1:1 with Ann on `on`, committing `committed` for `month`."""
    record = make_coaching(db, team["mia"], "one_on_one", on, person=team["ann"])
    record.details = {"plan_month": month, "commitments": committed}
    db.flush()
