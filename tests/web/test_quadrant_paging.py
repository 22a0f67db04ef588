"""The quadrant page and GET /api/v1/quadrant a page of reps at a time, the furthest behind
first (the lower of their two paces); the dots are the page's reps, the region counts and
the CSV everyone's.

The org of tests/web/org.py, February 2026 at Fri 13 February (about 45% of the month's
working days gone): Ravi won 1500 of 2000 and made 3 of 10 planned calls (activity pace about
0.67), Nina made 2 of 4 planned calls and has no goal (activity pace 1.0); Owen and Rosa have
neither plan nor goal.
"""

import csv
import json
import re
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_goal, make_plan_line
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org
from web.paging_checks import PagedScreen, check_pages

SignIn = Callable[[Person], UserClient]
FEB_13 = "period=2026-02&as_of=2026-02-13"
QUADRANT = PagedScreen(
    "/quadrant",
    "/api/v1/quadrant",
    re.compile(r'<tr>\s*<th><a href="/people/\d+">([^<]+)</a></th>'),
)
DOTS = re.compile(r'<script type="application/json" id="quadrant-data">(.*?)</script>', re.S)


@pytest.fixture
def planned(db: Session, org: Org) -> Org:
    make_goal(db, org.ravi, "2026-02", 2000)
    make_deal(db, org.ravi, amount=1500, status="won", closed=date(2026, 2, 2))
    make_plan_line(db, org.ravi, "2026-02", "call", 10)
    make_plan_line(db, org.nina, "2026-02", "call", 4)
    for day in (3, 4, 5):
        make_activity(db, org.ravi, date(2026, 2, day))
    for day in (3, 4):
        make_activity(db, org.nina, date(2026, 2, day))
    return org


@pytest.mark.parametrize("per_page", [1, 3, 50])
def test_every_page_holds_the_next_reps_as_the_api_does(
    planned: Org, client_for: SignIn, per_page: int
) -> None:
    assert check_pages(QUADRANT, client_for(planned.dana), FEB_13, per_page) == 4


def test_the_furthest_behind_come_first(planned: Org, client_for: SignIn) -> None:
    names, _ = QUADRANT.api_rows(client_for(planned.dana), FEB_13)
    assert names == ["Ravi Rep", "Nina Rep", "Owen Rep", "Rosa Rep"]


def test_the_dots_are_the_pages_reps_and_the_csv_has_everyone(
    planned: Org, client_for: SignIn
) -> None:
    browser = client_for(planned.dana)
    _, first = QUADRANT.page_rows(browser, f"{FEB_13}&per_page=1")
    _, second = QUADRANT.page_rows(browser, f"{FEB_13}&per_page=1&page=2")
    dots = [point["name"] for point in json.loads(DOTS.findall(first)[0])["points"]]
    assert dots == ["Ravi Rep"]
    assert json.loads(DOTS.findall(second)[0])["points"] == []  # Nina is not placed
    assert "Not placed" in second and "Owen Rep" not in second
    download = browser.get(f"/quadrant.csv?{FEB_13}").text
    assert len(list(csv.DictReader(download.splitlines()))) == 4
