"""The sign-in rate limit under parallel attempts, on committed data and real transactions
(issue 9, fix 2: on PostgreSQL 30 parallel wrong passwords had 17 evaluated, not 5, because
each request counted the failures before any of the others had recorded theirs).
"""

import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from factories import make_person
from pacesetter.app import create_app
from pacesetter.auth import passwords
from pacesetter.auth.csrf import LOGIN_CSRF_COOKIE
from pacesetter.store.db import make_engine, unit_of_work
from web.client import PASSWORD, TEST_SETTINGS, with_password

PARALLEL = 30


class SlowHasher(PasswordHasher):
    """A check that takes a while, as argon2 does in production, counting how many run at
    once: the window in which parallel attempts used to slip past the count."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.running = 0
        self.most = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(0.05)
            return super().verify(hash, password)
        finally:
            with self._lock:
                self.running -= 1


@pytest.fixture
def committed(new_database_url: str) -> Iterator[Engine]:
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as db:
        with_password(make_person(db, email="rep@example.com"))
        for n in range(PARALLEL):
            with_password(make_person(db, email=f"p{n}@example.com"))
    yield engine
    engine.dispose()


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> SlowHasher:
    hasher = SlowHasher()
    monkeypatch.setattr(passwords, "hasher", hasher)
    return hasher


def _attempts(engine: Engine, emails: list[str], password: str) -> Counter[int]:
    client = TestClient(create_app(engine, TEST_SETTINGS))

    def attempt(email: str) -> int:
        body = {"email": email, "password": password}
        return client.post("/api/v1/session", json=body).status_code

    with ThreadPoolExecutor(PARALLEL) as pool:
        return Counter(pool.map(attempt, emails))


def test_parallel_wrong_passwords_evaluate_no_more_than_the_limit(
    committed: Engine, slow: SlowHasher
) -> None:
    statuses = _attempts(committed, ["rep@example.com"] * PARALLEL, "wrong wrong")
    assert statuses == {401: TEST_SETTINGS.login_attempts, 429: PARALLEL - 3}


def test_parallel_sign_ins_hash_at_most_the_allowed_number_at_once(
    committed: Engine, slow: SlowHasher
) -> None:
    emails = [f"p{n}@example.com" for n in range(PARALLEL)]
    statuses = _attempts(committed, emails, PASSWORD)
    assert statuses == {200: PARALLEL}
    assert slow.most <= TEST_SETTINGS.password_hashing_concurrency


def test_parallel_sign_ins_through_the_form_evaluate_no_more_than_the_limit(
    committed: Engine, slow: SlowHasher
) -> None:
    client = TestClient(create_app(committed, TEST_SETTINGS))
    token = "form-token"
    client.cookies.set(LOGIN_CSRF_COOKIE, token, path="/login")

    def attempt(_: int) -> int:
        form = {"email": "rep@example.com", "password": "wrong", "csrf_token": token}
        return client.post("/login", data=form).status_code

    with ThreadPoolExecutor(PARALLEL) as pool:
        statuses = Counter(pool.map(attempt, range(PARALLEL)))
    assert statuses == {401: TEST_SETTINGS.login_attempts, 429: PARALLEL - 3}
