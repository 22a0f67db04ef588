"""The leaderboard and GET /api/v1/leaderboard a page of the ranking at a time (the ranks are
the whole board's), with the period's latest recognitions and how many there were; the CSV
keeps every row.

The org of tests/web/org.py, February 2026 at Fri 13 February: Nina and Ravi share rank 1
(3000 each), Rosa 3 (2500), Owen 4 (nothing won); Mia recognised Ravi 25 times.
"""

import csv
import re
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_coaching, make_deal
from pacesetter.leaderboards.board_page import LATEST_RECOGNITIONS
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org
from web.paging_checks import PagedScreen, check_pages

SignIn = Callable[[Person], UserClient]
FEB_13 = "metric=revenue_won&period=2026-02&as_of=2026-02-13"
RECOGNISED = 25
LEADERBOARD = PagedScreen(
    "/leaderboard",
    "/api/v1/leaderboard",
    re.compile(r'<td class="num">\d*</td>\s*<td>([^<]+)</td>'),
)


@pytest.fixture
def raced(db: Session, org: Org) -> Org:
    for who, amount in (("ravi", 3000), ("rosa", 2500), ("nina", 3000)):
        make_deal(db, getattr(org, who), amount=amount, status="won", closed=date(2026, 2, 2))
    for day in range(RECOGNISED):
        make_coaching(db, org.mia, "recognition", date(2026, 2, 1 + day % 12), person=org.ravi)
    db.flush()
    return org


@pytest.mark.parametrize("per_page", [1, 3, 50])
def test_every_page_holds_the_next_ranks_as_the_api_does(
    raced: Org, client_for: SignIn, per_page: int
) -> None:
    assert check_pages(LEADERBOARD, client_for(raced.dana), FEB_13, per_page) == 4


def test_a_later_page_keeps_the_whole_boards_ranks(raced: Org, client_for: SignIn) -> None:
    answer = client_for(raced.dana).get(f"/api/v1/leaderboard?{FEB_13}&per_page=2&page=2")
    rows = answer.json()["rows"]
    assert [(row["name"], row["rank"]) for row in rows] == [("Rosa Rep", 3), ("Owen Rep", 4)]


def test_the_latest_recognitions_are_shown_and_counted(raced: Org, client_for: SignIn) -> None:
    browser = client_for(raced.dana)
    body = browser.get(f"/api/v1/leaderboard?{FEB_13}").json()
    days = [recognition["day"] for recognition in body["recognitions"]]
    assert (len(days), body["recognitions_total"]) == (LATEST_RECOGNITIONS, RECOGNISED)
    assert days == sorted(days, reverse=True) and days[0] == "2026-02-12"
    page = browser.get(f"/leaderboard?{FEB_13}").text
    assert f"the latest {LATEST_RECOGNITIONS} of {RECOGNISED}" in page


def test_the_csv_keeps_every_row(raced: Org, client_for: SignIn) -> None:
    download = client_for(raced.dana).get(f"/leaderboard.csv?{FEB_13}&per_page=1").text
    assert len(list(csv.DictReader(download.splitlines()))) == 4
