"""Each incentives page links its JSON twin, which answers the same numbers from the same
screen: a person's and a team's earnings, the what-if and the review of a closed quarter."""

from collections.abc import Callable
from datetime import date

import pytest
from incentive_helpers import PLAN
from sqlalchemy.orm import Session

from factories import make_deal
from pacesetter.goals.actor import Actor
from pacesetter.incentives.rules import RuleInput, create_rule
from pacesetter.store.models import Goal, Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
Q1 = "period=2026-Q1&as_of=2026-03-31"


def with_bonus(db: Session, team: dict[str, Person]) -> None:
    data = RuleInput(
        "Q bonus", "bonus", "revenue_won", "quarter", team["mia"].id, PLAN, date(2026, 1, 1)
    )
    create_rule(db, Actor.of(team["mia"]), data)


def twin_of(browser: UserClient, page: str, twin: str) -> dict:
    """The twin the page links (in its head), answered as JSON."""
    html = browser.get(page).text
    shown = twin.replace("&", "&amp;")
    assert f'<link rel="alternate" type="application/json" href="{shown}">' in html, page
    answer = browser.get(twin)
    assert answer.headers["content-type"] == "application/json"
    return answer.json()


@pytest.mark.parametrize(
    ("viewer", "page", "paid"),
    [
        pytest.param("ann", "people", {"Ann": "6000.00"}, id="a person's"),
        # Ann 110%: 6,000; Ben 99.99%: the 95% tier, 3,750; Cal left on 15 February: nothing.
        pytest.param(
            "mia", "team", {"Ann": "6000.00", "Ben": "3750.00", "Cal": "0.00"}, id="a team's"
        ),
    ],
)
def test_the_earnings_twins(
    db: Session,
    team: dict[str, Person],
    client_for: SignIn,
    viewer: str,
    page: str,
    paid: dict[str, str],
) -> None:
    """The viewer's own earnings page (`people`: theirs, `team`: their team's) and its twin."""
    with_bonus(db, team)
    subject = team[viewer].id
    body = twin_of(
        client_for(team[viewer]),
        f"/incentives/{page}/{subject}?{Q1}",
        f"/api/v1/incentives/{page}/{subject}?{Q1}",
    )
    assert {i["person"]: i["so_far"] for i in body["items"]} == paid


def test_a_reps_twin_does_not_find_another_rep(team: dict[str, Person], client_for: SignIn) -> None:
    answer = client_for(team["ann"]).get(f"/api/v1/incentives/people/{team['ben'].id}")
    assert answer.status_code == 404


def test_the_what_if_twin(db: Session, team: dict[str, Person], client_for: SignIn) -> None:
    with_bonus(db, team)
    ben = team["ben"]
    deal = make_deal(db, ben, amount=10_010, created=date(2026, 3, 1), closed=date(2026, 4, 20))
    goal = db.query(Goal).filter_by(person_id=ben.id, period="2026-Q1").one()
    query = f"goal_id={goal.id}&deal_id={deal.id}&as_of=2026-03-10"
    body = twin_of(
        client_for(team["mia"]),
        f"/incentives/what-if?{query}",
        f"/api/v1/incentives/what-if?{query}",
    )
    # 99,990 + 10,010 = 110,000: 110%, 1.2 x 5,000 = 6,000 (now the 95% tier, 3,750).
    assert (body["new_actual"], body["new_attainment"]) == (110_000, 1.1)
    assert [(r["now"], r["then"]) for r in body["rules"]] == [("3750.00", "6000.00")]
    assert [d["id"] for d in body["deals"]] == [deal.id]


def test_the_review_twin(team: dict[str, Person], client_for: SignIn) -> None:
    mia = team["mia"].id
    body = twin_of(
        client_for(team["mia"]),
        f"/review/team/{mia}?period=2026-Q1",
        f"/api/v1/incentives/reviews/{mia}?period=2026-Q1",
    )
    assert (body["goals_hit"], body["goals_missed"], body["team_revenue_won"]) == (2, 1, 269_990)
