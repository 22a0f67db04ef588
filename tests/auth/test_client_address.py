"""Whose address a sign-in attempt counts under (issue 9, fix 2: the limit was bypassed with a
different `X-Forwarded-For` per attempt, because uvicorn believed forwarded headers from
127.0.0.1 by default), and the per-address bucket that stops moving from email to email.
"""

from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.auth.errors import SignInRefused, TooManyAttempts
from pacesetter.auth.signin import Credentials, sign_in
from pacesetter.cli import serve
from pacesetter.settings import Settings
from web.client import PASSWORD, TEST_SETTINGS, app_on, with_password

PROXY = ("127.0.0.1", 40000)  # the connection comes from a proxy on the same host


def _browser(engine: Engine, db: Session, **settings: Any) -> TestClient:
    app = app_on(engine, db, TEST_SETTINGS.model_copy(update=settings))
    return TestClient(app, client=PROXY)


def _guess(browser: TestClient, forwarded_for: str) -> int:
    body = {"email": "rep@example.com", "password": "wrong wrong"}
    headers = {"X-Forwarded-For": forwarded_for}
    return browser.post("/api/v1/session", json=body, headers=headers).status_code


def test_by_default_a_forwarded_address_is_not_believed(engine: Engine, db: Session) -> None:
    with_password(make_person(db, email="rep@example.com"))
    browser = _browser(engine, db)
    statuses = [_guess(browser, f"203.0.113.{n}") for n in range(5)]
    assert statuses == [401, 401, 401, 429, 429]  # one bucket: the proxy's address


def test_behind_a_trusted_proxy_each_client_has_its_own_bucket(engine: Engine, db: Session) -> None:
    with_password(make_person(db, email="rep@example.com"))
    browser = _browser(engine, db, trusted_proxies="127.0.0.1, 10.0.0.0/8")
    assert [_guess(browser, f"203.0.113.{n}") for n in range(5)] == [401] * 5
    # What the client wrote left of the proxies' entries is not believed: 198.51.100.7 is.
    spoofed = [_guess(browser, f"192.0.2.{n}, 198.51.100.7, 10.1.2.3") for n in range(4)]
    assert spoofed == [401, 401, 401, 429]


def test_pacesetter_serve_leaves_forwarded_headers_to_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(serve.uvicorn, "run", lambda *args, **options: seen.update(options))
    serve.serve(host=None, port=None, reload=False)
    assert seen["proxy_headers"] is False


def test_a_misspelt_trusted_proxy_refuses_to_start() -> None:
    with pytest.raises(ValidationError, match="does not appear to be an IPv4 or IPv6"):
        Settings(_env_file=None, trusted_proxies="10.0.0.1, 10.0.0.300")  # type: ignore[call-arg]


def test_one_address_trying_many_emails_is_stopped_too(db: Session) -> None:
    settings = TEST_SETTINGS.model_copy(update={"login_attempts_per_address": 4})
    now = datetime(2026, 3, 10, 9, 0)
    for n in range(4):
        with_password(make_person(db, email=f"p{n}@example.com"))
        with pytest.raises(SignInRefused):
            sign_in(db, Credentials(f"p{n}@example.com", "guess", "10.0.0.1"), now, settings)
    with_password(make_person(db, email="fresh@example.com"))
    later = now + timedelta(seconds=30)
    with pytest.raises(TooManyAttempts) as blocked:
        sign_in(db, Credentials("fresh@example.com", PASSWORD, "10.0.0.1"), later, settings)
    assert blocked.value.retry_after_seconds == 270  # the first failure leaves at now + 300 s
    elsewhere = Credentials("fresh@example.com", PASSWORD, "10.0.0.2")
    assert sign_in(db, elsewhere, later, settings).person.email == "fresh@example.com"
