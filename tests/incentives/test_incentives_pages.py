"""The incentives pages: a person's and a team's earnings (whole page, or the HTMX partial the
goals pages load), the what-if on a goal, and a team's review of a closed quarter."""

from collections.abc import Callable
from datetime import date

from incentive_helpers import PLAN, commit_at_one_on_one
from sqlalchemy.orm import Session

from factories import make_activity, make_deal
from pacesetter.goals.actor import Actor
from pacesetter.incentives.rules import RuleInput, create_rule
from pacesetter.store.models import Goal, Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]


def with_bonus(db: Session, team: dict[str, Person]) -> None:
    data = RuleInput(
        "Q bonus", "bonus", "revenue_won", "quarter", team["mia"].id, PLAN, date(2026, 1, 1)
    )
    create_rule(db, Actor.of(team["mia"]), data)


def test_a_person_sees_their_earnings_and_htmx_gets_the_partial(
    db: Session, team: dict[str, Person], client_for: SignIn
) -> None:
    with_bonus(db, team)
    ann = client_for(team["ann"])
    url = f"/incentives/people/{team['ann'].id}?period=2026-Q1"
    page = ann.get(url).text
    assert (
        "<h1>Earnings: Ann</h1>" in page and "6,000" in page and "What if I close a deal?" in page
    )
    partial = ann.get(url, headers={"HX-Request": "true"}).text
    assert partial.lstrip().startswith('<section class="card" id="earnings">')
    assert ann.get(f"/incentives/people/{team['ben'].id}").status_code == 404


def test_the_team_earnings_list_each_member(
    db: Session, team: dict[str, Person], client_for: SignIn
) -> None:
    with_bonus(db, team)
    page = client_for(team["mia"]).get(f"/incentives/team/{team['mia'].id}?period=2026-Q1").text
    assert all(name in page for name in ("Ann", "Ben", "Cal")) and "3,750" in page


def test_what_if_shows_the_new_attainment_and_bonus(
    db: Session, team: dict[str, Person], client_for: SignIn
) -> None:
    with_bonus(db, team)
    ben = team["ben"]
    deal = make_deal(db, ben, amount=10_010, created=date(2026, 3, 1), closed=date(2026, 4, 20))
    goal = db.query(Goal).filter_by(person_id=ben.id, period="2026-Q1").one()
    url = f"/incentives/what-if?goal_id={goal.id}&deal_id={deal.id}&as_of=2026-03-10"
    page = client_for(team["mia"]).get(url).text
    # 99,990 + 10,010 = 110,000 -> 110%: 1.2 x 5,000 = 6,000 (now 3,750).
    assert "110,000" in page and "110%" in page and "6,000" in page and "3,750" in page


def test_a_what_if_without_a_goal_is_refused_by_the_page_and_its_twin(
    team: dict[str, Person], client_for: SignIn
) -> None:
    mia = client_for(team["mia"])
    for url in ("/incentives/what-if", "/api/v1/incentives/what-if"):
        answer = mia.get(url)
        assert answer.status_code == 422 and "Choose a goal" in answer.text, url


def test_the_review_page_of_a_closed_quarter(team: dict[str, Person], client_for: SignIn) -> None:
    page = client_for(team["mia"]).get(f"/review/team/{team['mia'].id}?period=2026-Q1").text
    assert "Review 2026-Q1: Mia" in page and "-10" in page and "missed" in page
    still_open = client_for(team["mia"]).get(f"/review/team/{team['mia'].id}?period=2999-Q1").text
    assert "has not closed yet" in still_open


def test_the_review_seeds_the_next_quarter_suggestion(
    team: dict[str, Person], client_for: SignIn
) -> None:
    mia = client_for(team["mia"])
    page = mia.get(f"/review/team/{team['mia'].id}?period=2026-Q1").text
    # The team beat 250,000 with 269,990: the higher of the two seeds Q2.
    link = f"/goals/suggest?manager_id={team['mia'].id}&amp;period=2026-Q2&amp;team_target=269990"
    assert link in page
    suggestion = mia.get(link.replace("&amp;", "&")).text
    assert "269990" in suggestion or "269,990" in suggestion


def test_the_review_page_shows_the_commitments_kept(
    db: Session, team: dict[str, Person], client_for: SignIn
) -> None:
    commit_at_one_on_one(db, team, date(2026, 1, 5), "2026-01", {"call": 2, "meeting": 1})
    for _ in range(2):
        make_activity(db, team["ann"], date(2026, 1, 12), type="call")
    page = client_for(team["mia"]).get(f"/review/team/{team['mia'].id}?period=2026-Q1").text
    assert "1 of 2 commitments kept" in page  # 2 calls of 2; no meeting of 1
