"""The managers page and GET /api/v1/managers show a page of managers at a time, the most
signals first, however large the organisation: at most `per_page` rows (cards and table
rows alike), the page's place in the whole list, links to the pages beside it, and the same
rows on the page and in the API. The CSV keeps every manager.

The org of tests/web/org.py, Q1 2026 at its end: four managers and directors in Dana's scope.
Omar (player-coach) closed all his team's revenue: single closer, and lapsed 1:1s.
"""

import csv
import io
import re
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_deal, make_person
from pacesetter.http.queries import MANAGERS_PER_PAGE
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
Q1 = "period=2026-Q1&as_of=2026-03-31"
CARD = re.compile(r'<article class="card" id="manager-(\d+)">')


@pytest.fixture
def sold(db: Session, org: Org) -> Org:
    make_deal(db, org.omar, amount=4000, status="won", closed=date(2026, 2, 2))
    return org


def _cards(browser: UserClient, query: str) -> list[int]:
    page = browser.get(f"/managers?{Q1}&{query}")
    assert page.status_code == 200
    return [int(found) for found in CARD.findall(page.text)]


def _api(browser: UserClient, query: str) -> dict:
    answer = browser.get(f"/api/v1/managers?{Q1}&{query}")
    assert answer.status_code == 200
    return answer.json()


def test_a_page_holds_per_page_rows_and_says_where_it_sits(sold: Org, client_for: SignIn) -> None:
    browser = client_for(sold.dana)
    page = browser.get(f"/managers?{Q1}&per_page=3").text
    assert len(CARD.findall(page)) == 3
    assert page.count('<tr>\n        <th><a href="/managers?') == 3  # the KPI table's rows
    assert "rows 1\u20133 of 4 · page 1 of 2" in page  # an en dash between
    assert 'rel="next" href="/managers?' in page and "page=2" in page
    assert 'rel="prev"' not in page


def test_page_two_holds_the_next_rows_as_the_api_does(sold: Org, client_for: SignIn) -> None:
    browser = client_for(sold.dana)
    first, second = _cards(browser, "per_page=3"), _cards(browser, "per_page=3&page=2")
    assert len(second) == 1 and not set(first) & set(second)
    assert set(first + second) == sold.ids("dana", "mia", "noah", "omar")
    for number, shown in ((1, first), (2, second)):
        body = _api(browser, f"per_page=3&page={number}")
        assert [row["person_id"] for row in body["rows"]] == shown
        assert body["paging"] == {
            "total": 4,
            "page": number,
            "per_page": 3,
            "pages": 2,
            "first": 3 * number - 2,
            "last": 3 * number - 2 + len(shown) - 1,
        }


def test_the_managers_with_the_most_signals_come_first(sold: Org, client_for: SignIn) -> None:
    rows = _api(client_for(sold.dana), "")["rows"]
    counts = [len(row["signals"]) for row in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    assert rows[0]["name"] == "Omar Other"  # single closer and lapsed 1:1s


def test_a_drilled_into_team_starts_with_its_manager(sold: Org, client_for: SignIn) -> None:
    rows = _api(client_for(sold.dana), f"manager={sold.mia.id}&sort=team_meetings")["rows"]
    assert [row["name"] for row in rows] == ["Mia Manager", "Noah Nested"]


def test_a_page_past_the_end_is_the_last_page(sold: Org, client_for: SignIn) -> None:
    body = _api(client_for(sold.dana), "per_page=3&page=9")
    assert (body["paging"]["page"], len(body["rows"])) == (2, 1)


def test_a_large_organisation_stays_within_a_page_and_the_csv_keeps_all(
    db: Session, sold: Org, client_for: SignIn
) -> None:
    for index in range(MANAGERS_PER_PAGE + 5):
        make_person(db, f"Extra Manager {index:02}", role="manager", manager=sold.dana)
    total = MANAGERS_PER_PAGE + 5 + 4
    browser = client_for(sold.dana)
    assert len(_cards(browser, "")) == MANAGERS_PER_PAGE
    body = _api(browser, "")
    assert (len(body["rows"]), body["paging"]["total"]) == (MANAGERS_PER_PAGE, total)
    download = browser.get(f"/managers.csv?{Q1}").text
    assert len(list(csv.DictReader(io.StringIO(download)))) == total


def test_the_api_refuses_an_unknown_order_and_a_page_too_large(
    sold: Org, client_for: SignIn
) -> None:
    browser = client_for(sold.dana)
    assert browser.get(f"/api/v1/managers?{Q1}&sort=height").status_code == 422
    assert browser.get(f"/api/v1/managers?{Q1}&per_page=501").status_code == 422


def test_a_team_at_a_time_is_the_head_and_their_direct_reports(
    sold: Org, client_for: SignIn
) -> None:
    browser = client_for(sold.dana)
    top = _api(browser, "below=direct&sort=name")
    assert [row["name"] for row in top["rows"]] == ["Dana Director", "Mia Manager", "Omar Other"]
    first = _api(browser, "below=direct")["rows"][0]  # the viewer's own row leads their team
    assert first["name"] == "Dana Director"
    mia = _api(browser, f"below=direct&manager={sold.mia.id}")
    assert [row["name"] for row in mia["rows"]] == ["Mia Manager", "Noah Nested"]
    page = browser.get(f"/managers?{Q1}&below=direct").text
    assert sorted(_cards(browser, "below=direct")) == sorted(sold.ids("dana", "mia", "omar"))
    assert f"below=direct&manager={sold.mia.id}" in page  # each name drills down a level
    download = browser.get(f"/managers.csv?{Q1}&below=direct").text
    assert len(list(csv.DictReader(io.StringIO(download)))) == 4  # the download: everyone
