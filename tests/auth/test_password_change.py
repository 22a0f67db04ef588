"""A new password signs the person out everywhere (OWASP ASVS: sessions end when the
password changes); other people's sessions, and the automatic re-hash at sign-in, are not
affected."""

from collections.abc import Callable

from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.auth.passwords import set_password
from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]


def test_setting_a_password_ends_the_person_s_sessions(db: Session, client_for: SignIn) -> None:
    person, other = make_person(db), make_person(db)
    laptop, phone, colleague = client_for(person), client_for(person), client_for(other)
    assert laptop.get("/api/v1/me").status_code == 200
    set_password(person, "a brand new password")
    db.flush()
    statuses = [browser.get("/api/v1/me").status_code for browser in (laptop, phone, colleague)]
    assert statuses == [401, 401, 200]


def test_a_person_not_yet_saved_can_be_given_a_password() -> None:
    person = Person(name="New Person", email="new@example.com")
    set_password(person, "a first password")
    assert person.password_hash is not None
