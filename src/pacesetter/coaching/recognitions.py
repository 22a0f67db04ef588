"""The team's recent recognitions, for its home page: who was recognised, the award, the reason.

A recognition is praise meant to be seen (domain.md: "shown on the team's home page"), so it is
the one coaching record read beyond the usual scope: everyone sees the recognitions of their
team, a rep included, where the team is the viewer's own manager, the people who share that
manager, and everyone the viewer's scope holds. Only the award, the person, the day and the
reason are shown; private notes never are, and the record itself opens only to those whose
scope reads it (`Scope.reads_coaching`).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from pacesetter.domain.vocab import CoachingType
from pacesetter.store.models import CoachingRecord, Person
from pacesetter.store.scope import Scope
from pacesetter.store.screen_cache import cached_screen

RECENT = timedelta(days=60)
SHOWN = 5


@dataclass(frozen=True)
class Recognition:
    record_id: int
    person_id: int
    name: str
    award: str | None
    reason: str | None
    on: date
    href: str | None  # the record, for a viewer who may open it


@cached_screen("recognitions")
def team_recognitions(session: Session, viewer: Person, today: date) -> list[Recognition]:
    """The team's latest recognitions of the last 60 days, newest first (one statement)."""
    scope = Scope.of(viewer)
    readable = or_(scope.covers(CoachingRecord.person_id), CoachingRecord.author_id == viewer.id)
    statement = (
        select(CoachingRecord, Person.name, readable.label("readable"))
        .join(Person, Person.id == CoachingRecord.person_id)
        .where(CoachingRecord.type == CoachingType.RECOGNITION, _in_team(viewer, scope))
        .where(CoachingRecord.occurred_on.between(today - RECENT, today))
        .order_by(CoachingRecord.occurred_on.desc(), CoachingRecord.id.desc())
        .limit(SHOWN)
    )
    return [
        Recognition(
            record_id=record.id,
            person_id=record.person_id,
            name=name,
            award=record.award,
            reason=record.notes,
            on=record.occurred_on,
            href=f"/coaching/{record.id}" if may_open else None,
        )
        for record, name, may_open in session.execute(statement)
    ]


def _in_team(viewer: Person, scope: Scope) -> ColumnElement[bool]:
    subject = CoachingRecord.person_id
    if viewer.manager_id is None:
        return scope.covers(subject)
    peers = select(Person.id).where(Person.manager_id == viewer.manager_id)
    return or_(scope.covers(subject), subject == viewer.manager_id, subject.in_(peers))
