"""Leaderboards: people ranked by a catalogue metric with ties, movement since last week and
attainment of their goals; scoped like every page; the same rows as JSON, CSV and XLSX.

The org of tests/web/org.py, February 2026 at Fri 13 February; a week earlier is 6 February.
Revenue won   by 6 Feb   by 13 Feb   rank then -> now
  Nina        0          3000        3 -> 1 (tie with Ravi; by name first)   +2
  Ravi        1000       3000        2 -> 1  (goal 6000: 50%)                +1
  Rosa        2500       2500        1 -> 3                                  -2
  Owen        0          0           3 -> 4                                  -1
"""

import csv
import io
from collections.abc import Callable
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from factories import make_coaching, make_deal, make_goal
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
FEB_13 = "period=2026-02&as_of=2026-02-13"
WON = ((3, "ravi", 1000), (10, "ravi", 2000), (2, "rosa", 2500), (12, "nina", 3000))


@pytest.fixture
def raced(db: Session, org: Org) -> Org:
    for day, who, amount in WON:
        make_deal(db, getattr(org, who), amount=amount, status="won", closed=date(2026, 2, day))
    make_goal(db, org.ravi, "2026-02", 6000)
    record = make_coaching(db, org.mia, "recognition", date(2026, 2, 11), person=org.ravi)
    record.details = {"award": "Deal of the month"}
    record.notes = "Closed Ironpoint Health in one meeting."
    db.flush()
    return org


def _board(browser: UserClient, extra: str = "") -> dict:
    response = browser.get(f"/api/v1/leaderboard?metric=revenue_won&{FEB_13}{extra}")
    assert response.status_code == 200
    return response.json()


def test_ranks_share_ties_and_move_against_a_week_earlier(raced: Org, client_for: SignIn) -> None:
    rows = _board(client_for(raced.dana))["rows"]
    assert [(r["name"], r["rank"], r["previous_rank"], r["movement"]) for r in rows] == [
        ("Nina Rep", 1, 3, 2),
        ("Ravi Rep", 1, 2, 1),
        ("Rosa Rep", 3, 1, -2),
        ("Owen Rep", 4, 3, -1),
    ]
    assert [r["attainment"] for r in rows] == [None, 0.5, None, None]


def test_recognitions_of_the_period_are_on_the_board(raced: Org, client_for: SignIn) -> None:
    board = _board(client_for(raced.dana))
    assert board["recognitions"] == [
        {
            "day": "2026-02-11",
            "person_id": raced.ravi.id,
            "name": "Ravi Rep",
            "award": "Deal of the month",
            "reason": "Closed Ironpoint Health in one meeting.",
        }
    ]


def test_a_manager_ranks_only_their_team_and_other_teams_are_not_found(
    raced: Org, client_for: SignIn
) -> None:
    browser = client_for(raced.noah)
    assert [r["name"] for r in _board(browser)["rows"]] == ["Nina Rep"]
    response = browser.get(f"/api/v1/leaderboard?{FEB_13}&team={raced.mia.id}")
    assert response.status_code == 404
    assert browser.get(f"/leaderboard?{FEB_13}&team={raced.omar.id}").status_code == 404


def test_a_team_board_is_that_team(raced: Org, client_for: SignIn) -> None:
    board = _board(client_for(raced.dana), f"&team={raced.mia.id}")
    assert [r["name"] for r in board["rows"]] == ["Nina Rep", "Ravi Rep", "Rosa Rep"]
    assert board["team_name"] == "Mia Manager"


def test_a_coaching_count_ranks_the_leaders(raced: Org, client_for: SignIn) -> None:
    rows = _board(client_for(raced.dana), "&metric=recognitions")["rows"]
    assert rows[0]["name"] == "Mia Manager" and rows[0]["value"] == 1
    assert {r["name"] for r in rows} == {
        "Dana Director",
        "Mia Manager",
        "Noah Nested",
        "Omar Other",
    }


def test_the_page_csv_and_xlsx_show_the_same_rows(raced: Org, client_for: SignIn) -> None:
    browser = client_for(raced.dana)
    api = _board(browser)["rows"]
    page = browser.get(f"/leaderboard?metric=revenue_won&{FEB_13}")
    assert page.status_code == 200 and "Deal of the month" in page.text and "&#9650; 2" in page.text
    text = browser.get(f"/leaderboard.csv?metric=revenue_won&{FEB_13}").text
    assert [row["name"] for row in csv.DictReader(io.StringIO(text))] == [r["name"] for r in api]
    content = browser.get(f"/leaderboard.xlsx?metric=revenue_won&{FEB_13}").content
    sheet = load_workbook(io.BytesIO(content)).active
    assert isinstance(sheet, Worksheet)
    header, *cells = sheet.iter_rows(values_only=True)
    fields = list(header)
    assert [dict(zip(fields, row, strict=True)) for row in cells] == [
        {name: row[name] for name in fields} for row in api
    ]


def test_an_unknown_metric_is_refused(raced: Org, client_for: SignIn) -> None:
    response = client_for(raced.dana).get(f"/api/v1/leaderboard?metric=luck&{FEB_13}")
    assert response.status_code == 422


def test_the_nav_links_the_leaderboard(raced: Org, client_for: SignIn) -> None:
    assert 'href="/leaderboard"' in client_for(raced.ravi).get("/").text
