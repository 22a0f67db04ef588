"""Team numbers: the manager and everyone below them, the manager's own deals included, ratios over
the pooled deals, leavers kept (metrics.md "Reports at an as-of date" and "Attainment").

The organisation, Q1 2026, as of Mon 2 March (deals: amount, status, close date):

    Dana (director)           won 100 (15 Jan)
    ├── Milo (manager)        won 1000 (2 Feb); open 500 closing 25 Mar
    │   ├── Rosa (rep)        won 2000 (10 Feb); lost 300 (11 Feb); open 1500 closing 20 Mar
    │   ├── Raj (rep)         won 4000 (20 Feb)
    │   └── Lea (left 31 Jan) won 500 (20 Jan)
    └── Mina (manager)
        └── Remy (rep)        won 8000 (5 Feb); lost 200 (6 Feb); lost 100 (9 Feb)
    Xavi (rep, elsewhere)     won 99999 (5 Feb)
"""

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_goal, make_person
from pacesetter.domain.periods import parse_period
from pacesetter.metrics.values import person_metrics, team_metrics
from pacesetter.store.models import Person

AS_OF = date(2026, 3, 2)


@dataclass
class Org:
    dana: Person
    milo: Person
    rosa: Person
    raj: Person
    lea: Person
    mina: Person
    remy: Person
    xavi: Person


def _won(db: Session, person: Person, amount: float, closed: date, status: str = "won") -> None:
    make_deal(db, person, amount=amount, status=status, created=date(2026, 1, 2), closed=closed)


@pytest.fixture
def org(db: Session) -> Org:
    dana = make_person(db, "Dana", role="director")
    milo = make_person(db, "Milo", role="manager", manager=dana)
    mina = make_person(db, "Mina", role="manager", manager=dana)
    people = Org(
        dana=dana,
        milo=milo,
        rosa=make_person(db, "Rosa", manager=milo),
        raj=make_person(db, "Raj", manager=milo),
        lea=make_person(db, "Lea", manager=milo, end_date=date(2026, 1, 31)),
        mina=mina,
        remy=make_person(db, "Remy", manager=mina),
        xavi=make_person(db, "Xavi"),
    )
    for person, amount, closed in [
        (dana, 100, date(2026, 1, 15)),
        (milo, 1000, date(2026, 2, 2)),
        (people.rosa, 2000, date(2026, 2, 10)),
        (people.raj, 4000, date(2026, 2, 20)),
        (people.lea, 500, date(2026, 1, 20)),
        (people.remy, 8000, date(2026, 2, 5)),
        (people.xavi, 99999, date(2026, 2, 5)),
    ]:
        _won(db, person, amount, closed)
    _won(db, people.rosa, 300, date(2026, 2, 11), "lost")
    _won(db, people.remy, 200, date(2026, 2, 6), "lost")
    _won(db, people.remy, 100, date(2026, 2, 9), "lost")
    _won(db, milo, 500, date(2026, 3, 25), "open")
    _won(db, people.rosa, 1500, date(2026, 3, 20), "open")
    return people


# fmt: off
TEAMS = [
    # Milo's team: 1000 + 2000 + 4000 + Lea's 500 = 7500 from 4 won; 1 lost -> 4 / 5
    pytest.param("milo", {"revenue_won": 7500.0, "deals_won": 4, "win_rate": 0.8,
                          "avg_deal_size": 1875.0}, id="own deals and a leaver's count"),
    # Mina's team: Remy's 8000, 1 won, 2 lost -> 1 / 3
    pytest.param("mina", {"revenue_won": 8000.0, "deals_won": 1, "win_rate": 1 / 3,
                          "avg_deal_size": 8000.0}, id="a manager who does not sell"),
    # Dana's team: 100 + 7500 + 8000 = 15600 from 6 won; 3 lost -> 6 / 9, pooled (the mean of
    # the two teams' win rates would be (0.8 + 1/3) / 2 = 0.567)
    pytest.param("dana", {"revenue_won": 15600.0, "deals_won": 6, "win_rate": 6 / 9,
                          "avg_deal_size": 2600.0}, id="nested teams, ratios pooled"),
    pytest.param("raj", {"revenue_won": 4000.0, "deals_won": 1, "win_rate": 1.0,
                         "avg_deal_size": 4000.0}, id="nobody below: the team is the person"),
]
# fmt: on


@pytest.mark.parametrize(("who", "expected"), TEAMS)
def test_team_outcomes(org: Org, team, who: str, expected: dict[str, float]) -> None:
    assert team(getattr(org, who), "2026-Q1", AS_OF, list(expected)) == pytest.approx(expected)


def test_a_leaver_keeps_their_own_numbers(org: Org, own) -> None:
    assert own(org.lea, "2026-Q1", AS_OF, ["revenue_won", "deals_won"]) == {
        "revenue_won": 500.0,
        "deals_won": 1,
    }


def test_all_teams_come_from_one_call_with_every_manager_a_key(db: Session, org: Org) -> None:
    managers = select(Person.id).where(Person.id.in_([org.dana.id, org.milo.id, org.mina.id]))
    values = team_metrics(db, managers, parse_period("2026-Q1"), AS_OF, ["revenue_won"])
    assert values == {
        org.dana.id: {"revenue_won": 15600.0},
        org.milo.id: {"revenue_won": 7500.0},
        org.mina.id: {"revenue_won": 8000.0},
    }


def test_every_selected_person_is_a_key_even_without_data(db: Session, org: Org) -> None:
    nobody = make_person(db, "Nobody")
    people = select(Person.id).where(Person.id.in_([org.raj.id, nobody.id]))
    values = person_metrics(db, people, parse_period("2026-Q1"), AS_OF, ["deals_won", "win_rate"])
    assert values == {
        org.raj.id: {"deals_won": 1, "win_rate": 1.0},
        nobody.id: {"deals_won": 0, "win_rate": None},
    }


def test_team_coverage_uses_the_team_goal_and_the_teams_open_deals(
    db: Session, org: Org, team, own
) -> None:
    make_goal(db, org.milo, "2026-Q1", 10000, team=True)
    make_goal(db, org.milo, "2026-Q1", 3000)  # Milo's personal target
    make_goal(db, org.dana, "2026-Q1", 5000)  # Dana's personal target: no team goal for Dana
    coverage = ["pipeline_coverage"]
    # Team: open 500 (Milo) + 1500 (Rosa) = 2000, over 10000 - 7500 won = 2500 -> 0.8
    assert team(org.milo, "2026-Q1", AS_OF, coverage) == {"pipeline_coverage": 0.8}
    # Milo alone: open 500 over 3000 - 1000 won = 2000 -> 0.25
    assert own(org.milo, "2026-Q1", AS_OF, coverage) == {"pipeline_coverage": 0.25}
    # A personal goal is not a team target.
    assert team(org.dana, "2026-Q1", AS_OF, coverage) == {"pipeline_coverage": None}


def test_team_activities_sum_over_the_subtree(db: Session, org: Org, team) -> None:
    for person in (org.milo, org.rosa, org.rosa, org.lea, org.remy):
        make_activity(db, person, date(2026, 1, 15))
    # Milo 1 + Rosa 2 + Lea 1 = 4 (Remy is in Mina's team)
    assert team(org.milo, "2026-Q1", AS_OF, ["activities"]) == {"activities": 4}
    assert team(org.dana, "2026-Q1", AS_OF, ["activities"]) == {"activities": 5}
