"""Who may write a coaching record about whom.

A manager (or director) writes records about their own direct reports, and team meetings and
interviews, which have no subject. A rep writes upward feedback about their own manager, and a
customer's rating of themselves (the account's owner enters the survey) or a manager about a
report. Anyone else is refused; a subject the author cannot see is not found, as everywhere.
"""

from sqlalchemy.orm import Session

from pacesetter.domain.errors import Forbidden, NotFound
from pacesetter.domain.vocab import COACHING_WITHOUT_SUBJECT, CoachingType, Role
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope

LEADERS = frozenset({Role.MANAGER.value, Role.DIRECTOR.value})


def checked_subject(
    session: Session, author: Person, kind: CoachingType, person_id: int | None
) -> Person | None:
    """The record's subject, once the author may write this kind of record about them."""
    if kind in COACHING_WITHOUT_SUBJECT:
        if author.role not in LEADERS:
            raise Forbidden(f"Only a manager records a {kind.replace('_', ' ')}.")
        return None
    subject = _findable(session, author, kind, person_id)
    if not _may_write(author, kind, subject):
        raise Forbidden(_refusal(kind))
    return subject


def _findable(
    session: Session, author: Person, kind: CoachingType, person_id: int | None
) -> Person:
    """The subject if the author may know of them: in their scope, or their own manager for
    upward feedback (whom a rep's scope does not hold)."""
    subject = session.get(Person, person_id) if person_id is not None else None
    upward = kind is CoachingType.UPWARD_FEEDBACK and person_id == author.manager_id
    if subject is None or not (Scope.of(author).sees(session, subject.id) or upward):
        raise NotFound(f"No person {person_id}")
    return subject


def _may_write(author: Person, kind: CoachingType, subject: Person) -> bool:
    if kind is CoachingType.UPWARD_FEEDBACK:
        return author.manager_id == subject.id
    if kind is CoachingType.CUSTOMER_EXPERIENCE and subject.id == author.id:
        return True
    return subject.manager_id == author.id


def _refusal(kind: CoachingType) -> str:
    if kind is CoachingType.UPWARD_FEEDBACK:
        return "Upward feedback is about your own manager."
    return "Coaching records are written by a person's own manager."
