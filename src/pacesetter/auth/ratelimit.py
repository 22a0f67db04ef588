"""Sign-in rate limiting, kept in the database so that every worker process and every restart
sees the same count.

Two buckets count failed attempts within `login_window_seconds`: one per (email, client
address), allowed `login_attempts` failures, so a guesser is stopped on one account without
locking its owner out from elsewhere; and one per client address, allowed
`login_attempts_per_address`, so the same guesser cannot move from email to email.

Counting and recording are one atomic step per client address: `serialise` holds a lock until
the transaction ends (an advisory lock on PostgreSQL; on SQLite the first write of the
transaction takes the database's write lock), so parallel attempts are counted one after the
other and each sees the failures recorded before it.
"""

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pacesetter.settings import Settings
from pacesetter.store.models import LoginAttempt

_KEY_LENGTH = 400  # the column's width


@dataclass(frozen=True)
class AttemptKeys:
    """The buckets an attempt counts in; an address has no `|`, so the two never meet."""

    pair: str
    address: str

    @classmethod
    def of(cls, email: str, client: str) -> "AttemptKeys":
        return cls(f"{email}|{client}"[:_KEY_LENGTH], client[:_KEY_LENGTH])


def serialise(db: Session, keys: AttemptKeys, now: datetime, window_seconds: int) -> None:
    """Hold this address's attempts until the transaction ends, and drop expired ones."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(select(func.pg_advisory_xact_lock(_lock_id(keys.address))))
    # On SQLite this write comes first on purpose: it takes the write lock before counting.
    cutoff = now - timedelta(seconds=window_seconds)
    db.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at <= cutoff))


def _lock_id(key: str) -> int:
    """A stable signed 64-bit number for the key (PostgreSQL's advisory lock space)."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)


def seconds_until_allowed(db: Session, keys: AttemptKeys, now: datetime, settings: Settings) -> int:
    """0 when another attempt is allowed; otherwise how long until the bucket that is full
    allows one again."""
    window = settings.login_window_seconds
    return max(
        _wait(db, keys.pair, now, settings.login_attempts, window),
        _wait(db, keys.address, now, settings.login_attempts_per_address, window),
    )


def _wait(db: Session, key: str, now: datetime, limit: int, window_seconds: int) -> int:
    """How long until the oldest counted failure of a full bucket leaves the window."""
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


def record_attempt(db: Session, keys: AttemptKeys, now: datetime, *, succeeded: bool) -> None:
    """A failure counts in both buckets; a success is kept for the record only."""
    db.add(LoginAttempt(key=keys.pair, attempted_at=now, succeeded=succeeded))
    if not succeeded:
        db.add(LoginAttempt(key=keys.address, attempted_at=now, succeeded=False))
    db.flush()
