"""Every page with a CSV download has its XLSX twin, equal to the page's JSON twin in the API:
read back with openpyxl, numbers are numbers (in their units' formats), text is text.

The org of tests/web/org.py: February 2026 at Fri 13 February for the quadrant (Ravi won 1500
of 2000 with 3 of 10 planned calls), Q1 2026 at its end for the managers (Omar won 4000).
Ravi's name is a formula payload, as an import may store it.
"""

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_goal, make_plan_line
from pacesetter.exports.xlsx import XLSX_MEDIA_TYPE
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
PAYLOAD = '=HYPERLINK("http://evil.example","Ravi")'
FEB_13 = "period=2026-02&as_of=2026-02-13"
Q1_END = "period=2026-Q1&as_of=2026-03-31"


@pytest.fixture
def busy(db: Session, org: Org) -> Org:
    org.ravi.name = PAYLOAD
    make_goal(db, org.ravi, "2026-02", 2000)
    make_deal(db, org.ravi, amount=1500, status="won", closed=date(2026, 2, 2))
    make_plan_line(db, org.ravi, "2026-02", "call", 10)
    for day in (3, 4, 5):
        make_activity(db, org.ravi, date(2026, 2, day))
    make_deal(db, org.omar, amount=4000, status="won", closed=date(2026, 2, 2))
    db.flush()
    return org


def _rows(browser: UserClient, url: str) -> list[dict[str, Any]]:
    response = browser.get(url)
    assert response.status_code == 200 and response.headers["content-type"] == XLSX_MEDIA_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert isinstance(sheet, Worksheet) and sheet.freeze_panes == "B2"
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]  # type: ignore[arg-type]


def test_the_quadrant_xlsx_equals_the_api_rows(busy: Org, client_for: SignIn) -> None:
    browser = client_for(busy.mia)
    sheet = _rows(browser, f"/quadrant.xlsx?{FEB_13}")
    api = browser.get(f"/api/v1/quadrant?{FEB_13}").json()["rows"]
    assert [row["name"] for row in sheet] == [row["name"] for row in api]
    for cells, twin in zip(sheet, api, strict=True):
        assert {key: cells[key] for key in cells if key != "name"} == {
            key: twin[key] for key in cells if key != "name"
        }
    ravi = next(row for row in sheet if row["name"] == PAYLOAD)
    assert ravi["results_pace"] == pytest.approx(1.5) and ravi["quadrant"] == "results_only"


def test_the_quadrant_xlsx_keeps_a_formula_name_as_text(busy: Org, client_for: SignIn) -> None:
    response = client_for(busy.mia).get(f"/quadrant.xlsx?{FEB_13}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert isinstance(sheet, Worksheet)
    cell = next(row[0] for row in sheet.iter_rows(min_row=2) if row[0].value == PAYLOAD)
    assert cell.data_type == "s" and cell.quotePrefix
    assert sheet.cell(cell.row, 4).number_format == "0.0%"  # results_pace


def test_the_managers_xlsx_equals_the_api_rows(busy: Org, client_for: SignIn) -> None:
    browser = client_for(busy.dana)
    sheet = _rows(browser, f"/managers.xlsx?{Q1_END}")
    api = browser.get(f"/api/v1/managers?{Q1_END}&sort=name").json()["rows"]  # the sheet by name
    assert [row["name"] for row in sheet] == [row["name"] for row in api]
    for cells, twin in zip(sheet, api, strict=True):
        names = ";".join(signal["name"] for signal in twin["signals"])
        assert cells["signals"] == (names or None)
        assert cells["recommendation"] == twin["recommendation"]["value"]
        plain = [key for key in cells if key not in ("name", "signals", "recommendation")]
        assert {key: cells[key] for key in plain} == {key: twin[key] for key in plain}


def test_the_pages_link_their_xlsx_beside_the_csv(busy: Org, client_for: SignIn) -> None:
    browser = client_for(busy.dana)
    quadrant, managers = (query.replace("&", "&amp;") for query in (FEB_13, Q1_END))
    assert f'href="/quadrant.xlsx?{quadrant}"' in browser.get(f"/quadrant?{FEB_13}").text
    assert f'href="/managers.xlsx?{managers}"' in browser.get(f"/managers?{Q1_END}").text


def test_out_of_scope_xlsx_is_not_found(busy: Org, client_for: SignIn) -> None:
    response = client_for(busy.noah).get(f"/quadrant.xlsx?{FEB_13}&manager={busy.mia.id}")
    assert response.status_code == 404


def test_the_plans_xlsx_is_the_api_plans_line_by_line(
    db: Session, busy: Org, client_for: SignIn
) -> None:
    make_plan_line(db, busy.nina, "2026-02", "direction", 0.35)
    browser = client_for(busy.mia)
    sheet = _rows(browser, "/plans.xlsx?month=2026-02")
    api = browser.get("/api/v1/plans?month=2026-02").json()
    expected = [
        {"person": row["email"], "month": api["month"], "line": line, "planned": planned}
        for row in api["rows"]
        for line, planned in row["lines"].items()
    ]
    key = lambda row: (row["person"], row["line"])  # noqa: E731
    assert sorted(sheet, key=key) == sorted(expected, key=key)
    assert {row["planned"] for row in sheet} == {10, 0.35}
