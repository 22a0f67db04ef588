"""A believable sales organisation for the browser test, dated around today so that the home
page's quarter and month have numbers in them."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_person
from pacesetter.store.models import OrgSettings, Person

TEAMS = {
    # manager, manager type, reps
    "Marcus Webb": (
        "leader",
        ["Priya Natarajan", "Tom Becker", "Aisha Khan", "Lena Fischer", "Diego Alvarez"],
    ),
    "Sofia Rossi": ("player_coach", ["Jonas Berg", "Chloe Martin", "Ethan Brooks", "Hana Sato"]),
    "Kwame Mensah": ("leader", ["Olivia Chen", "Ruben Dias", "Mei Lin", "Noah Williams"]),
}
NESTED_LEAD = "Grace Ortiz"  # a team lead inside Marcus Webb's team
NESTED_REPS = ["Sam Patel", "Ivy Nguyen"]


@dataclass(frozen=True)
class SeededOrg:
    director: Person
    manager: Person  # Marcus Webb: a team with a nested team and a rep who left
    rep: Person
    peer: Person  # a rep on the same team as `rep`


def _email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@northwind.example"


def _person(db: Session, name: str, role: str, manager: Person | None, **extra: object) -> Person:
    return make_person(db, name, role=role, manager=manager, email=_email(name), **extra)  # type: ignore[arg-type]


def seed_org(db: Session, today: date, password_hash: str) -> SeededOrg:
    db.add(OrgSettings(id=1, name="Northwind Sales", currency="USD"))
    director = _person(db, "Diana Park", "director", None)
    managers, reps = {}, []
    for name, (kind, members) in TEAMS.items():
        managers[name] = _person(db, name, "manager", director, manager_type=kind)
        reps += [_person(db, member, "rep", managers[name]) for member in members]
    lead = _person(db, NESTED_LEAD, "manager", managers["Marcus Webb"], manager_type="player_coach")
    reps += [_person(db, member, "rep", lead) for member in NESTED_REPS]
    leaver = _person(
        db, "Ben Carter", "rep", managers["Marcus Webb"], end_date=today - timedelta(days=20)
    )
    for person in [director, *managers.values(), lead, *reps]:
        person.password_hash = password_hash
    _seed_numbers(db, [*reps, managers["Sofia Rossi"], lead, leaver], today)
    return SeededOrg(director, managers["Marcus Webb"], reps[0], reps[1])


def _seed_numbers(db: Session, sellers: list[Person], today: date) -> None:
    """Won deals in each of the last six months and activities on this month's weekdays, varied
    per person so the charts have shape."""
    for index, person in enumerate(sellers):
        for months_back in range(6):
            _won_deals(db, person, today, index, months_back)
        if person.end_date is None:  # people who left log nothing after their last day
            _activities(db, person, today, per_weekday=1 + index % 4)


def _won_deals(db: Session, person: Person, today: date, index: int, months_back: int) -> None:
    month = today.replace(day=1) - timedelta(days=30 * months_back)
    for deal in range(1 + (index + months_back) % 3):
        closed = month.replace(day=min(today.day, 3 + 7 * deal))
        amount = 3_000 + (index * 2_750 + months_back * 1_900 + deal * 4_100) % 19_000
        created = closed - timedelta(days=45)
        make_deal(db, person, amount=amount, status="won", created=created, closed=closed)


def _activities(db: Session, person: Person, today: date, per_weekday: int) -> None:
    day = today.replace(day=1)
    while day <= today:
        for _ in range(per_weekday if day.weekday() < 5 else 0):
            make_activity(db, person, day)
        day += timedelta(days=1)
