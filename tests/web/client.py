"""Test clients for the app, each request running on the test's own rolled-back transaction,
and signing people in without paying for a password check each time.

Shared by tests/web, tests/api and tests/auth (their conftests re-export the fixtures).
"""

from collections.abc import Callable, Iterator
from functools import cache

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pacesetter.app import create_app
from pacesetter.auth import passwords
from pacesetter.auth.sessions import SESSION_COOKIE, open_session
from pacesetter.http.deps import request_unit_of_work
from pacesetter.settings import Settings
from pacesetter.store.models import Person, utcnow

PASSWORD = "correct horse battery"
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
TEST_SETTINGS = Settings(
    _env_file=None,  # type: ignore[call-arg]
    environment="development",
    session_hours=12,
    login_attempts=3,
    login_window_seconds=300,
)


class UserClient(TestClient):
    """A browser signed in as `person`, knowing its session's CSRF token."""

    person: Person
    csrf_token: str
    session_token: str


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with the smallest sensible cost: the behaviour is the same, the time is not."""
    monkeypatch.setattr(passwords, "hasher", CHEAP_HASHER)


@cache
def password_hash() -> str:
    return CHEAP_HASHER.hash(PASSWORD)


def with_password(person: Person) -> Person:
    """The person can sign in with `PASSWORD` (the hash is computed once per test run)."""
    person.password_hash = password_hash()
    return person


def _test_unit_of_work(db: Session) -> Callable[[], Iterator[Session]]:
    """Each request in a nested savepoint of the test's transaction: kept when it succeeds,
    rolled back when it fails, like the real unit of work, and the test's setup survives.

    Never `commit()`: with pysqlite, releasing the outermost savepoint commits for real.
    """

    def unit() -> Iterator[Session]:
        with db.begin_nested():
            yield db

    return unit


def app_on(engine: Engine, db: Session, settings: Settings = TEST_SETTINGS) -> FastAPI:
    app = (
        _app_with_test_settings(engine)
        if settings is TEST_SETTINGS
        else create_app(engine, settings)
    )
    app.dependency_overrides[request_unit_of_work] = _test_unit_of_work(db)
    return app


@cache
def _app_with_test_settings(engine: Engine) -> FastAPI:
    """One app per engine for every test that takes the default settings: building the route
    table costs more than most tests (the app keeps no state but its engine and settings, and
    each test points the unit of work at its own transaction)."""
    return create_app(engine, TEST_SETTINGS)


@pytest.fixture
def app(engine: Engine, db: Session) -> FastAPI:
    return app_on(engine, db)


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    """A browser nobody has signed in with."""
    return TestClient(app)


@pytest.fixture
def client_for(app: FastAPI, db: Session) -> Callable[[Person], UserClient]:
    """`client_for(person)`: a browser signed in as `person`."""

    def sign_in(person: Person) -> UserClient:
        if person.password_hash is None:
            with_password(person)
        opened = open_session(db, person, utcnow(), TEST_SETTINGS.session_hours)
        browser = UserClient(app)
        browser.cookies.set(SESSION_COOKIE, opened.token)
        browser.person = person
        browser.csrf_token = opened.record.csrf_token
        browser.session_token = opened.token
        return browser

    return sign_in
