"""Each person's choice of mail: the weekly digest, event mail, both or neither. Only the
person themselves may change it (a manager cannot sign a rep up for mail they stopped)."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from pacesetter.domain.errors import NotFound
from pacesetter.store.models import MailPreference, Person
from pacesetter.store.scope import Scope


@dataclass(frozen=True)
class Choice:
    digest: bool
    events: bool


def own_person(session: Session, viewer: Person, person_id: int) -> Person:
    """The viewer, if `person_id` is them; anyone else's choices are not found."""
    person = Scope.of(viewer).person(session, person_id)
    if person.id != viewer.id:
        raise NotFound(f"No mail settings for person {person_id}")
    return person


def choice_of(session: Session, person_id: int) -> Choice:
    saved = session.get(MailPreference, person_id)
    return Choice(True, True) if saved is None else Choice(saved.digest, saved.events)


def choose(session: Session, person_id: int, choice: Choice) -> None:
    saved = session.get(MailPreference, person_id)
    if saved is None:
        saved = MailPreference(person_id=person_id)
        session.add(saved)
    saved.digest, saved.events = choice.digest, choice.events
    session.flush()
