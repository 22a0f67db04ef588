"""Password hashing with Argon2id. Only the hash is stored; its parameters travel inside it, so
a stronger default later re-hashes each password at its owner's next sign-in."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from threading import BoundedSemaphore

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete
from sqlalchemy.orm import object_session

from pacesetter.domain.errors import Invalid
from pacesetter.store.models import Person, UserSession

MIN_LENGTH = 8
# argon2-cffi's defaults (RFC 9106, low-memory profile). Module-level so that a test run can swap
# in cheaper parameters instead of spending half a second on every check.
hasher = PasswordHasher()


def hash_password(plain: str) -> str:
    if len(plain) < MIN_LENGTH:
        raise Invalid(f"A password needs at least {MIN_LENGTH} characters.")
    return hasher.hash(plain)


def set_password(person: Person, plain: str) -> None:
    """A new password, which also ends every session the person has: whoever had their old
    password, or a session opened with it, is signed out (OWASP ASVS, session termination)."""
    person.password_hash = hash_password(plain)
    db = object_session(person)
    if db is not None and person.id is not None:
        db.execute(delete(UserSession).where(UserSession.person_id == person.id))


def check_password(person: Person | None, plain: str) -> bool:
    """Whether `plain` is the person's password; upgrades the stored hash when it was made with
    parameters other than today's (the caller's unit of work saves it).

    Unknown people and people without a password cost one full check too, so response times do
    not reveal which emails exist.
    """
    stored = person.password_hash if person is not None else None
    if not _verifies(stored or _decoy_hash(), plain) or person is None or stored is None:
        return False
    if hasher.check_needs_rehash(stored):
        person.password_hash = hasher.hash(plain)
    return True


def _verifies(stored: str, plain: str) -> bool:
    try:
        return hasher.verify(stored, plain)
    except (VerificationError, InvalidHashError):
        return False


@contextmanager
def hashing_slot(concurrency: int) -> Iterator[None]:
    """At most `concurrency` checks at once in this process: each holds 64 MiB while it runs,
    so parallel sign-ins for many emails would otherwise drive memory up by that much each
    (1 GB in the issue 9 probe). The others wait their turn."""
    with _slots(concurrency):
        yield


@cache
def _slots(concurrency: int) -> BoundedSemaphore:
    return BoundedSemaphore(concurrency)


@cache
def _decoy_hash() -> str:
    return hasher.hash("a password nobody has")
