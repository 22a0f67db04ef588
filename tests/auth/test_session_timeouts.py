"""Sessions as ASVS 5.0 asks (V7): an idle timeout (the last use is written at most once a
minute), an absolute timeout that use does not extend, and a new token at every sign-in, the
browser's old one dead afterwards, through the API and the form."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.auth.csrf import LOGIN_CSRF_COOKIE
from pacesetter.auth.sessions import SESSION_COOKIE, token_hash
from pacesetter.store.models import Person, UserSession, utcnow
from web.client import PASSWORD, TEST_SETTINGS, UserClient

SignIn = Callable[[Person], UserClient]
IDLE = TEST_SETTINGS.session_idle_minutes


def stored(db: Session, browser: UserClient) -> UserSession:
    statement = select(UserSession).where(
        UserSession.token_hash == token_hash(browser.session_token)
    )
    return db.scalars(statement).one()


@pytest.mark.parametrize(("unused_minutes", "status"), [(IDLE - 1, 200), (IDLE + 1, 401)])
def test_a_session_unused_for_the_idle_timeout_is_signed_out(
    db: Session, client_for: SignIn, unused_minutes: int, status: int
) -> None:
    browser = client_for(make_person(db, "Rae Rep"))
    stored(db, browser).last_seen_at = utcnow() - timedelta(minutes=unused_minutes)
    db.flush()
    assert browser.get("/api/v1/me").status_code == status


@pytest.mark.parametrize(("seen_seconds_ago", "refreshed"), [(30, False), (90, True)])
def test_the_last_use_is_written_at_most_once_a_minute(
    db: Session, client_for: SignIn, seen_seconds_ago: int, refreshed: bool
) -> None:
    browser = client_for(make_person(db, "Rae Rep"))
    record = stored(db, browser)
    seen = utcnow() - timedelta(seconds=seen_seconds_ago)
    record.last_seen_at = seen
    db.flush()
    assert browser.get("/api/v1/me").status_code == 200
    db.refresh(record)
    assert (record.last_seen_at != seen) is refreshed


def test_use_does_not_extend_the_absolute_timeout(db: Session, client_for: SignIn) -> None:
    browser = client_for(make_person(db, "Rae Rep"))
    record = stored(db, browser)
    ends = record.expires_at
    record.last_seen_at = utcnow() - timedelta(minutes=5)
    db.flush()
    assert browser.get("/api/v1/me").status_code == 200
    db.refresh(record)
    assert record.expires_at == ends and record.last_seen_at > utcnow() - timedelta(minutes=1)
    record.expires_at = utcnow() - timedelta(seconds=1)  # in use a second ago, yet over
    db.flush()
    assert browser.get("/api/v1/me").status_code == 401


def _sessions_of(db: Session, person: Person) -> int:
    return db.scalar(select(func.count()).where(UserSession.person_id == person.id)) or 0


def test_signing_in_through_the_api_gives_a_new_token_and_kills_the_old_one(
    db: Session, client_for: SignIn
) -> None:
    browser = client_for(make_person(db, "Rae Rep", email="rae@example.com"))
    old = browser.session_token
    body = {"email": "rae@example.com", "password": PASSWORD}
    answer = browser.post("/api/v1/session", json=body)
    assert answer.status_code == 200
    assert answer.cookies.get(SESSION_COOKIE) not in (None, old)
    assert _sessions_of(db, browser.person) == 1
    browser.cookies.clear()
    browser.cookies.set(SESSION_COOKIE, old)
    assert browser.get("/api/v1/me").status_code == 401


def test_signing_in_through_the_form_gives_a_new_token_and_kills_the_old_one(
    db: Session, client_for: SignIn
) -> None:
    browser = client_for(make_person(db, "Rae Rep", email="rae@example.com"))
    old = browser.session_token
    browser.cookies.set(LOGIN_CSRF_COOKIE, "form-token", path="/login")
    form = {"email": "rae@example.com", "password": PASSWORD, "csrf_token": "form-token"}
    answer = browser.post("/login", data=form, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.cookies.get(SESSION_COOKIE) not in (None, old)
    assert _sessions_of(db, browser.person) == 1
    old_rows = select(func.count()).where(UserSession.token_hash == token_hash(old))
    assert db.scalar(old_rows) == 0
