"""Sessions end: when they expire, when the person signs out, when their employment ends."""

from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.store.models import Person, UserSession, utcnow
from web.client import UserClient

SignIn = Callable[[Person], UserClient]


def _sessions_of(db: Session, person: Person) -> int:
    statement = select(func.count()).where(UserSession.person_id == person.id)
    return db.scalar(statement) or 0


def test_an_expired_session_is_signed_out(db: Session, client_for: SignIn) -> None:
    browser = client_for(make_person(db, "Rae Rep"))
    stored = db.scalars(select(UserSession).where(UserSession.person_id == browser.person.id)).one()
    stored.expires_at = utcnow() - timedelta(seconds=1)
    db.flush()
    page = browser.get("/", follow_redirects=False)
    assert (page.status_code, page.headers["location"]) == (303, "/login?next=/")
    assert browser.get("/api/v1/me").status_code == 401


def test_signing_out_deletes_the_session_so_the_old_cookie_is_useless(
    db: Session, client_for: SignIn
) -> None:
    browser = client_for(make_person(db, "Rae Rep"))
    token = browser.session_token
    answer = browser.post(
        "/logout", data={"csrf_token": browser.csrf_token}, follow_redirects=False
    )
    assert (answer.status_code, answer.headers["location"]) == (303, "/login")
    assert _sessions_of(db, browser.person) == 0
    browser.cookies.set("pacesetter_session", token)  # a copy of the cookie kept somewhere
    assert browser.get("/api/v1/me").status_code == 401


def test_signing_out_through_the_api_ends_the_session(db: Session, client_for: SignIn) -> None:
    browser = client_for(make_person(db, "Rae Rep"))
    answer = browser.delete("/api/v1/session", headers={"X-CSRF-Token": browser.csrf_token})
    assert answer.status_code == 204
    assert _sessions_of(db, browser.person) == 0


def test_a_session_stops_working_once_employment_has_ended(db: Session, client_for: SignIn) -> None:
    person = make_person(db, "Rae Rep")
    browser = client_for(person)
    assert browser.get("/api/v1/me").status_code == 200
    person.end_date = date.today() - timedelta(days=1)
    db.flush()
    assert browser.get("/api/v1/me").status_code == 401


def test_me_returns_the_person_and_the_csrf_token(db: Session, client_for: SignIn) -> None:
    browser = client_for(make_person(db, "Rae Rep", email="rae@example.com"))
    body = browser.get("/api/v1/me").json()
    assert (body["person"]["email"], body["csrf_token"]) == ("rae@example.com", browser.csrf_token)
