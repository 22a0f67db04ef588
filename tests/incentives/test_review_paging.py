"""The team review page and GET /api/v1/incentives/reviews/{id} a page of people at a time,
the lowest attainment first; the goals hit and missed, the team's goals and the forecast stay
the whole team's on every page.

The hand-worked team of `incentive_helpers`, Q1 2026: Ben 99.99% (missed), Ann 110%, Cal
120% (hit, but left).
"""

import re
from collections.abc import Callable

import pytest

from pacesetter.store.models import Person
from web.client import UserClient
from web.paging_checks import PagedScreen, check_pages

SignIn = Callable[[Person], UserClient]
Q1 = "period=2026-Q1"
PERSON = re.compile(r'<th rowspan="\d+"><a href="/goals/people/\d+\?period=2026-Q1">([^<]+)</a>')


def _review(team: dict[str, Person]) -> PagedScreen:
    return PagedScreen(
        f"/review/team/{team['mia'].id}",
        f"/api/v1/incentives/reviews/{team['mia'].id}",
        PERSON,
        lambda body: [person["name"] for person in body["people"]],
    )


@pytest.mark.parametrize("per_page", [1, 2, 50])
def test_every_page_holds_the_next_people_as_the_api_does(
    team: dict[str, Person], client_for: SignIn, per_page: int
) -> None:
    assert check_pages(_review(team), client_for(team["mia"]), Q1, per_page) >= 3


def test_the_lowest_attainment_comes_first(team: dict[str, Person], client_for: SignIn) -> None:
    names, _ = _review(team).api_rows(client_for(team["mia"]), Q1)
    assert names[:3] == ["Ben", "Ann", "Cal"]


def test_the_team_numbers_stay_whole_on_every_page(
    team: dict[str, Person], client_for: SignIn
) -> None:
    url = f"/api/v1/incentives/reviews/{team['mia'].id}?{Q1}&per_page=1&page=2"
    body = client_for(team["mia"]).get(url).json()
    assert [person["name"] for person in body["people"]] == ["Ann"]
    assert (body["goals_hit"], body["goals_missed"], body["team_revenue_won"]) == (2, 1, 269_990)
