"""Bad input never hurts: out-of-range ids and offsets, dates outside the sane window, periods
of year 1 or 9999, a null where a value is needed and numbers too large to be finite are all a
422 that says what is allowed, on the API and on the pages, never a 500 (issue 9, fix 3).

One table of requests, each with the words its answer must contain. A goal and a manager exist,
so that the cases reach past "not found" into the code that used to fail.
"""

import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any, get_args

import pytest
from fastapi import FastAPI
from fastapi.dependencies.utils import get_flat_params
from fastapi.params import Query
from fastapi.routing import iter_route_contexts
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.domain.goal_lint import PERSON, ScopeKey
from pacesetter.goals import service
from pacesetter.goals.actor import Actor, Channel
from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
TOO_BIG = 2**31  # one past PostgreSQL's integer
HUGE = 2**63  # one past SQLite's integer
GOAL = "{goal}"
INFINITE = "1e400"  # written into the JSON text as a number, which Python reads as inf
MANAGER = "{manager}"

# (method, path, JSON body or form, words the answer must contain)
API_CASES: list[tuple[str, str, dict[str, object] | None, str]] = [
    ("GET", f"/api/v1/people/{TOO_BIG}", None, "2147483647"),
    ("GET", f"/api/v1/people/{HUGE}", None, "2147483647"),
    ("GET", f"/api/v1/people/{TOO_BIG}/team", None, "2147483647"),
    ("GET", f"/api/v1/people?manager_id={HUGE}", None, "2147483647"),
    ("GET", f"/api/v1/people?offset={HUGE}", None, "2147483647"),
    ("GET", f"/api/v1/goals?person_id={TOO_BIG}", None, "2147483647"),
    ("GET", f"/api/v1/goals?offset={TOO_BIG}", None, "2147483647"),
    ("GET", f"/api/v1/goals/{TOO_BIG}", None, "2147483647"),
    ("PATCH", f"/api/v1/goals/{HUGE}", {"target": 5}, "2147483647"),
    ("POST", f"/api/v1/goals/{TOO_BIG}/approve", {}, "2147483647"),
    ("POST", f"/api/v1/goals/{TOO_BIG}/reject", {"note": "no"}, "2147483647"),
    ("POST", f"/api/v1/goals/{TOO_BIG}/retire", {"reason": "done"}, "2147483647"),
    (
        "GET",
        f"/api/v1/goals/suggestions?manager_id={TOO_BIG}&period=2026-Q1&team_target=100",
        None,
        "2147483647",
    ),
    (
        "POST",
        "/api/v1/goals",
        {"person_id": HUGE, "metric": "revenue_won", "period": "2026-Q1", "target": 5},
        "2147483647",
    ),
    ("GET", "/api/v1/org/tree?as_of=0001-01-01", None, "1900-01-01"),
    ("GET", "/api/v1/org/tree?as_of=9999-12-31", None, "2999-12-31"),
    ("GET", f"/api/v1/goals/{GOAL}?as_of=0001-01-01", None, "1900-01-01"),
    ("GET", "/api/v1/goals?period=0001-Q1", None, "1900 to 2999"),
    ("GET", "/api/v1/goals?period=9999-Q4", None, "1900 to 2999"),
    (
        "POST",
        "/api/v1/goals",
        {"person_id": MANAGER, "metric": "revenue_won", "period": "9999-Q4", "target": 5},
        "1900 to 2999",
    ),
    ("PATCH", f"/api/v1/goals/{GOAL}", {"kind": None}, "kind"),
    (
        "GET",
        f"/api/v1/goals/suggestions?manager_id={MANAGER}&period=2026-Q1&team_target=1e999999",
        None,
        "less than or equal to 1000000000000000",
    ),
    (
        "POST",
        "/api/v1/goals/suggestions",
        {"manager_id": MANAGER, "period": "2026-Q1", "team_target": "1e999999"},
        "less than or equal to 1000000000000000",
    ),
    (
        "POST",
        "/api/v1/goals",
        {"person_id": MANAGER, "metric": "revenue_won", "period": "2026-Q1", "target": INFINITE},
        "finite",
    ),
    ("PATCH", f"/api/v1/goals/{GOAL}", {"target": "Infinity"}, "finite"),
]

PAGE_CASES: list[tuple[str, str, dict[str, object] | None, str]] = [
    ("GET", f"/people/{TOO_BIG}", None, "2147483647"),
    ("GET", f"/goals/people/{HUGE}", None, "2147483647"),
    ("GET", f"/goals/{TOO_BIG}", None, "2147483647"),
    ("GET", f"/goals/team/{TOO_BIG}", None, "2147483647"),
    ("GET", f"/goals/suggest?manager_id={TOO_BIG}", None, "2147483647"),
    ("POST", f"/goals/{TOO_BIG}/approve", {}, "2147483647"),
    ("GET", "/?as_of=0001-01-01", None, "1900-01-01"),
    ("GET", f"/goals/team/{MANAGER}?as_of=0001-01-01", None, "1900-01-01"),
    ("GET", f"/goals/{GOAL}?as_of=9999-12-31", None, "2999-12-31"),
    ("GET", f"/goals/people/{MANAGER}?period=9999-Q4", None, "1900 to 2999"),
    ("GET", "/goals/suggest?period=0001-Q1&team_target=100", None, "1900 to 2999"),
    ("GET", "/goals/suggest?team_target=1e999999", None, "finite"),
    (
        "POST",
        f"/goals/people/{MANAGER}",
        {"metric": "revenue_won", "period": "2026-Q1", "target": "1e999999"},
        "finite",
    ),
    (
        "POST",
        f"/goals/people/{MANAGER}",
        {"metric": "revenue_won", "period": "9999-Q4", "target": "100"},
        "1900 to 2999",
    ),
]


@pytest.fixture
def browser(db: Session, client_for: SignIn) -> UserClient:
    """A manager with one approved goal, signed in."""
    director = make_person(db, role="director")
    manager = make_person(db, role="manager", manager=director)
    make_person(db, manager=manager)
    actor = Actor.of(director, Channel.API)
    data = service.GoalInput(ScopeKey(PERSON, manager.id), "revenue_won", "2026-Q1", 1000.0)
    browser = client_for(manager)
    goal = service.create_goal(db, actor, data, today=date(2026, 1, 5)).goal
    browser.goal_id = goal.id  # type: ignore[attr-defined]
    return browser


def _send(browser: UserClient, method: str, path: str, body: dict[str, object] | None):  # type: ignore[no-untyped-def]
    ids = {"goal": browser.goal_id, "manager": browser.person.id}  # type: ignore[attr-defined]
    path = path.replace(GOAL, str(ids["goal"])).replace(MANAGER, str(ids["manager"]))
    if body is not None:
        body = {k: ids["manager"] if v == MANAGER else v for k, v in body.items()}
    headers = {"X-CSRF-Token": browser.csrf_token}
    if path.startswith("/api/") and body is not None:
        text = json.dumps(body).replace(f'"{INFINITE}"', INFINITE)
        headers["Content-Type"] = "application/json"
        return browser.request(method, path, content=text, headers=headers)
    if body is None:
        return browser.request(method, path, headers=headers)
    return browser.request(method, path, data=body, headers=headers)


@pytest.mark.parametrize(("method", "path", "body", "words"), API_CASES)
def test_the_api_answers_bad_input_with_422_and_what_is_allowed(
    browser: UserClient, method: str, path: str, body: dict[str, object] | None, words: str
) -> None:
    answer = _send(browser, method, path, body)
    assert answer.status_code == 422, answer.text
    assert words in answer.text


@pytest.mark.parametrize(("method", "path", "body", "words"), PAGE_CASES)
def test_the_pages_answer_bad_input_with_422_and_what_is_allowed(
    browser: UserClient, method: str, path: str, body: dict[str, object] | None, words: str
) -> None:
    answer = _send(browser, method, path, body)
    assert answer.status_code == 422, answer.text[:300]
    assert words in answer.text


def test_an_admin_gets_a_422_for_an_offset_no_column_holds(db: Session, client_for: SignIn) -> None:
    admin = client_for(make_person(db, role="admin"))
    answer = admin.get(f"/api/v1/imports?offset={TOO_BIG}")
    assert answer.status_code == 422 and "2147483647" in answer.text


def _get_routes(app: FastAPI) -> list[Any]:
    return [
        route
        for route in iter_route_contexts(app.routes)
        if "GET" in (getattr(route, "methods", None) or set()) and hasattr(route, "dependant")
    ]


def _typed_query_params(route: Any, kind: type) -> list[str]:
    fields = get_flat_params(route.dependant)
    return [
        field.alias
        for field in fields
        if isinstance(field.field_info, Query) and kind in _types_of(field.field_info.annotation)
    ]


def _types_of(annotation: object) -> set[object]:
    """The type and every type inside it: `Annotated[date, ...] | None` holds `date`."""
    inner = get_args(annotation)
    return {annotation}.union(*(_types_of(part) for part in inner if part is not ...))


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_page_and_api_read_refuses_out_of_range_ids_dates_and_offsets(
    app: FastAPI, db: Session, client_for: SignIn
) -> None:
    """Generated from the app's own route table: a new route is covered without editing this.
    Each id in the path, each integer and each date in the query, gets a value no column or
    calendar holds; the answer is 422 (or 404 where the route is out of reach), never 500."""
    admin = client_for(make_person(db, role="admin"))
    tried = []
    for route in _get_routes(app):
        path = str(route.path)
        for name in re.findall(r"\{([^}]+)\}", path):
            tried.append(path.replace(f"{{{name}}}", str(HUGE)).replace("{", "").replace("}", ""))
        for name in _typed_query_params(route, int):
            tried.append(f"{_concrete(path)}?{name}={HUGE}")
        for name in _typed_query_params(route, date):
            tried.append(f"{_concrete(path)}?{name}=0001-01-01")
    assert len(tried) >= 20
    answers = {url: admin.get(re.sub(r"\{[^}]+\}", "1", url)).status_code for url in tried}
    assert {url: s for url, s in answers.items() if s not in (404, 422)} == {}


def test_every_write_refuses_an_id_no_column_holds(
    app: FastAPI, db: Session, client_for: SignIn
) -> None:
    """Generated like the reads: each state-changing route with an id in its path, given an
    id past every integer column, answers 404 or 422 (the body may be refused too), never 500."""
    admin = client_for(make_person(db, role="admin"))
    headers = {"X-CSRF-Token": admin.csrf_token}
    answers = {
        (method, str(route.path)): admin.request(
            method, re.sub(r"\{[^}]+\}", str(HUGE), str(route.path)), json={}, headers=headers
        ).status_code
        for route in iter_route_contexts(app.routes)
        for method in (getattr(route, "methods", None) or set()) - {"GET", "HEAD"}
        if "{" in str(route.path)
    }
    assert len(answers) >= 8
    assert {key: status for key, status in answers.items() if status not in (404, 422)} == {}
