"""Each KPI on a manager's card one click from its rows or its formula with the values put
in, and its trend over four periods as the sparklines' data (Chart.js draws them; the page
is complete without it).

The org of tests/web/org.py, Q1 2026 at 31 March. Omar's team goal is 10,000 and Owen won
2,500: team attainment won 2,500 / target 10,000 = 25%. Omar met Owen on 10 January and
10 February, not in March: 1:1 cadence held 2 / due 3 = 66% (shown rounded down). In the three
quarters before he met nobody: 0 / 3 each. Owen is the one rep employed on 1 January and still
is: retention stayed 1 / at the start 1 = 100%; nobody has a revenue goal of their own: reps at
goal "at goal 0 / with a goal 0 = —" (null over nothing).
"""

import json
import re
from collections.abc import Callable
from datetime import date
from html import escape

import pytest
from sqlalchemy.orm import Session

from factories import make_coaching, make_deal, make_goal
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
PAGE = "/managers?period=2026-Q1&as_of=2026-03-31"


@pytest.fixture
def omar(db: Session, org: Org) -> Org:
    make_goal(db, org.omar, "2026-Q1", 10_000, team=True)
    make_deal(db, org.owen, amount=2500, status="won", closed=date(2026, 2, 2))
    for day in (date(2026, 1, 10), date(2026, 2, 10)):
        make_coaching(db, org.omar, "one_on_one", day, person=org.owen)
    return org


def test_the_formula_has_the_values_put_in(omar: Org, client_for: SignIn) -> None:
    text = client_for(omar.omar).get(PAGE).text
    assert "held 2 / due 3 = 66%" in text
    assert "won 2,500 / target 10,000 = 25%" in text
    assert "stayed 1 / at the start 1 = 100%" in text
    assert "at goal 0 / with a goal 0 = —" in text


def test_catalogue_kpis_link_to_their_rows(omar: Org, client_for: SignIn) -> None:
    browser = client_for(omar.omar)
    text = browser.get(PAGE).text
    query = "period=2026-Q1&as_of=2026-03-31"
    rides = f"/explain?person={omar.omar.id}&metric=ride_alongs&{query}"
    team = f"/explain?person={omar.omar.id}&metric=revenue_won&{query}&team=true"
    assert f'href="{escape(rides)}"' in text and f'href="{escape(team)}"' in text
    assert browser.get(team).status_code == 200


def test_each_kpi_has_its_trend_over_four_periods(omar: Org, client_for: SignIn) -> None:
    text = client_for(omar.omar).get(PAGE).text
    found = re.search(r'id="trend-one_on_one_cadence">(.*?)</script>', text)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["labels"] == ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
    assert data["values"] == [0.0, 0.0, 0.0, 2 / 3]
    assert 'data-kind="spark"' in text and "<script>" not in text  # no inline script


def test_the_directors_table_links_and_explains_too(omar: Org, client_for: SignIn) -> None:
    text = client_for(omar.dana).get(PAGE).text
    assert 'title="held 2 / due 3 = 66%"' in text
    assert 'data-kind="spark"' not in text  # trends on a manager's own card only
