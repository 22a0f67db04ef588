"""Signing in and out through the API, as a script would."""

from sqlalchemy.orm import Session

from factories import make_person
from web.client import PASSWORD, TEST_SETTINGS, TestClient, with_password


def _sign_in(client: TestClient, email: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/session", json={"email": email, "password": password})


def test_signing_in_returns_the_person_and_a_token_for_writes(
    db: Session, client: TestClient
) -> None:
    with_password(make_person(db, "Rae Rep", email="rae@example.com"))
    answer = _sign_in(client, "rae@example.com", PASSWORD)
    body = answer.json()
    assert answer.status_code == 200 and body["person"]["name"] == "Rae Rep"
    assert "HttpOnly" in answer.headers["set-cookie"]
    assert client.get("/api/v1/me").json()["csrf_token"] == body["csrf_token"]
    signed_out = client.delete("/api/v1/session", headers={"X-CSRF-Token": body["csrf_token"]})
    assert signed_out.status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_a_refused_sign_in_is_401_with_the_generic_message(db: Session, client: TestClient) -> None:
    with_password(make_person(db, email="rae@example.com"))
    answer = _sign_in(client, "rae@example.com", "wrong wrong")
    assert (answer.status_code, answer.json()) == (
        401,
        {"detail": "Email or password is not correct."},
    )
    assert "set-cookie" not in answer.headers


def test_too_many_attempts_is_429_with_retry_after(db: Session, client: TestClient) -> None:
    with_password(make_person(db, email="rae@example.com"))
    for _ in range(TEST_SETTINGS.login_attempts):
        assert _sign_in(client, "rae@example.com", "wrong wrong").status_code == 401
    blocked = _sign_in(client, "rae@example.com", PASSWORD)
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["retry-after"]) <= TEST_SETTINGS.login_window_seconds
    assert blocked.json()["detail"].startswith("Too many sign-in attempts.")
