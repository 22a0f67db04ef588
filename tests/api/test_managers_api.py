"""GET /api/v1/managers: the manager report's rows for the managers and directors the viewer
may see, as `pacesetter report manager` computes them (docs/managers.md).

The org of tests/web/org.py, Q1 2026 at Fri 13 February. Mia's team goal is 10000 and Ravi
won 2500 of it: team attainment 0.25.
"""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_deal, make_goal
from pacesetter.metrics.manager_kpis import KPI_KEYS
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
Q1 = "/api/v1/managers?period=2026-Q1&as_of=2026-02-13"
# The rows each viewer sees: managers and directors in their scope, by name (`sort=name`).
ROWS = {
    "dana": ["Dana Director", "Mia Manager", "Noah Nested", "Omar Other"],
    "mia": ["Mia Manager", "Noah Nested"],
    "omar": ["Omar Other"],
    "ravi": [],
    "ada": ["Dana Director", "Mia Manager", "Noah Nested", "Omar Other"],
}


@pytest.fixture
def goals(db: Session, org: Org) -> Org:
    make_goal(db, org.mia, "2026-Q1", 10_000, team=True)
    make_deal(db, org.ravi, amount=2500, status="won", closed=date(2026, 2, 2))
    return org


@pytest.mark.parametrize(("viewer", "names"), ROWS.items())
def test_rows_are_the_managers_in_scope(
    goals: Org, client_for: SignIn, viewer: str, names: list[str]
) -> None:
    body = client_for(getattr(goals, viewer)).get(f"{Q1}&sort=name").json()
    assert [row["name"] for row in body["rows"]] == names


def test_rows_carry_the_reports_json_and_the_kpis(goals: Org, client_for: SignIn) -> None:
    body = client_for(goals.mia).get(Q1).json()
    assert (body["period"], body["as_of"]) == ("2026-Q1", "2026-02-13")
    mia = body["rows"][0]
    assert set(KPI_KEYS) <= set(mia)
    assert (mia["team_attainment"], mia["person_id"], mia["role"]) == (
        0.25,
        goals.mia.id,
        "manager",
    )
    assert set(mia["recommendation"]) == {"value", "reasons"}
    # the four quarters before Q1 2026, the latest first; nobody forecast them
    history = [(past["period"], past["forecast"]) for past in mia["forecast_history"]]
    assert history == [("2025-Q4", None), ("2025-Q3", None), ("2025-Q2", None), ("2025-Q1", None)]
    assert (mia["forecast_rollup"]["forecast"], mia["forecast_rollup"]["won"]) == (None, 2500)


def test_a_manager_filter_is_that_manager_and_those_below(goals: Org, client_for: SignIn) -> None:
    body = client_for(goals.dana).get(f"{Q1}&manager={goals.mia.id}").json()
    assert [row["name"] for row in body["rows"]] == ["Mia Manager", "Noah Nested"]


def test_a_manager_outside_the_scope_is_not_found(goals: Org, client_for: SignIn) -> None:
    assert client_for(goals.omar).get(f"{Q1}&manager={goals.mia.id}").status_code == 404
