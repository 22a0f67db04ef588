"""The team goals board in every format: the page, its JSON twin GET /api/v1/goals/team/{id},
its CSV and XLSX, all one `requested_board`; out of scope is 404 in each.

Dee (director) > Max (player-coach: Ann, Ben), Mo (leader: Zed). Q1 2026 at 31 January: 22 of
64 working days, elapsed 0.34375. Goals: Ann 100k, Ben 100k, Max 60k, Zed 50k; Ben won 50k:
attainment 50 / 100 = 0.5, pace 0.5 / 0.34375 = 1.4545 (on pace); Max's team 260k target.
"""

import csv
import io
from collections.abc import Callable
from datetime import date

from goal_helpers import Org, won
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from factories import make_goal
from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
QUERY = "period=2026-Q1&as_of=2026-01-31"


def _goals(db: Session, org: Org) -> None:
    for person, target in ((org.ann, 100_000), (org.ben, 100_000), (org.max, 60_000)):
        make_goal(db, person, "2026-Q1", target)
    make_goal(db, org.zed, "2026-Q1", 50_000)
    won(db, org.ben, 50_000, date(2026, 1, 9))


def test_the_json_twin_holds_the_pages_teams_and_numbers(
    db: Session, org: Org, client_for: SignIn
) -> None:
    _goals(db, org)
    browser = client_for(org.dee)
    document = browser.get(f"/api/v1/goals/team/{org.dee.id}?{QUERY}").json()
    assert (document["period"], document["as_of"], document["metric"]) == (
        "2026-Q1",
        "2026-01-31",
        "revenue_won",
    )
    mo_team, max_team = document["groups"]  # Mo's: 0 of 1 reps on pace, Max's: 1 of 2
    assert [row["name"] for row in max_team["rows"]] == ["Max", "Ann", "Ben"]
    assert max_team["subtotal"]["target"] == 260_000 and max_team["subtotal"]["actual"] == 50_000
    ben = max_team["rows"][2]
    assert ben["goal"]["attainment"] == 0.5 and round(ben["goal"]["pace"], 4) == 1.4545
    assert mo_team["subtotal"]["reps_with_goal"] == 1
    page = browser.get(f"/goals/team/{org.dee.id}?{QUERY}").text
    twin = f"/api/v1/goals/team/{org.dee.id}?{QUERY}".replace("&", "&amp;")
    assert f'<link rel="alternate" type="application/json" href="{twin}">' in page
    assert "/board.csv?period=2026-Q1" in page and "/board.xlsx?period=2026-Q1" in page


def test_the_csv_and_xlsx_have_a_row_per_person_with_their_lead(
    db: Session, org: Org, client_for: SignIn
) -> None:
    _goals(db, org)
    browser = client_for(org.dee)
    text = browser.get(f"/goals/team/{org.dee.id}/board.csv?{QUERY}").text
    rows = {row["name"]: row for row in csv.DictReader(text.splitlines())}
    assert (rows["Ben"]["lead"], float(rows["Ben"]["actual"])) == ("Max", 50_000)
    assert (rows["Zed"]["lead"], float(rows["Zed"]["target"])) == ("Mo", 50_000)
    body = browser.get(f"/goals/team/{org.dee.id}/board.xlsx?{QUERY}").content
    header, *cells = load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True)  # type: ignore[union-attr]
    sheet = {row[0]: dict(zip(header, row, strict=True)) for row in cells}
    assert sheet["Ben"]["attainment"] == 0.5 and sheet["Ben"]["lead"] == "Max"


def test_a_team_out_of_scope_is_not_found_in_every_format(
    db: Session, org: Org, client_for: SignIn
) -> None:
    browser = client_for(org.zed)
    for url in (
        f"/api/v1/goals/team/{org.max.id}",
        f"/goals/team/{org.max.id}/board.csv",
        f"/goals/team/{org.max.id}/board.xlsx",
    ):
        assert browser.get(url).status_code == 404, url
