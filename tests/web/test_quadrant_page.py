"""The quadrant page and its CSV: the same rows as GET /api/v1/quadrant, scoped alike.

The org of tests/web/org.py, February 2026 at Fri 13 February (10 of 20 working days gone).
Ravi: goal 2000, won 1500, plan call 10, 3 calls: results 150%, activity 60%, results only.
Nina: plan call 4, 2 calls, no goal: not placed. Rosa: a quality line and nobody observed her.
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

SignIn = Callable[[Person], UserClient]
FEB_13 = "period=2026-02&as_of=2026-02-13"


@pytest.fixture
def planned(db: Session, org: Org) -> Org:
    make_goal(db, org.ravi, "2026-02", 2000)
    make_deal(db, org.ravi, amount=1500, status="won", closed=date(2026, 2, 2))
    make_plan_line(db, org.ravi, "2026-02", "call", 10)
    for day in (3, 4, 5):
        make_activity(db, org.ravi, date(2026, 2, day))
    make_plan_line(db, org.nina, "2026-02", "call", 4)
    for day in (3, 4):
        make_activity(db, org.nina, date(2026, 2, day))
    make_plan_line(db, org.rosa, "2026-02", "quality", 4)
    return org


def _chart(html: str) -> dict:
    found = re.search(
        r'<script type="application/json" id="quadrant-data">(.*?)</script>', html, re.S
    )
    assert found is not None
    return json.loads(found.group(1))


def test_the_scatter_holds_the_placed_reps_linking_to_their_pages(
    planned: Org, client_for: SignIn
) -> None:
    page = client_for(planned.mia).get(f"/quadrant?{FEB_13}")
    assert page.status_code == 200
    [ravi] = _chart(page.text)["points"]
    assert ravi == {
        "x": 0.6,
        "y": 1.5,
        "name": "Ravi Rep",
        "href": f"/people/{planned.ravi.id}",
        "quadrant": "results_only",
    }
    assert "Not placed" in page.text and "not observed" in page.text
    assert "What to do:" in page.text and 'src="/static/quadrant.js"' in page.text


def test_the_csv_has_the_report_columns_for_the_viewers_reps(
    planned: Org, client_for: SignIn
) -> None:
    response = client_for(planned.noah).get(f"/quadrant.csv?{FEB_13}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(response.text.splitlines()))
    assert [row["name"] for row in rows] == ["Nina Rep"]
    assert (rows[0]["activity_pace"], rows[0]["quadrant"], rows[0]["results_pace"]) == (
        "1.0",
        "",
        "",
    )


def test_a_rep_sees_only_their_own_dot(planned: Org, client_for: SignIn) -> None:
    page = client_for(planned.ravi).get(f"/quadrant?{FEB_13}")
    assert [p["name"] for p in _chart(page.text)["points"]] == ["Ravi Rep"]
    assert "Nina Rep" not in page.text


def test_a_manager_outside_the_scope_is_not_found(planned: Org, client_for: SignIn) -> None:
    response = client_for(planned.noah).get(f"/quadrant?{FEB_13}&manager={planned.mia.id}")
    assert response.status_code == 404


def test_the_nav_links_the_page(planned: Org, client_for: SignIn) -> None:
    assert 'href="/quadrant"' in client_for(planned.ravi).get("/").text


def test_the_team_picker_lists_the_leaders_in_scope_and_everyone_is_blank(
    planned: Org, client_for: SignIn
) -> None:
    browser = client_for(planned.mia)
    page = browser.get(f"/quadrant?{FEB_13}&manager=")
    assert page.status_code == 200
    options = re.findall(r'<option value="(\d+)"', page.text)
    assert options == [str(planned.mia.id), str(planned.noah.id)]  # by name
    narrowed = browser.get(f"/quadrant?{FEB_13}&manager={planned.noah.id}")
    assert "Ravi Rep" not in narrowed.text and "Nina Rep" in narrowed.text
    assert browser.get(f"/quadrant?{FEB_13}&manager=0").status_code == 422


def test_a_rep_has_no_team_picker(planned: Org, client_for: SignIn) -> None:
    assert 'id="manager"' not in client_for(planned.ravi).get(f"/quadrant?{FEB_13}").text
