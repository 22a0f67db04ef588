"""Server-side sign-in sessions.

The browser holds a random 32-byte token in an HttpOnly cookie; the database holds only its
HMAC-SHA-256 keyed with `PACESETTER_SECRET_KEY`, so a copy of the table can neither be replayed
as cookies nor matched against guessed tokens without the key. Signing out deletes the row, which
invalidates the cookie everywhere at once.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pacesetter.settings import get_settings
from pacesetter.store.models import Person, UserSession

SESSION_COOKIE = "pacesetter_session"


@dataclass(frozen=True)
class OpenedSession:
    token: str  # goes into the cookie, and nowhere else
    record: UserSession
    person: Person


def token_hash(token: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()


def open_session(db: Session, person: Person, now: datetime, hours: int) -> OpenedSession:
    """A new session for `person`, expiring `hours` from `now`; also drops their expired ones."""
    db.execute(
        delete(UserSession).where(UserSession.person_id == person.id, UserSession.expires_at <= now)
    )
    token = secrets.token_urlsafe(32)
    record = UserSession(
        token_hash=token_hash(token),
        person_id=person.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    db.add(record)
    db.flush()
    return OpenedSession(token, record, person)


def find_session(db: Session, token: str | None, now: datetime) -> UserSession | None:
    """The live session the cookie token stands for, if any."""
    if not token:
        return None
    statement = select(UserSession).where(
        UserSession.token_hash == token_hash(token), UserSession.expires_at > now
    )
    return db.scalar(statement)


def close_session(db: Session, record: UserSession) -> None:
    db.delete(record)
    db.flush()
