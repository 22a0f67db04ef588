"""Sign-in rate limiting per (email, client address), kept in the database so that every worker
process and every restart sees the same count.

Only failed attempts count: a person who signs in and out all day is never slowed down, while
guessing a password stops after `login_attempts` failures within `login_window_seconds`.
"""

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pacesetter.store.models import LoginAttempt

_KEY_LENGTH = 400  # the column's width


def attempt_key(email: str, client: str) -> str:
    return f"{email}|{client}"[:_KEY_LENGTH]


def seconds_until_allowed(
    db: Session, key: str, now: datetime, limit: int, window_seconds: int
) -> int:
    """0 when another attempt is allowed; otherwise how long until the oldest counted failure
    leaves the window."""
    window = timedelta(seconds=window_seconds)
    recent = select(LoginAttempt.attempted_at).where(
        LoginAttempt.key == key,
        LoginAttempt.attempted_at > now - window,
        LoginAttempt.succeeded.is_(False),
    )
    failures = db.scalars(recent.order_by(LoginAttempt.attempted_at.desc()).limit(limit)).all()
    if len(failures) < limit:
        return 0
    return max(1, math.ceil((failures[-1] + window - now).total_seconds()))


def record_attempt(db: Session, key: str, now: datetime, *, succeeded: bool) -> None:
    db.add(LoginAttempt(key=key, attempted_at=now, succeeded=succeeded))
    db.flush()


def forget_attempts_before(db: Session, cutoff: datetime) -> None:
    """Attempts older than the window can no longer count: keep the table small."""
    db.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at <= cutoff))
