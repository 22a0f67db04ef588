"""A write without a live session is refused before its body is read, and every body is
capped (issue 9, fix 1: unauthenticated multipart bodies used to be parsed, and spooled to
disk, on every POST route before the session was checked).

The app is called at the ASGI level with a `receive` that notes whether it was asked for the
body: the test client would read the whole body before the app sees the request.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import anyio
import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.auth.sessions import SESSION_COOKIE
from pacesetter.store.models import Person
from web.client import TEST_SETTINGS, UserClient, app_on

SignIn = Callable[[Person], UserClient]
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
SIGN_IN = {("POST", "/login"), ("POST", "/api/v1/session")}
BOUNDARY = "guard"
MULTIPART = (
    f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n'
    f"{'x' * 5000}\r\n--{BOUNDARY}--\r\n"
).encode()


@dataclass
class Answer:
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body_read: bool = False


def call(app: FastAPI, method: str, path: str, body: bytes, **headers: str) -> Answer:
    """One request straight into the app; the body comes in 1 KB chunks, the last with no
    `Content-Length` unless `headers` give one."""
    answer = Answer()
    chunks = [body[i : i + 1024] for i in range(0, len(body), 1024)] or [b""]

    async def receive() -> dict[str, object]:
        answer.body_read = True
        chunk = chunks.pop(0) if chunks else b""
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def send(message: dict[str, object]) -> None:
        if message["type"] == "http.response.start":
            answer.status = int(message["status"])  # type: ignore[call-overload]
            raw = message.get("headers", [])
            answer.headers = {k.decode(): v.decode() for k, v in raw}  # type: ignore[union-attr]

    pairs = [(k.replace("_", "-").lower().encode(), v.encode()) for k, v in headers.items()]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *pairs],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    anyio.run(app, scope, receive, send)
    return answer


def unsafe_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every state-changing route but signing in, from the app's own table, ids filled in."""
    return sorted(
        (method, re.sub(r"\{[^}]+\}", "1", str(route.path)))
        for route in iter_route_contexts(app.routes)
        for method in (getattr(route, "methods", None) or set()) & UNSAFE
        if (method, route.path) not in SIGN_IN
    )


def _multipart(app: FastAPI, method: str, path: str, **headers: str) -> Answer:
    kind = f"multipart/form-data; boundary={BOUNDARY}"
    return call(app, method, path, MULTIPART, content_type=kind, **headers)


@pytest.mark.parametrize("cookie", [None, "not-a-session"], ids=["no cookie", "forged cookie"])
def test_a_write_without_a_session_is_refused_before_its_body_is_read(
    app: FastAPI, cookie: str | None
) -> None:
    headers = {"cookie": f"{SESSION_COOKIE}={cookie}"} if cookie else {}
    routes = unsafe_routes(app)
    assert len(routes) >= 10  # pages and API alike
    for method, path in routes:
        answer = _multipart(app, method, path, **headers)
        expected = 401 if path.startswith("/api/") else 303
        assert (answer.status, answer.body_read) == (expected, False), (method, path)


def test_a_page_write_without_a_session_goes_to_the_sign_in_form(app: FastAPI) -> None:
    answer = _multipart(app, "POST", "/goals/7/approve")
    assert answer.headers["location"] == "/login?next=/goals/7/approve"
    htmx = _multipart(app, "POST", "/goals/7/approve", hx_request="true")
    assert (htmx.status, htmx.headers["hx-redirect"]) == (401, "/login?next=/goals/7/approve")


def test_a_signed_in_write_still_reaches_its_route(
    app: FastAPI, db: Session, client_for: SignIn
) -> None:
    browser = client_for(make_person(db))
    cookie = f"{SESSION_COOKIE}={browser.session_token}"
    answer = _multipart(app, "POST", "/logout", cookie=cookie)  # no CSRF token: refused by it
    assert (answer.status, answer.body_read) == (403, True)


def _small_cap_app(engine: Engine, db: Session) -> FastAPI:
    return app_on(engine, db, TEST_SETTINGS.model_copy(update={"max_body_bytes": 2000}))


def test_a_body_declared_over_the_cap_is_refused_unread(
    engine,
    db: Session,
    client_for: SignIn,  # type: ignore[no-untyped-def]
) -> None:
    app = _small_cap_app(engine, db)
    browser = client_for(make_person(db))
    cookie = f"{SESSION_COOKIE}={browser.session_token}"
    declared = str(len(MULTIPART))
    page = _multipart(app, "POST", "/logout", cookie=cookie, content_length=declared)
    api = _multipart(app, "DELETE", "/api/v1/session", cookie=cookie, content_length=declared)
    sign_in = _multipart(app, "POST", "/login", content_length=declared)
    assert [(a.status, a.body_read) for a in (page, api, sign_in)] == [(413, False)] * 3


def test_a_body_streamed_past_the_cap_stops_there(engine: Engine, db: Session) -> None:
    app = _small_cap_app(engine, db)
    answer = call(
        app, "POST", "/api/v1/session", b"{" + b" " * 5000, content_type="application/json"
    )
    assert answer.status == 413


def test_the_cap_answers_with_what_is_allowed(engine: Engine, db: Session) -> None:
    answer = TestClient(_small_cap_app(engine, db)).post("/api/v1/session", content=b"x" * 3000)
    assert answer.status_code == 413
    assert answer.json() == {
        "detail": "The request body is larger than 2,000 bytes, the most allowed."
    }
