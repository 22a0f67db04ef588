"""Server-side sign-in sessions.

The browser holds a random 32-byte token in an HttpOnly cookie; the database holds only its
HMAC-SHA-256 keyed with `PACESETTER_SECRET_KEY`, so a copy of the table can neither be replayed
as cookies nor matched against guessed tokens without the key. Signing out deletes the row, which
invalidates the cookie everywhere at once.

A session ends `session_hours` after sign-in whatever happens (the absolute timeout), or when it
has not been used for `session_idle_minutes` (the idle timeout). Its last use is written at most
once a minute (`SEEN_EVERY`), so reading pages does not turn every request into a write.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from pacesetter.settings import get_settings
from pacesetter.store.models import Person, UserSession

SESSION_COOKIE = "pacesetter_session"
SEEN_EVERY = timedelta(minutes=1)


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
        last_seen_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    db.add(record)
    db.flush()
    return OpenedSession(token, record, person)


def find_session(
    db: Session, token: str | None, now: datetime, idle: timedelta
) -> UserSession | None:
    """The live session the cookie token stands for, if any: neither expired nor idle for
    `idle`; its last use is brought up to `now` when it is more than `SEEN_EVERY` old."""
    if not token:
        return None
    statement = select(UserSession).where(
        UserSession.token_hash == token_hash(token), UserSession.expires_at > now
    )
    record = db.scalar(statement)
    if record is None or _last_use(record) <= now - idle:
        return None
    if _last_use(record) <= now - SEEN_EVERY:
        _touch(db, record, now)
    return record


def _touch(db: Session, record: UserSession, now: datetime) -> None:
    """Record the use now, in a savepoint: on SQLite a request that has read cannot always turn
    into a writer while another request writes ("database is locked" at once, not after the
    busy timeout). The request then goes on; a later one records the use (bench/load.py found
    10% of requests failing at commit once sessions were a minute old)."""
    try:
        with db.begin_nested():
            record.last_seen_at = now
    except OperationalError:
        pass


def _last_use(record: UserSession) -> datetime:
    return record.last_seen_at or record.created_at  # sessions opened before it was recorded


def close_token(db: Session, token: str | None) -> None:
    """End the session `token` stands for, if any (a sign-in rotates the browser's token:
    the one it came with is dead afterwards)."""
    if token:
        db.execute(delete(UserSession).where(UserSession.token_hash == token_hash(token)))


def close_session(db: Session, record: UserSession) -> None:
    db.delete(record)
    db.flush()
