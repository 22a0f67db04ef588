"""The team goals board and its JSON twin show a page of teams at a time, the smallest share
of reps on pace first; the team's numbers above are the whole board's, and the CSV has
everyone.

Dee (director) > Max (player-coach: Ann, Ben), Mo (leader: Zed). Q1 2026 at 31 January:
Ann and Zed have goals and nothing won (pace 0), Ben is on pace. Mo's team: 0 of 1 rep on
pace; Max's: 1 of 2.
"""

import csv
import re
from collections.abc import Callable
from datetime import date

import pytest
from goal_helpers import Org, won
from sqlalchemy.orm import Session

from factories import make_goal, make_person
from pacesetter.http.queries import TEAMS_PER_PAGE
from pacesetter.store.models import Person
from web.client import UserClient
from web.paging_checks import PagedScreen, check_pages

SignIn = Callable[[Person], UserClient]
QUERY = "period=2026-Q1&as_of=2026-01-31"
TEAM_HEAD = re.compile(r'<tr class="board-group__head"><th>([^<]+)\'s team')


def _board(org: Org) -> PagedScreen:
    return PagedScreen(
        f"/goals/team/{org.dee.id}",
        f"/api/v1/goals/team/{org.dee.id}",
        TEAM_HEAD,
        lambda body: [group["lead_name"] for group in body["groups"]],
    )


@pytest.fixture
def goals(db: Session, org: Org) -> Org:
    for person, target in ((org.ann, 100_000), (org.ben, 100_000), (org.zed, 50_000)):
        make_goal(db, person, "2026-Q1", target)
    won(db, org.ben, 50_000, date(2026, 1, 9))
    return org


@pytest.mark.parametrize("per_page", [1, 2])
def test_every_page_holds_the_next_teams_as_the_api_does(
    goals: Org, client_for: SignIn, per_page: int
) -> None:
    assert check_pages(_board(goals), client_for(goals.dee), QUERY, per_page) == 2


def test_the_teams_with_the_fewest_reps_on_pace_come_first(goals: Org, client_for: SignIn) -> None:
    browser = client_for(goals.dee)
    names, _ = _board(goals).api_rows(browser, QUERY)
    assert names == ["Mo", "Max"]
    by_name, _ = _board(goals).api_rows(browser, f"{QUERY}&order=name")
    assert by_name == ["Max", "Mo"]


def test_the_team_numbers_stay_whole_on_every_page(goals: Org, client_for: SignIn) -> None:
    browser = client_for(goals.dee)
    answer = browser.get(f"/api/v1/goals/team/{goals.dee.id}?{QUERY}&per_page=1&page=2").json()
    assert [group["lead_name"] for group in answer["groups"]] == ["Max"]
    assert (answer["subtotal"]["reps_on_pace"], answer["subtotal"]["reps_with_goal"]) == (1, 3)


def test_many_teams_stay_within_a_page_and_the_csv_keeps_all(
    db: Session, goals: Org, client_for: SignIn
) -> None:
    for index in range(TEAMS_PER_PAGE):
        lead = make_person(db, f"Lead {index:02}", role="manager", manager=goals.dee)
        make_person(db, f"Rep {index:02}", manager=lead)
    browser = client_for(goals.dee)
    names, paging = _board(goals).api_rows(browser, QUERY)
    assert (len(names), paging["total"]) == (TEAMS_PER_PAGE, TEAMS_PER_PAGE + 2)
    download = browser.get(f"/goals/team/{goals.dee.id}/board.csv?{QUERY}").text
    # Ann, Ben, Zed and a rep a new team (a lead without a goal heads a team, not a row)
    assert len(list(csv.DictReader(download.splitlines()))) == 3 + TEAMS_PER_PAGE
