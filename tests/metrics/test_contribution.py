"""Team contribution shares and the "not pulling their weight" flag (metrics.md "Team targets").

Milo's team, Q1 2026 as of 2 March (won revenue, activities):

    Milo (manager)   1000 won himself
    ├── Rosa         4000, 10
    ├── Raj          3000,  8
    ├── Ana           500,  3
    └── Bo            900,  6

Team revenue 1000 + 4000 + 3000 + 500 + 900 = 9400. Medians over the direct reports: revenue
(900 + 3000) / 2 = 1950 (half: 975), activities (6 + 8) / 2 = 7 (half: 3.5). Ana is below both
halves and is flagged; Bo is below on revenue only and is not.
"""

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_person
from pacesetter.domain.periods import parse_period
from pacesetter.metrics.contribution import TeamContribution, contributions, team_contributions
from pacesetter.store.models import Person

Q1 = parse_period("2026-Q1")
AS_OF = date(2026, 3, 2)


def _member(
    db: Session, name: str, manager: Person, won: float, activities: int, left: date | None = None
) -> Person:
    person = make_person(db, name, manager=manager, end_date=left)
    if won:
        make_deal(db, person, amount=won, status="won", closed=date(2026, 2, 2))
    for _ in range(activities):
        make_activity(db, person, date(2026, 2, 3))
    return person


def _of(db: Session, *managers: Person) -> dict[int, TeamContribution]:
    ids = select(Person.id).where(Person.id.in_([m.id for m in managers]))
    return team_contributions(db, ids, Q1, AS_OF)


@pytest.fixture
def milo(db: Session) -> Person:
    milo = make_person(db, "Milo", role="manager")
    make_deal(db, milo, amount=1000, status="won", closed=date(2026, 2, 2))
    for name, won, activities in [("Rosa", 4000, 10), ("Raj", 3000, 8), ("Ana", 500, 3),
                                  ("Bo", 900, 6)]:  # fmt: skip
        _member(db, name, milo, won, activities)
    return milo


def test_shares_and_flags_of_milos_team(db: Session, milo: Person) -> None:
    team = _of(db, milo)[milo.id]
    names = dict(db.execute(select(Person.id, Person.name)).all())
    rows = {names[m.person_id]: (m.share, m.flagged) for m in team.members}
    assert (team.team_revenue_won, team.revenue_median, team.activities_median) == (9400, 1950, 7)
    assert rows == {
        "Ana": (500 / 9400, True),
        "Bo": (900 / 9400, False),
        "Raj": (3000 / 9400, False),
        "Rosa": (4000 / 9400, False),
    }
    assert [names[m.person_id] for m in team.members] == ["Ana", "Bo", "Raj", "Rosa"]


def test_a_director_compares_the_teams_of_their_managers(db: Session, milo: Person) -> None:
    dana = make_person(db, "Dana", role="director")
    milo.manager_id = dana.id
    mina = make_person(db, "Mina", role="manager", manager=dana)
    _member(db, "Remy", mina, 600, 2)
    db.flush()
    team = _of(db, dana, milo)[dana.id]
    # Milo's team brought 9400 and Mina's 600: the director's team won 10000.
    assert [(m.revenue_won, m.activities, m.share) for m in team.members] == [
        (9400.0, 27, 0.94),
        (600.0, 2, 0.06),
    ]


def test_leavers_during_the_period_count_and_earlier_ones_do_not(db: Session) -> None:
    boss = make_person(db, "Boss", role="manager")
    lea = _member(db, "Lea", boss, 200, 1, left=date(2026, 1, 31))
    _member(db, "Old", boss, 0, 0, left=date(2025, 12, 31))
    team = _of(db, boss)[boss.id]
    assert [m.person_id for m in team.members] == [lea.id]


@pytest.mark.parametrize(
    ("members", "flags"),
    [
        # medians 100 and 10: exactly half on revenue is not below it
        ([(1, 50.0, 4), (2, 100.0, 10), (3, 100.0, 10)], [False, False, False]),
        ([(1, 49.0, 4), (2, 100.0, 10), (3, 100.0, 10)], [True, False, False]),
        # the team won nothing: no share, and nobody is below half of 0
        ([(1, 0.0, 0), (2, 0.0, 5)], [False, False]),
        ([], []),
    ],
)
def test_the_flag_needs_both_below_half_the_median(
    members: list[tuple[int, float, int]], flags: list[bool]
) -> None:
    team_revenue = sum(revenue for _person, revenue, _activities in members)
    team = contributions(team_revenue, members)
    assert [m.flagged for m in team.members] == flags
    if not team_revenue:
        assert all(m.share is None for m in team.members)
