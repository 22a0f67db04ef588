"""A refused write leaves the database as it was: every goals route that writes (pages and API,
read from the app's route table) gets a body its service refuses, from someone allowed to write
there, and must answer 4xx with every table's rows unchanged (counts and a checksum).

A goals route missing from `REFUSED` fails `test_every_goals_write_has_a_refused_body`, naming
itself. Max manages Ann and Ben; Ann's Q1 revenue goal is proposed, Ben's approved.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from goal_helpers import Org
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.routing import Route

from factories import make_goal
from pacesetter.app import create_app
from pacesetter.store.models import Base, Goal, Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Sign-in bookkeeping changes on any request; it is not what a route writes.
NOT_COMPARED = {"user_sessions", "login_attempts"}
Q1 = "2026-Q1"


@dataclass(frozen=True)
class Refused:
    """A body the service refuses: `goal` picks the proposed or the approved goal for
    `{goal_id}`; `form` posts it as a form (pages), else as JSON."""

    body: dict[str, Any]
    goal: str = "proposed"
    form: bool = False


DUPLICATE = {"metric": "revenue_won", "period": Q1, "target": "90000"}
REFUSED: dict[str, Refused] = {
    "POST /api/v1/goals": Refused({"person_id": "ann", **DUPLICATE}),
    "PATCH /api/v1/goals/{goal_id}": Refused({"target": 1}, goal="approved"),
    "POST /api/v1/goals/{goal_id}/approve": Refused({"target": 100_000}),
    "POST /api/v1/goals/{goal_id}/reject": Refused({"note": "No"}, goal="approved"),
    "POST /api/v1/goals/{goal_id}/retire": Refused({"reason": "Gone"}),
    "POST /api/v1/goals/suggestions": Refused(
        {"manager_id": "max", "period": Q1, "team_target": 90_000, "metric": "nope", "accept": True}
    ),
    "POST /goals/people/{person_id}": Refused(DUPLICATE, form=True),
    "POST /goals/{goal_id}/approve": Refused({"target": "100000", "note": "Hi"}, form=True),
    "POST /goals/{goal_id}/reject": Refused({"note": "No"}, goal="approved", form=True),
    "POST /goals/{goal_id}/change": Refused({"target": "1"}, goal="approved", form=True),
    "POST /goals/{goal_id}/retire": Refused({"reason": "Gone"}, form=True),
    "POST /goals/suggest": Refused(
        {"manager_id": "max", "period": Q1, "team_target": "-5"}, form=True
    ),
}


def _goals_writes() -> list[str]:
    found = []
    for context in iter_route_contexts(create_app().routes):
        path = str(context.path_format)
        ours = path.startswith(("/goals", "/api/v1/goals"))
        if isinstance(context.original_route, Route) and ours:
            found += [f"{m} {path}" for m in sorted(set(context.methods or ()) & WRITES)]
    return sorted(found)


GOALS_WRITES = _goals_writes()


def test_every_goals_write_has_a_refused_body() -> None:
    assert [route for route in GOALS_WRITES if route not in REFUSED] == []


def _snapshot(db: Session) -> dict[str, tuple[int, str]]:
    """Each table's row count and a digest of its rows, in a stable order."""
    db.flush()
    tables = [t for t in Base.metadata.sorted_tables if t.name not in NOT_COMPARED]
    shot = {}
    for table in tables:
        rows = sorted(repr(tuple(row)) for row in db.execute(select(table)))
        shot[table.name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return shot


def _fill(value: Any, org: Org) -> Any:
    return getattr(org, value).id if value in ("ann", "max") else value


@pytest.mark.parametrize("route", GOALS_WRITES)
def test_a_refused_write_changes_no_table(
    route: str, db: Session, org: Org, client_for: SignIn
) -> None:
    goals = {
        "proposed": make_goal(db, org.ann, Q1, 90_000, status="proposed"),
        "approved": make_goal(db, org.ben, Q1, 90_000),
    }
    case = REFUSED[route]
    method, path = route.split(" ")
    url = path.format(goal_id=goals[case.goal].id, person_id=org.ann.id)
    body = {key: _fill(value, org) for key, value in case.body.items()}
    browser = client_for(org.max)
    before = _snapshot(db)
    if case.form:
        answer = browser.request(method, url, data=body | {"csrf_token": browser.csrf_token})
    else:
        answer = browser.request(
            method, url, json=body, headers={"X-CSRF-Token": browser.csrf_token}
        )
    assert 400 <= answer.status_code < 500, answer.text[:300]
    assert _snapshot(db) == before
    assert db.scalars(select(Goal.status).order_by(Goal.id)).all() == ["proposed", "approved"]
