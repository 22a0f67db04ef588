"""The permission matrix, generated from the app's own route table: every role x every route
that names an object (a person, a goal...) x objects of five relations to the viewer (self, own
subtree, peer, another branch, none). Outside the scope a read answers 404, a change is refused
and changes nothing, and no answer (lists, pages, exports included) shows anything of a person
the viewer may not see. See matrix_checks.py for the rules, matrix_org.py for the people.

A route added later is in the matrix without editing this file; one whose object parameter
the matrix does not know fails until it is added to OBJECT_PARAMS (matrix_routes.py).
"""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from matrix_checks import Expectation, problems_with, snapshot
from matrix_org import VIEWERS, MatrixOrg, Relation
from matrix_routes import (
    ADMIN_WRITES,
    SESSION_WRITES,
    Named,
    RouteCase,
    Target,
    app_routes,
)
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from pacesetter.app import create_app
from pacesetter.auth.csrf import CSRF_HEADER
from pacesetter.auth.sessions import SESSION_COOKIE
from pacesetter.store.models import Person
from web.client import TEST_SETTINGS, UserClient

SignIn = Callable[[Person], UserClient]
ROLES = sorted(VIEWERS)
# Read once at collection; the engine is never connected to.
ROUTES = app_routes(create_app(create_engine("sqlite://"), TEST_SETTINGS))
OBJECT_ROUTES = [case for case in ROUTES if case.objects]
LIST_ROUTES = [case for case in ROUTES if case.is_list]
ADMIN_ROUTES = [case for case in ROUTES if case.id in ADMIN_WRITES]


def signed_in(app: FastAPI, client_for: SignIn, db: Session, person_id: int) -> TestClient:
    """A browser signed in as the person that sends the CSRF token with every request and
    reports a server error as a 500 (so that every cell of the matrix runs)."""
    session = client_for(db.get_one(Person, person_id))
    browser = TestClient(
        app, raise_server_exceptions=False, headers={CSRF_HEADER: session.csrf_token}
    )
    browser.cookies.set(SESSION_COOKIE, session.session_token)
    return browser


def test_every_object_parameter_is_in_the_matrix_map() -> None:
    missing = [
        f"{case.id}: add {name} to the matrix map (OBJECT_PARAMS in matrix_routes.py)"
        for case in ROUTES
        for name in case.unknown_objects()
    ]
    assert missing == []


def test_every_write_names_its_objects_or_none() -> None:
    """A write whose objects the route table does not show (a form read by hand) must say
    which it names, or be listed as naming none."""
    unaccounted = [
        f"{case.id}: list its fields in HAND_READ_FORMS, or in SESSION_WRITES or ADMIN_WRITES"
        for case in ROUTES
        if case.is_write and not case.objects and case.id not in SESSION_WRITES | ADMIN_WRITES
    ]
    assert unaccounted == []


def test_the_matrix_is_read_from_the_route_table() -> None:
    objects, lists = {c.id for c in OBJECT_ROUTES}, {c.id for c in LIST_ROUTES}
    assert {"GET /api/v1/people/{person_id}", "POST /goals/{goal_id}/approve"} <= objects
    assert {"GET /goals/team/{manager_id}", "POST /api/v1/goals"} <= objects  # path and body
    assert {"GET /api/v1/people", "GET /api/v1/org/tree", "GET /"} <= lists


@pytest.mark.parametrize("case", OBJECT_ROUTES, ids=lambda case: case.id)
@pytest.mark.parametrize("role", ROLES)
def test_objects_outside_the_scope_are_not_found_and_not_changed(
    role: str,
    case: RouteCase,
    app: FastAPI,
    db: Session,
    matrix_org: MatrixOrg,
    client_for: SignIn,
) -> None:
    assert case.unknown_objects() == [], f"add {case.unknown_objects()} to the matrix map"
    viewer, relations = VIEWERS[role]
    browser = signed_in(app, client_for, db, matrix_org.id_of(viewer))
    secrets = matrix_org.secrets_hidden_from(viewer)
    before = snapshot(db) if case.is_write else None
    problems = []
    for relation in Relation:
        target = Target(*relations.get(relation, (None, None)))
        for request, named in case.requests(matrix_org, target):
            expected = _expectation(case, viewer, named)
            found = _one_request(browser, db, request, expected, secrets, before)
            problems += [f"{relation} {request['url']}: {problem}" for problem in found]
    assert problems == []


def _expectation(case: RouteCase, viewer: str, named: Named) -> Expectation:
    hidden = [param for param, obj in named if viewer not in obj.readers]
    return Expectation(
        names_hidden=bool(hidden),
        addresses_hidden=any(param.addresses for param in hidden),
        is_write=case.is_write,
    )


def _one_request(
    browser: TestClient,
    db: Session,
    request: dict[str, Any],
    expected: Expectation,
    secrets: dict[str, list[str]],
    before: dict[str, list[str]] | None,
) -> list[str]:
    """Send it in a savepoint rolled back afterwards, so every request meets the same data."""
    savepoint = db.begin_nested()
    try:
        response = browser.request(**request, follow_redirects=not expected.is_write)
        changed = expected.names_hidden and before is not None and snapshot(db) != before
        return problems_with(response, expected, secrets, changed)
    finally:
        savepoint.rollback()


@pytest.mark.parametrize("case", LIST_ROUTES, ids=lambda case: case.id)
@pytest.mark.parametrize("role", ROLES)
def test_lists_and_pages_show_nobody_outside_the_scope(
    role: str,
    case: RouteCase,
    app: FastAPI,
    db: Session,
    matrix_org: MatrixOrg,
    client_for: SignIn,
) -> None:
    viewer = VIEWERS[role][0]
    browser = signed_in(app, client_for, db, matrix_org.id_of(viewer))
    response = browser.request(**case.unfiltered_request())
    expected = Expectation(names_hidden=False, addresses_hidden=False, is_write=False)
    assert problems_with(response, expected, matrix_org.secrets_hidden_from(viewer), False) == []


@pytest.mark.parametrize("case", ADMIN_ROUTES, ids=lambda case: case.id)
@pytest.mark.parametrize("role", [role for role in ROLES if role != "admin"])
def test_organisation_wide_changes_are_refused_to_all_but_admins(
    role: str,
    case: RouteCase,
    app: FastAPI,
    db: Session,
    matrix_org: MatrixOrg,
    client_for: SignIn,
) -> None:
    viewer = VIEWERS[role][0]
    browser = signed_in(app, client_for, db, matrix_org.id_of(viewer))
    secrets = matrix_org.secrets_hidden_from(viewer)
    expected = Expectation(names_hidden=True, addresses_hidden=False, is_write=True)
    request = case.unfiltered_request()
    assert _one_request(browser, db, request, expected, secrets, snapshot(db)) == []
