"""Errors are mapped once: a styled page for people, `{"detail": ...}` for programs."""

from collections.abc import Callable

from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.store.models import Person
from web.client import TestClient, UserClient

SignIn = Callable[[Person], UserClient]


def test_an_unknown_page_is_a_styled_404(db: Session, client_for: SignIn) -> None:
    page = client_for(make_person(db, "Rae Rep")).get("/no/such/page")
    assert page.status_code == 404
    assert "text/html" in page.headers["content-type"]
    assert "Page not found" in page.text and 'href="/static/app.css"' in page.text


def test_a_person_out_of_scope_is_a_404_inside_the_app_frame(
    db: Session, client_for: SignIn
) -> None:
    other = make_person(db, "Other Rep")
    page = client_for(make_person(db, "Rae Rep")).get(f"/people/{other.id}")
    assert page.status_code == 404
    assert "Rae Rep" in page.text and "Sign out" in page.text and "Other Rep" not in page.text


def test_an_unknown_api_path_is_json(client: TestClient) -> None:
    answer = client.get("/api/v1/nothing-here")
    assert (answer.status_code, answer.json()) == (404, {"detail": "Not Found"})


def test_an_unreadable_address_is_a_styled_422(db: Session, client_for: SignIn) -> None:
    page = client_for(make_person(db)).get("/people/not-a-number")
    assert page.status_code == 422
    assert "Part of the address is not valid" in page.text


def test_api_validation_errors_keep_fastapi_detail(db: Session, client_for: SignIn) -> None:
    answer = client_for(make_person(db)).get("/api/v1/people", params={"limit": 0})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "limit"]


def test_pages_ask_to_sign_in_and_htmx_is_told_to_navigate(client: TestClient) -> None:
    page = client.get("/", follow_redirects=False)
    fragment = client.get("/", headers={"HX-Request": "true"}, follow_redirects=False)
    assert (page.status_code, page.headers["location"]) == (303, "/login?next=/")
    assert (fragment.status_code, fragment.headers["HX-Redirect"]) == (401, "/login?next=/")


def test_pages_carry_security_headers(client: TestClient) -> None:
    headers = client.get("/login").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert (headers["x-frame-options"], headers["x-content-type-options"]) == ("DENY", "nosniff")
