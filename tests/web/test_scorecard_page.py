"""The scorecard page, its JSON twin GET /api/v1/scorecard and its CSV and XLSX: one scorecard
(`requested_scorecard`) in four formats, scoped to the viewer.

The org of tests/web/org.py, February 2026 at Fri 13 February. Ravi: goal 2000 revenue, won 1500
on 2 Feb (attainment 1500 / 2000 = 75%). Omar, outside Mia's team, won 4000.
"""

import csv
import io
from collections.abc import Callable
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from factories import make_deal, make_goal
from pacesetter.domain.periods import parse_period
from pacesetter.exports.xlsx import XLSX_MEDIA_TYPE
from pacesetter.metrics.scorecard import build_scorecard
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
FEB_13 = "period=2026-02&as_of=2026-02-13"
PAYLOAD = '=HYPERLINK("http://x")'


@pytest.fixture
def scored(db: Session, org: Org) -> Org:
    make_goal(db, org.ravi, "2026-02", 2000)
    make_deal(db, org.ravi, amount=1500, status="won", closed=date(2026, 2, 2))
    make_deal(db, org.omar, amount=4000, status="won", closed=date(2026, 2, 2))
    db.flush()
    return org


def test_the_api_twin_is_the_clis_json_document(
    db: Session, scored: Org, client_for: SignIn
) -> None:
    """The director sees every scorecard row, so her document by name is the CLI's
    (Scope.everything), with where the page sits."""
    api = client_for(scored.dana).get(f"/api/v1/scorecard?{FEB_13}&order=name")
    assert api.status_code == 200
    cli = build_scorecard(db, Scope.everything(), parse_period("2026-02"), date(2026, 2, 13))
    body = api.json()
    assert body.pop("paging")["total"] == len(cli.rows)
    assert body == cli.as_dict()
    [ravi] = [row for row in api.json()["rows"] if row["name"] == "Ravi Rep"]
    assert ravi["goals"][0]["attainment"] == 1500 / 2000


def test_the_api_twin_lists_only_the_viewers_scope(scored: Org, client_for: SignIn) -> None:
    rows = client_for(scored.mia).get(f"/api/v1/scorecard?{FEB_13}").json()["rows"]
    names = {row["name"] for row in rows}
    assert names == {"Mia Manager", "Ravi Rep", "Rosa Rep", "Noah Nested", "Nina Rep"}


def test_the_page_shows_the_numbers_with_pickers_and_downloads(
    scored: Org, client_for: SignIn
) -> None:
    page = client_for(scored.mia).get(f"/scorecard?{FEB_13}")
    assert page.status_code == 200
    assert 'name="period" value="2026-02"' in page.text
    assert 'name="as_of" type="date" value="2026-02-13"' in page.text
    assert f'href="/scorecard.csv?{FEB_13.replace("&", "&amp;")}"' in page.text
    assert f'href="/scorecard.xlsx?{FEB_13.replace("&", "&amp;")}"' in page.text
    assert "Ravi Rep" in page.text and "75%" in page.text  # 1500 / 2000
    assert "Omar Other" not in page.text


def test_the_csv_is_the_clis_flat_table_neutralised(
    db: Session, scored: Org, client_for: SignIn
) -> None:
    scored.ravi.name = PAYLOAD
    db.flush()
    response = client_for(scored.mia).get(f"/scorecard.csv?{FEB_13}")
    assert response.headers["content-type"].startswith("text/csv")
    rows = {row["email"]: row for row in csv.DictReader(response.text.splitlines())}
    ravi = rows[scored.ravi.email]
    assert ravi["name"] == "'" + PAYLOAD
    assert float(ravi["goal.person.revenue_won.target"]) == 2000
    assert float(ravi["goal.person.revenue_won.actual"]) == 1500
    assert scored.omar.email not in rows


def test_the_xlsx_holds_the_csvs_numbers_as_numbers(scored: Org, client_for: SignIn) -> None:
    browser = client_for(scored.mia)
    response = browser.get(f"/scorecard.xlsx?{FEB_13}")
    assert response.headers["content-type"] == XLSX_MEDIA_TYPE
    header, *cells = load_workbook(io.BytesIO(response.content)).active.iter_rows(  # type: ignore[union-attr]
        values_only=True
    )
    sheet = {row[1]: dict(zip(header, row, strict=True)) for row in cells}
    ravi = sheet[scored.ravi.email]
    assert ravi["goal.person.revenue_won.attainment"] == 1500 / 2000
    assert ravi["revenue_won"] == 1500


def test_every_page_links_the_scorecard_in_the_navigation(org: Org, client_for: SignIn) -> None:
    home = client_for(org.ravi).get("/").text
    assert 'href="/scorecard" class="sidenav__link' in home
