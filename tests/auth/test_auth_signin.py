"""Who may sign in, the one message for every refusal, and the rate limit."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.auth.errors import SignInRefused, TooManyAttempts
from pacesetter.auth.sessions import token_hash
from pacesetter.auth.signin import Credentials, sign_in
from pacesetter.store.models import UserSession
from web.client import PASSWORD, TEST_SETTINGS, with_password

NOW = datetime(2026, 3, 10, 9, 0)
# TEST_SETTINGS: 3 failed attempts per 300 seconds, 12-hour sessions.


def _try(db: Session, email: str, password: str, client: str = "10.0.0.1", at: datetime = NOW):
    return sign_in(db, Credentials(email, password, client), at, TEST_SETTINGS)


def test_signing_in_stores_only_a_hash_of_the_cookie_token(db: Session) -> None:
    person = with_password(make_person(db, email="rep@example.com"))
    opened = _try(db, "REP@example.com ", PASSWORD)  # emails match whatever their case
    stored = db.scalar(select(UserSession).where(UserSession.person_id == person.id))
    assert stored is not None and stored.token_hash == token_hash(opened.token) != opened.token
    assert stored.expires_at == NOW + timedelta(hours=12)


def test_wrong_password_and_unknown_email_get_the_same_answer(db: Session) -> None:
    with_password(make_person(db, email="rep@example.com"))
    with pytest.raises(SignInRefused) as wrong:
        _try(db, "rep@example.com", "not the password")
    with pytest.raises(SignInRefused) as unknown:
        _try(db, "nobody@example.com", PASSWORD)
    assert str(wrong.value) == str(unknown.value) == "Email or password is not correct."


def test_a_person_without_a_password_cannot_sign_in(db: Session) -> None:
    make_person(db, email="rep@example.com")
    with pytest.raises(SignInRefused):
        _try(db, "rep@example.com", PASSWORD)


def test_a_person_whose_employment_ended_cannot_sign_in(db: Session) -> None:
    with_password(make_person(db, email="gone@example.com", end_date=date(2026, 3, 9)))
    with pytest.raises(SignInRefused):
        _try(db, "gone@example.com", PASSWORD)


def test_the_last_day_of_employment_still_allows_signing_in(db: Session) -> None:
    with_password(make_person(db, email="leaving@example.com", end_date=NOW.date()))
    assert _try(db, "leaving@example.com", PASSWORD).person.email == "leaving@example.com"


def test_after_the_allowed_failures_even_the_right_password_waits(db: Session) -> None:
    with_password(make_person(db, email="rep@example.com"))
    for second in range(3):
        with pytest.raises(SignInRefused):
            _try(db, "rep@example.com", "guess", at=NOW + timedelta(seconds=second))
    with pytest.raises(TooManyAttempts) as blocked:
        _try(db, "rep@example.com", PASSWORD, at=NOW + timedelta(seconds=10))
    # The first failure (at NOW) leaves the 300-second window at NOW + 300 s: 290 s from now.
    assert blocked.value.retry_after_seconds == 290
    assert str(blocked.value) == "Too many sign-in attempts. Wait 5 minutes and try again."


def test_the_limit_is_per_email_and_address(db: Session) -> None:
    with_password(make_person(db, email="rep@example.com"))
    for _ in range(3):
        with pytest.raises(SignInRefused):
            _try(db, "rep@example.com", "guess", client="10.0.0.1")
    assert _try(db, "rep@example.com", PASSWORD, client="10.0.0.2").person is not None


def test_failures_older_than_the_window_no_longer_count(db: Session) -> None:
    with_password(make_person(db, email="rep@example.com"))
    for _ in range(3):
        with pytest.raises(SignInRefused):
            _try(db, "rep@example.com", "guess")
    later = NOW + timedelta(seconds=301)
    assert _try(db, "rep@example.com", PASSWORD, at=later).person is not None


def test_successful_sign_ins_do_not_use_up_the_allowance(db: Session) -> None:
    with_password(make_person(db, email="rep@example.com"))
    for second in range(3):  # as many successes as the limit allows failures
        _try(db, "rep@example.com", PASSWORD, at=NOW + timedelta(seconds=second))
    with pytest.raises(SignInRefused):
        _try(db, "rep@example.com", "a typo", at=NOW + timedelta(seconds=10))
