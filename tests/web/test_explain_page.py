"""A figure explains itself: /explain and GET /api/v1/explain show the formula in words with the
values put in, the pace against the goal, and the rows behind it; CSV and XLSX have every row;
a person outside the viewer's scope is 404, a metric the catalogue does not know is 422.

The org of tests/web/org.py, Q1 2026 at Fri 13 February (22 + 10 of 22 + 20 + 22 working days
gone: 50%). Ravi won 1500 and 900 and lost 600; his goal is 6000: 2400 / (6000 x 50%) = 80%.
"""

import csv
import io
from collections.abc import Callable
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_goal
from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.metrics.explain import FORMULA_WORDS
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
Q1_FEB_13 = "period=2026-Q1&as_of=2026-02-13"


@pytest.fixture
def sold(db: Session, org: Org) -> Org:
    make_goal(db, org.ravi, "2026-Q1", 6000)
    make_deal(db, org.ravi, amount=1500, status="won", closed=date(2026, 1, 20))
    make_deal(db, org.ravi, amount=900, status="won", closed=date(2026, 2, 11))
    make_deal(db, org.ravi, amount=600, status="lost", closed=date(2026, 2, 12))
    make_deal(db, org.nina, amount=4000, status="won", closed=date(2026, 2, 3))
    for day in range(2, 9):
        make_activity(db, org.ravi, date(2026, 1, day))
    return org


def _url(path: str, person: Person, metric: str, extra: str = "") -> str:
    return f"{path}?person={person.id}&metric={metric}&{Q1_FEB_13}{extra}"


def test_every_formula_of_the_catalogue_has_its_words() -> None:
    formulas = {slug for slug, entry in REGISTRY.items() if entry.formula is not None}
    assert formulas == set(FORMULA_WORDS)


def test_the_api_puts_the_values_into_the_formula_and_the_pace(
    sold: Org, client_for: SignIn
) -> None:
    body = client_for(sold.mia).get(_url("/api/v1/explain", sold.ravi, "revenue_won")).json()
    assert body["value"] == 2400 and body["total_rows"] == 2
    assert body["formula"] == "Revenue won = summed over the 2 rows below = 2,400"
    assert body["pace"] == "Revenue won 2,400 / (target 6,000 x 50% of the quarter elapsed) = 80%"
    assert [row["parts"] for row in body["rows"]] == [{"revenue_won": 900}, {"revenue_won": 1500}]


def test_a_ratio_reads_as_its_parts(sold: Org, client_for: SignIn) -> None:
    body = client_for(sold.mia).get(_url("/api/v1/explain", sold.ravi, "win_rate")).json()
    assert body["formula"] == "Win rate = deals won 2 / (deals won 2 + deals lost 1) = 66%"
    assert body["pace"] is None and body["total_rows"] == 3


def test_a_team_figure_pools_the_team_rows(sold: Org, client_for: SignIn) -> None:
    url = _url("/api/v1/explain", sold.mia, "revenue_won", "&team=1")
    body = client_for(sold.dana).get(url).json()
    assert body["value"] == 6400 and body["scope"] == "team"
    assert {row["owner"] for row in body["rows"]} == {"Ravi Rep", "Nina Rep"}


def test_the_page_shows_the_words_and_pages_through_the_rows(
    sold: Org, client_for: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pacesetter.metrics.explain.PER_PAGE", 5)
    browser = client_for(sold.ravi)
    page = browser.get(_url("/explain", sold.ravi, "activities"))
    assert page.status_code == 200
    assert "Activities = counted over the 7 rows below = 7" in page.text
    assert "page 1 of 2" in page.text and "Download XLSX" in page.text
    second = browser.get(_url("/explain", sold.ravi, "activities", "&page=2"))
    assert second.text.count("activity: call") == 2


def test_csv_and_xlsx_carry_every_row_unrounded(sold: Org, client_for: SignIn) -> None:
    browser = client_for(sold.mia)
    text = browser.get(_url("/explain.csv", sold.ravi, "win_rate")).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted((row["deals_won"], row["deals_lost"]) for row in rows) == [
        ("0", "1"),
        ("1", "0"),
        ("1", "0"),
    ]
    content = browser.get(_url("/explain.xlsx", sold.ravi, "revenue_won")).content
    sheet = load_workbook(io.BytesIO(content)).active
    assert isinstance(sheet, Worksheet)
    header, *cells = sheet.iter_rows(values_only=True)
    assert header[-1] == "revenue_won" and [row[-1] for row in cells] == [900, 1500]


def test_a_person_outside_the_scope_is_not_found(sold: Org, client_for: SignIn) -> None:
    browser = client_for(sold.noah)
    for path in ("/explain", "/api/v1/explain", "/explain.csv", "/explain.xlsx"):
        assert browser.get(_url(path, sold.ravi, "revenue_won")).status_code == 404


def test_an_unknown_metric_is_refused(sold: Org, client_for: SignIn) -> None:
    response = client_for(sold.mia).get(_url("/api/v1/explain", sold.ravi, "happiness"))
    assert response.status_code == 422


def test_the_home_cards_link_their_figures_to_the_rows_behind_them(
    sold: Org, client_for: SignIn
) -> None:
    browser = client_for(sold.mia)
    home = browser.get("/?as_of=2026-02-13").text
    link = f"/explain?person={sold.mia.id}&amp;team=1&amp;metric=revenue_won&amp;period=2026-Q1"
    assert f'href="{link}&amp;as_of=2026-02-13"' in home
    explained = browser.get(link.replace("&amp;", "&") + "&as_of=2026-02-13")
    assert "Revenue won = summed over the 3 rows below = 6,400" in explained.text


def test_a_goal_links_its_actual_to_the_rows_behind_it(
    db: Session, sold: Org, client_for: SignIn
) -> None:
    goal = make_goal(db, sold.ravi, "2026-02", 1000, metric="deals_won")
    page = client_for(sold.ravi).get(f"/goals/{goal.id}?as_of=2026-02-13").text
    link = f"/explain?person={sold.ravi.id}&amp;metric=deals_won&amp;period=2026-02"
    assert f'href="{link}&amp;as_of=2026-02-13"' in page
