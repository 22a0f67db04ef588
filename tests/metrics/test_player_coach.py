"""The player-coach facts in SQL, all managers at once (metrics.md "Player-coach and overload").

The organisation, Q1 2026, as of Mon 2 March (the window is 1 Jan to 2 Mar):

    Dana (director)                  won 100 (15 Jan)
    ├── Milo (manager, North)        won 4000 (2 Feb) on a North account; target 3000 of 10000
    │   ├── Rosa (rep, North)        won 2000 (10 Feb)
    │   ├── Raj (rep, South)         won 1000 (20 Jan); lost 500 (21 Jan); won 9999 (10 Mar)
    │   └── Lea (rep, North, left 31 Jan)  won 500 (20 Jan)
    └── Mina (manager)
        └── Remy (rep, West)         won 8000 (5 Feb)
"""

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import (
    make_account,
    make_activity,
    make_coaching,
    make_deal,
    make_goal,
    make_person,
)
from pacesetter.domain.periods import parse_period
from pacesetter.metrics.player_coach import (
    member_revenue,
    revenue_targets,
    selling_time,
    territory_deals,
    top_accounts,
)
from pacesetter.store.models import Account, Person

Q1 = parse_period("2026-Q1")
AS_OF = date(2026, 3, 2)
WINDOW = (date(2026, 1, 1), AS_OF)


@dataclass
class Org:
    dana: Person
    milo: Person
    rosa: Person
    raj: Person
    lea: Person
    mina: Person
    remy: Person
    north: Account


def _won(db: Session, owner: Person, amount: float, closed: date, **kwargs: object) -> None:
    make_deal(db, owner, amount=amount, status="won", created=date(2025, 12, 1), closed=closed,
              **kwargs)  # fmt: skip


@pytest.fixture
def org(db: Session) -> Org:
    dana = make_person(db, "Dana", role="director")
    milo = make_person(db, "Milo", role="manager", manager=dana, territory="North")
    mina = make_person(db, "Mina", role="manager", manager=dana)
    people = Org(
        dana=dana,
        milo=milo,
        rosa=make_person(db, "Rosa", manager=milo, territory="North"),
        raj=make_person(db, "Raj", manager=milo, territory="South"),
        lea=make_person(db, "Lea", manager=milo, territory="North", end_date=date(2026, 1, 31)),
        mina=mina,
        remy=make_person(db, "Remy", manager=mina, territory="West"),
        north=make_account(db, milo, name="Northwind", territory="north"),
    )
    _won(db, dana, 100, date(2026, 1, 15))
    _won(db, milo, 4000, date(2026, 2, 2), account=people.north)
    _won(db, people.rosa, 2000, date(2026, 2, 10))
    _won(db, people.raj, 1000, date(2026, 1, 20))
    make_deal(db, people.raj, amount=500, status="lost", closed=date(2026, 1, 21))
    _won(db, people.raj, 9999, date(2026, 3, 10))  # after d: never counts at d
    _won(db, people.lea, 500, date(2026, 1, 20))
    _won(db, people.remy, 8000, date(2026, 2, 5))
    return people


def _ids(*people: Person) -> object:
    return select(Person.id).where(Person.id.in_([p.id for p in people]))


def test_revenue_targets_are_the_approved_goals_for_the_period(db: Session, org: Org) -> None:
    make_goal(db, org.milo, "2026-Q1", 3000)
    make_goal(db, org.milo, "2026-Q1", 10000, team=True)
    make_goal(db, org.milo, "2026-Q1", 40, metric="activities")  # another metric
    make_goal(db, org.milo, "2026-01", 1000)  # another period
    make_goal(db, org.mina, "2026-Q1", 9000, team=True, status="proposed")  # not approved
    found = revenue_targets(db, _ids(org.milo, org.mina, org.dana), Q1)
    assert found == {org.milo.id: {"person": 3000.0, "team": 10000.0}}


def test_member_revenue_covers_the_team_with_the_manager_and_leavers(db: Session, org: Org) -> None:
    found = member_revenue(db, _ids(org.milo, org.mina, org.dana), WINDOW)
    by_team = {
        key: {(row.member["name"], row.revenue, row.is_manager) for row in rows}
        for key, rows in found.items()
    }
    milo_team = {("Milo", 4000.0, True), ("Rosa", 2000.0, False), ("Raj", 1000.0, False),
                 ("Lea", 500.0, False)}  # fmt: skip
    assert by_team[org.milo.id] == milo_team
    assert by_team[org.mina.id] == {("Remy", 8000.0, False)}  # Mina sold nothing herself
    # Dana's team: herself, both teams; no one's deal counted twice.
    below = {(name, revenue, False) for name, revenue, _ in milo_team}
    assert by_team[org.dana.id] == {("Dana", 100.0, True), *below, ("Remy", 8000.0, False)}
    assert sum(row.revenue for row in found[org.dana.id]) == 100 + 7500 + 8000
    assert member_revenue(db, _ids(org.milo), None) == {}  # before the period: nothing yet


def test_territory_conflicts_list_the_deals_accounts_and_reps(db: Session, org: Org) -> None:
    west = make_account(db, org.milo, territory="West")  # Remy's territory: not Milo's report
    blank = make_account(db, org.milo)
    _won(db, org.milo, 700, date(2026, 2, 3), account=west)
    _won(db, org.milo, 800, date(2026, 2, 4), account=blank)
    _won(db, org.milo, 900, date(2025, 12, 15), account=org.north)  # before the window
    make_deal(db, org.milo, status="lost", closed=date(2026, 2, 6), account=org.north)
    found = territory_deals(db, _ids(org.milo, org.mina, org.dana), Q1, WINDOW)
    assert list(found) == [org.milo.id]
    (deal,) = found[org.milo.id]
    assert (deal["amount"], deal["close_date"]) == (4000.0, "2026-02-02")
    assert deal["account"] == {
        "external_id": org.north.external_id,
        "name": "Northwind",
        "territory": "north",
    }
    # Territories compare without case; Lea left on 31 Jan but was a direct report during Q1.
    assert [rep["name"] for rep in deal["reps"]] == ["Lea", "Rosa"]


def test_selling_time_counts_own_activities_and_coaching_authored(db: Session, org: Org) -> None:
    for day in (date(2026, 1, 5), date(2026, 2, 5), AS_OF):
        make_activity(db, org.milo, day)
    make_activity(db, org.milo, date(2026, 3, 3))  # after d
    make_activity(db, org.milo, date(2025, 12, 31))  # before P
    make_coaching(db, org.milo, "one_on_one", date(2026, 1, 30), person=org.rosa)
    make_coaching(db, org.milo, "team_meeting", date(2026, 2, 2))
    make_coaching(db, org.rosa, "upward_feedback", date(2026, 2, 2), person=org.milo, rating=4)
    make_coaching(db, org.mina, "check_in", date(2026, 2, 2), person=org.remy)
    found = selling_time(db, _ids(org.milo, org.mina, org.dana), WINDOW)
    # Milo: 3 activities, 2 records he wrote (the feedback about him is Rosa's); Dana: nothing.
    assert found == {org.milo.id: (3, 2), org.mina.id: (0, 1)}


def _accounts_won(db: Session, owner: Person, account_owner: Person, revenues: list[float]) -> None:
    for revenue in revenues:
        account = make_account(db, account_owner)
        _won(db, owner, revenue, date(2026, 2, 2), account=account)


@pytest.mark.parametrize(
    ("accounts", "top"),
    [(1, 1), (9, 1), (10, 1), (11, 2), (30, 3), (31, 4)],  # 10% rounded up; 0.1 x 30 is 3
)
def test_the_top_tenth_of_accounts_rounds_up(db: Session, accounts: int, top: int) -> None:
    boss = make_person(db, role="manager")
    rep = make_person(db, manager=boss)
    _accounts_won(db, rep, rep, [float(100 + i) for i in range(accounts)])
    assert top_accounts(db, _ids(boss), AS_OF, 0.1) == {boss.id: (top, [])}


def test_top_accounts_are_ranked_by_the_teams_revenue_over_12_months(db: Session) -> None:
    tess = make_person(db, "Tess", role="manager")
    rosa = make_person(db, "Rosa", manager=tess)
    # 11 accounts with won revenue 100, 200, ..., 1100: the top 2 are 1100 and 1000.
    _accounts_won(db, rosa, rosa, [100.0 * n for n in range(1, 10)])
    mine = make_account(db, tess, name="Tess's big one")
    _won(db, rosa, 1000, date(2026, 1, 10), account=mine)  # won by a rep on Tess's account
    theirs = make_account(db, rosa, name="Rosa's biggest")
    _won(db, rosa, 600, date(2025, 3, 3), account=theirs)  # first day of the 12 months
    _won(db, rosa, 500, AS_OF, account=theirs)  # d itself
    small = make_account(db, tess)  # Tess's: outside the 12 months, lost or after d
    _won(db, tess, 99000, date(2025, 3, 2), account=small)  # exactly a year before d
    _won(db, tess, 99000, date(2026, 3, 3), account=small)
    make_deal(db, tess, amount=99000, status="lost", closed=date(2026, 2, 2), account=small)
    count, owned = top_accounts(db, _ids(tess), AS_OF, 0.1)[tess.id]
    assert count == 2
    assert owned == [{"external_id": mine.external_id, "name": "Tess's big one",
                      "revenue_won": 1000.0}]  # fmt: skip


def test_a_tie_at_the_cut_goes_to_the_lower_external_id(db: Session) -> None:
    tess = make_person(db, "Tess", role="manager")
    rosa = make_person(db, "Rosa", manager=tess)
    first = make_account(db, rosa)
    second = make_account(db, tess)
    assert first.external_id < second.external_id
    _won(db, rosa, 500, date(2026, 2, 2), account=first)
    _won(db, rosa, 500, date(2026, 2, 2), account=second)
    assert top_accounts(db, _ids(tess), AS_OF, 0.1) == {tess.id: (1, [])}


def test_a_directors_top_accounts_pool_the_teams_below(db: Session, org: Org) -> None:
    # Accounts with won revenue: Northwind 4000 (Milo's) and Remy's 8000 below Mina.
    remys = make_account(db, org.remy)
    _won(db, org.remy, 8000, date(2026, 2, 6), account=remys)
    found = top_accounts(db, _ids(org.milo, org.mina, org.dana), AS_OF, 0.5)
    northwind = {"external_id": org.north.external_id, "name": "Northwind", "revenue_won": 4000.0}
    assert found == {
        org.milo.id: (1, [northwind]),
        org.mina.id: (1, []),
        org.dana.id: (1, []),  # half of 2 accounts: Remy's 8000 ranks first
    }
