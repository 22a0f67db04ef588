"""The sign-in page: the form, its errors, the rate-limit message, and the cookie it sets."""

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.auth.csrf import LOGIN_CSRF_COOKIE
from web.client import PASSWORD, TEST_SETTINGS, TestClient, app_on, with_password


def _form(client: TestClient, email: str, password: str, **extra: str):  # type: ignore[no-untyped-def]
    client.get("/login")
    token = client.cookies.get(LOGIN_CSRF_COOKIE, path="/login") or ""
    data = {"email": email, "password": password, "csrf_token": token, **extra}
    return client.post("/login", data=data, follow_redirects=False)


def test_the_form_carries_a_token_matching_its_cookie(client: TestClient) -> None:
    page = client.get("/login")
    token = client.cookies.get(LOGIN_CSRF_COOKIE, path="/login")
    assert page.status_code == 200
    assert token and f'name="csrf_token" value="{token}"' in page.text


def test_signing_in_sets_an_httponly_lax_cookie_and_goes_home(
    db: Session, client: TestClient
) -> None:
    with_password(make_person(db, email="rep@example.com"))
    answer = _form(client, "rep@example.com", PASSWORD)
    cookie = answer.headers["set-cookie"]
    assert (answer.status_code, answer.headers["location"]) == (303, "/")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert client.get("/").status_code == 200


def test_in_production_the_session_cookie_is_secure(engine: Engine, db: Session) -> None:
    production = TEST_SETTINGS.model_copy(update={"environment": "production"})
    client = TestClient(app_on(engine, db, production), base_url="https://testserver")
    with_password(make_person(db, email="rep@example.com"))
    assert "Secure" in _form(client, "rep@example.com", PASSWORD).headers["set-cookie"]


def test_a_wrong_password_shows_the_generic_error(db: Session, client: TestClient) -> None:
    with_password(make_person(db, email="rep@example.com"))
    wrong = _form(client, "rep@example.com", "nope nope nope")
    unknown = _form(client, "who@example.com", PASSWORD)
    assert (wrong.status_code, unknown.status_code) == (401, 401)
    assert "Email or password is not correct." in wrong.text
    assert "Email or password is not correct." in unknown.text
    assert 'value="rep@example.com"' in wrong.text  # the email is kept, the password is not


def test_too_many_failures_answer_429_with_a_clear_message(db: Session, client: TestClient) -> None:
    with_password(make_person(db, email="rep@example.com"))
    for _ in range(TEST_SETTINGS.login_attempts):
        assert _form(client, "rep@example.com", "guess guess").status_code == 401
    blocked = _form(client, "rep@example.com", PASSWORD)
    assert blocked.status_code == 429
    assert "Too many sign-in attempts. Wait 5 minutes and try again." in blocked.text


def test_a_sign_in_form_without_its_token_is_refused(db: Session, client: TestClient) -> None:
    with_password(make_person(db, email="rep@example.com"))
    data = {"email": "rep@example.com", "password": PASSWORD, "csrf_token": "forged"}
    assert client.post("/login", data=data).status_code == 403


def test_a_page_asked_for_before_signing_in_is_shown_after(db: Session, client: TestClient) -> None:
    person = with_password(make_person(db, email="rep@example.com"))
    bounce = client.get(f"/people/{person.id}", follow_redirects=False)
    assert bounce.headers["location"] == f"/login?next=/people/{person.id}"
    answer = _form(client, "rep@example.com", PASSWORD, next=f"/people/{person.id}")
    assert answer.headers["location"] == f"/people/{person.id}"


def test_a_next_address_on_another_site_is_ignored(db: Session, client: TestClient) -> None:
    with_password(make_person(db, email="rep@example.com"))
    answer = _form(client, "rep@example.com", PASSWORD, next="//evil.example/phish")
    assert answer.headers["location"] == "/"


def test_a_signed_in_visit_to_the_sign_in_page_goes_home(
    app: FastAPI, db: Session, client_for
) -> None:  # type: ignore[no-untyped-def]
    browser = client_for(make_person(db))
    answer = browser.get("/login", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/")
