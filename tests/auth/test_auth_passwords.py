"""Password hashing: Argon2id, never the plain text, upgraded when the parameters change."""

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from factories import make_person
from pacesetter.auth import passwords
from pacesetter.auth.passwords import check_password, hash_password, set_password
from pacesetter.domain.errors import Invalid


def test_a_hash_is_argon2id_and_never_the_password() -> None:
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert "correct horse battery" not in stored


def test_the_right_password_checks_and_a_wrong_one_does_not(db) -> None:  # type: ignore[no-untyped-def]
    person = make_person(db)
    set_password(person, "correct horse battery")
    assert check_password(person, "correct horse battery")
    assert not check_password(person, "Correct horse battery")


def test_no_password_and_no_person_never_check(db) -> None:  # type: ignore[no-untyped-def]
    assert not check_password(make_person(db), "anything at all")
    assert not check_password(None, "anything at all")


def test_a_short_password_is_refused() -> None:
    with pytest.raises(Invalid, match="at least 8 characters"):
        hash_password("short")


def test_a_hash_made_with_old_parameters_is_upgraded_at_the_next_check(db) -> None:  # type: ignore[no-untyped-def]
    person = make_person(db)
    old = PasswordHasher.from_parameters(CHEAPEST).hash("correct horse battery")
    person.password_hash = old
    assert check_password(person, "correct horse battery")
    assert person.password_hash != old
    assert not passwords.hasher.check_needs_rehash(person.password_hash)
