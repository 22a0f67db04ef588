"""GET /api/v1/quadrant: the quadrant's rows for the reps the viewer may see, as the CLI
computes them (docs/coaching.md), with last period's quadrant beside each.

The org of tests/web/org.py. February 2026 at Fri 13 February: 10 of 20 working days gone.
Ravi: goal 2000, won 1500 (pace 1.5); plan call 10, 3 calls (activity pace 0.6): results only.
Nina: plan call 4, 2 calls (pace 1.0), no goal: not placed. January, at its end: Ravi had a
goal of 1000 and won nothing, and a plan of 5 calls with none done: off track.
"""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_goal, make_plan_line
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
FEB_13 = "/api/v1/quadrant?period=2026-02&as_of=2026-02-13"
# The reps each viewer's rows hold (rows are reps only; by name with `order=name`).
ROWS = {
    "ravi": ["Ravi Rep"],
    "mia": ["Nina Rep", "Ravi Rep", "Rosa Rep"],
    "noah": ["Nina Rep"],
    "omar": ["Owen Rep"],
    "dana": ["Nina Rep", "Owen Rep", "Ravi Rep", "Rosa Rep"],
    "ada": ["Nina Rep", "Owen Rep", "Ravi Rep", "Rosa Rep"],
}


@pytest.fixture
def planned(db: Session, org: Org) -> Org:
    make_goal(db, org.ravi, "2026-02", 2000)
    make_deal(db, org.ravi, amount=1500, status="won", closed=date(2026, 2, 2))
    make_plan_line(db, org.ravi, "2026-02", "call", 10)
    for day in (3, 4, 5):
        make_activity(db, org.ravi, date(2026, 2, day))
    make_goal(db, org.ravi, "2026-01", 1000)
    make_plan_line(db, org.ravi, "2026-01", "call", 5)
    make_plan_line(db, org.nina, "2026-02", "call", 4)
    for day in (3, 4):
        make_activity(db, org.nina, date(2026, 2, day))
    return org


def _row(body: dict, name: str) -> dict:
    return next(row for row in body["rows"] if row["name"] == name)


def test_rows_carry_the_placement_and_last_periods_quadrant(
    planned: Org, client_for: SignIn
) -> None:
    body = client_for(planned.mia).get(FEB_13).json()
    assert (body["period"], body["as_of"], body["previous_period"]) == (
        "2026-02",
        "2026-02-13",
        "2026-01",
    )
    ravi = _row(body, "Ravi Rep")
    assert (ravi["results_pace"], ravi["activity_pace"], ravi["quadrant"]) == (
        1.5,  # 1500 / (2000 x 0.5)
        0.6,  # 3 / (10 x 0.5)
        "results_only",
    )
    assert (ravi["qdq_score"], ravi["qdq_binding"], ravi["previous_quadrant"]) == (
        0.6,
        "quantity",
        "off_track",  # January: 0 / 1000 and 0 / 5
    )
    assert (ravi["person_id"], ravi["email"]) == (planned.ravi.id, planned.ravi.email)
    nina = _row(body, "Nina Rep")
    assert (nina["activity_pace"], nina["quadrant"], nina["quality_observed"]) == (1.0, None, True)


@pytest.mark.parametrize("viewer", sorted(ROWS))
def test_each_viewer_sees_the_reps_of_their_scope(
    viewer: str, planned: Org, client_for: SignIn
) -> None:
    body = client_for(getattr(planned, viewer)).get(f"{FEB_13}&order=name").json()
    assert [row["name"] for row in body["rows"]] == ROWS[viewer]


def test_a_manager_filter_inside_the_scope_narrows_the_rows(
    planned: Org, client_for: SignIn
) -> None:
    body = client_for(planned.dana).get(f"{FEB_13}&manager={planned.noah.id}").json()
    assert [row["name"] for row in body["rows"]] == ["Nina Rep"]


@pytest.mark.parametrize(("viewer", "manager"), [("noah", "mia"), ("ravi", "mia"), ("mia", "omar")])
def test_a_manager_outside_the_scope_is_not_found(
    viewer: str, manager: str, planned: Org, client_for: SignIn
) -> None:
    browser = client_for(getattr(planned, viewer))
    response = browser.get(f"{FEB_13}&manager={getattr(planned, manager).id}")
    assert response.status_code == 404


def test_a_bad_period_is_refused(planned: Org, client_for: SignIn) -> None:
    response = client_for(planned.mia).get("/api/v1/quadrant?period=2026-13")
    assert response.status_code == 422


def test_signed_out_is_401(client) -> None:
    assert client.get(FEB_13).status_code == 401


def test_a_reps_plan_against_actual_and_history(planned: Org, client_for: SignIn) -> None:
    url = f"/api/v1/quadrant/people/{planned.ravi.id}?period=2026-02&as_of=2026-02-13&months=2"
    body = client_for(planned.mia).get(url).json()
    # calls: 10 planned, 5 expected by the 13th, 3 done
    assert body["lines"] == [
        {"type": "call", "planned": 10.0, "expected": 5.0, "actual": 3, "pace": 0.6}
    ]
    assert (body["placement"]["quadrant"], body["placement"]["qdq_score"]) == ("results_only", 0.6)
    january, february = body["history"]
    assert (january["period"], january["as_of"]) == ("2026-01", "2026-01-31")
    assert january["placement"]["quadrant"] == "off_track"
    assert february["placement"] == body["placement"]


@pytest.mark.parametrize(("viewer", "status"), [("ravi", 200), ("noah", 404), ("omar", 404)])
def test_a_reps_plan_is_scoped(viewer: str, status: int, planned: Org, client_for: SignIn) -> None:
    browser = client_for(getattr(planned, viewer))
    assert browser.get(f"/api/v1/quadrant/people/{planned.ravi.id}").status_code == status
