"""Every state-changing request made with the session cookie must carry the session's token."""

import re
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Signing in has no session yet: the form has its own token (see test_login_page), and the API
# takes only JSON, which another site cannot send without this server's consent.
SIGN_IN = {("POST", "/login"), ("POST", "/api/v1/session")}


def _unsafe_routes(app: FastAPI) -> list[tuple[str, str]]:
    return sorted(
        (method, str(route.path))
        for route in iter_route_contexts(app.routes)
        for method in (getattr(route, "methods", None) or set()) & UNSAFE
        if (method, route.path) not in SIGN_IN
    )


def test_there_are_state_changing_routes_to_protect(app: FastAPI) -> None:
    assert {("POST", "/logout"), ("DELETE", "/api/v1/session")} <= set(_unsafe_routes(app))


def test_every_state_changing_route_refuses_a_request_without_the_token(
    app: FastAPI, db: Session, client_for: SignIn
) -> None:
    browser = client_for(make_person(db))
    for method, path in _unsafe_routes(app):
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        assert browser.request(method, concrete).status_code == 403, (method, path)


@pytest.mark.parametrize("token", ["", "not-the-token"])
def test_signing_out_with_a_wrong_token_is_refused_and_keeps_the_session(
    token: str, db: Session, client_for: SignIn
) -> None:
    browser = client_for(make_person(db))
    refused = browser.post("/logout", data={"csrf_token": token})
    assert refused.status_code == 403
    assert "expired or came from another site" in refused.text
    assert browser.get("/api/v1/me").status_code == 200


def test_the_header_works_for_htmx_and_api_calls(db: Session, client_for: SignIn) -> None:
    browser = client_for(make_person(db))
    headers = {"X-CSRF-Token": browser.csrf_token, "HX-Request": "true"}
    assert browser.post("/logout", headers=headers, follow_redirects=False).status_code == 303


def test_another_session_token_is_not_accepted(db: Session, client_for: SignIn) -> None:
    first, second = client_for(make_person(db)), client_for(make_person(db))
    headers = {"X-CSRF-Token": second.csrf_token}
    assert first.delete("/api/v1/session", headers=headers).status_code == 403


def test_the_api_sign_in_takes_only_json(db: Session, client) -> None:  # type: ignore[no-untyped-def]
    make_person(db, email="rep@example.com")
    answer = client.post("/api/v1/session", data={"email": "rep@example.com", "password": "x"})
    assert answer.status_code == 422
    assert "set-cookie" not in answer.headers
