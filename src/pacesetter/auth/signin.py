"""Signing in: who may, and what it costs to guess."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.auth.errors import SignInRefused, TooManyAttempts
from pacesetter.auth.passwords import check_password, hashing_slot
from pacesetter.auth.ratelimit import (
    AttemptKeys,
    record_attempt,
    seconds_until_allowed,
    serialise,
)
from pacesetter.auth.sessions import OpenedSession, close_token, open_session
from pacesetter.settings import Settings
from pacesetter.store.models import Person


@dataclass(frozen=True)
class Credentials:
    email: str
    password: str
    client: str  # the caller's network address, half of the rate-limit key
    previous: str | None = None  # the session token the browser came with, if any


def may_sign_in(person: Person, today: date) -> bool:
    """A password is set and employment has not ended (the end date is the last day employed)."""
    has_left = person.end_date is not None and person.end_date < today
    return person.password_hash is not None and not has_left


def find_by_email(db: Session, email: str) -> Person | None:
    return db.scalar(select(Person).where(Person.email == email.strip().lower()))


def sign_in(
    db: Session, credentials: Credentials, now: datetime, settings: Settings
) -> OpenedSession:
    """A new session, or `SignInRefused` / `TooManyAttempts`.

    The attempt is flushed before either error is raised: callers that want it to count must
    commit even when sign-in fails.
    """
    email = credentials.email.strip().lower()
    keys = AttemptKeys.of(email, credentials.client)
    serialise(db, keys, now, settings.login_window_seconds)
    wait = seconds_until_allowed(db, keys, now, settings)
    if wait:
        raise TooManyAttempts(wait)
    person = find_by_email(db, email)
    with hashing_slot(settings.password_hashing_concurrency):
        accepted = check_password(person, credentials.password)
    if person is None or not accepted or not may_sign_in(person, now.date()):
        record_attempt(db, keys, now, succeeded=False)
        raise SignInRefused()
    record_attempt(db, keys, now, succeeded=True)
    close_token(db, credentials.previous)  # rotation: a new token, and the old one is dead
    return open_session(db, person, now, settings.session_hours)
