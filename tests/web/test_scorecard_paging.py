"""The scorecard and GET /api/v1/scorecard a page of people at a time, the lowest pace of
their goals first; the CSV keeps everyone.

The org of tests/web/org.py, February 2026 at Fri 13 February: Ravi is off pace on his
revenue goal (won 500 of 2000), Owen ahead (won 3000 of 2000); nobody else has a goal.
"""

import csv
import re
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_deal, make_goal, make_person
from pacesetter.http.queries import DEFAULT_PER_PAGE
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org
from web.paging_checks import PagedScreen, check_pages

SignIn = Callable[[Person], UserClient]
FEB_13 = "period=2026-02&as_of=2026-02-13"
# A person's row in the Outcomes table, then in the Activities table.
OUTCOMES = PagedScreen(
    "/scorecard",
    "/api/v1/scorecard",
    re.compile(r"<tr><th>([^<]+)</th><td>(?:Rep|Manager|Director)</td>"),
    tables=2,
)


@pytest.fixture
def paced(db: Session, org: Org) -> Org:
    make_goal(db, org.ravi, "2026-02", 2000)
    make_goal(db, org.owen, "2026-02", 2000)
    make_deal(db, org.ravi, amount=500, status="won", closed=date(2026, 2, 2))
    make_deal(db, org.owen, amount=3000, status="won", closed=date(2026, 2, 2))
    db.flush()
    return org


@pytest.mark.parametrize("per_page", [1, 3, 50])
def test_every_page_holds_the_next_rows_as_the_api_does(
    paced: Org, client_for: SignIn, per_page: int
) -> None:
    assert check_pages(OUTCOMES, client_for(paced.dana), FEB_13, per_page) == 8


def test_the_lowest_pace_comes_first(paced: Org, client_for: SignIn) -> None:
    names, _ = OUTCOMES.api_rows(client_for(paced.dana), FEB_13)
    assert names[:2] == ["Ravi Rep", "Owen Rep"]  # then the others by name
    assert names[2:] == sorted(names[2:])
    by_name, _ = OUTCOMES.api_rows(client_for(paced.dana), f"{FEB_13}&order=name")
    assert by_name == sorted(names)


def test_a_large_scope_stays_within_a_page_and_the_csv_keeps_all(
    db: Session, paced: Org, client_for: SignIn
) -> None:
    for index in range(DEFAULT_PER_PAGE):
        make_person(db, f"Extra Rep {index:02}", manager=paced.mia)
    browser = client_for(paced.dana)
    names, paging = OUTCOMES.api_rows(browser, FEB_13)
    assert (len(names), paging["total"], paging["pages"]) == (DEFAULT_PER_PAGE, 58, 2)
    shown, _ = OUTCOMES.page_rows(browser, FEB_13)
    assert len(shown) == DEFAULT_PER_PAGE
    download = browser.get(f"/scorecard.csv?{FEB_13}").text
    assert len(list(csv.DictReader(download.splitlines()))) == 58
