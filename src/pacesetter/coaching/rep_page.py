"""The coaching half of a rep's page (issue 11, item 6): their coaching timeline, the open
commitments of their last 1:1 and their recognitions, as the viewer may read them.

Everything is read through the viewer's scope (`Scope.reads_coaching`), so private notes are
never part of it and a record the viewer may not read is simply absent.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.coaching.queries import RecordFilter, last_one_on_one, list_records
from pacesetter.domain.vocab import CoachingType
from pacesetter.store.models import CoachingRecord, Person
from pacesetter.store.scope import Scope

TIMELINE = 10
RECOGNITIONS = 5


@dataclass(frozen=True)
class Entry:
    """One record of the timeline, without its private notes."""

    id: int
    type: str
    occurred_on: date
    author: str
    rating: int | None
    notes: str | None
    award: str | None


@dataclass(frozen=True)
class RepCoaching:
    total: int
    timeline: list[Entry] = field(default_factory=list)
    commitments: dict[str, float] = field(default_factory=dict)
    commitments_month: str | None = None
    commitments_from: Entry | None = None  # the 1:1 they were made in
    recognitions: list[Entry] = field(default_factory=list)


def rep_coaching(session: Session, scope: Scope, person: Person, today: date) -> RepCoaching:
    """The rep's latest records, their last 1:1's commitments and their recognitions."""
    total, records = list_records(session, scope, RecordFilter(person.id, limit=TIMELINE))
    wanted = RecordFilter(person.id, CoachingType.RECOGNITION, limit=RECOGNITIONS)
    recognitions = list_records(session, scope, wanted)[1]
    last = last_one_on_one(session, scope, person.id, today)
    names = _authors(session, [*records, *recognitions, *([last] if last else [])])
    details = (last.details or {}) if last else {}
    return RepCoaching(
        total=total,
        timeline=[_entry(record, names) for record in records],
        commitments=details.get("commitments") or {},
        commitments_month=details.get("plan_month"),
        commitments_from=_entry(last, names) if last else None,
        recognitions=[_entry(record, names) for record in recognitions],
    )


def _entry(record: CoachingRecord, names: dict[int, str]) -> Entry:
    award = (record.details or {}).get("award") if record.type == CoachingType.RECOGNITION else None
    return Entry(
        id=record.id,
        type=record.type,
        occurred_on=record.occurred_on,
        author=names.get(record.author_id, ""),
        rating=record.rating,
        notes=record.notes,
        award=award,
    )


def _authors(session: Session, records: list[CoachingRecord]) -> dict[int, str]:
    """The authors' names (a record's readers may read who wrote it)."""
    ids = {record.author_id for record in records}
    rows = session.execute(select(Person.id, Person.name).where(Person.id.in_(ids)))
    return {person_id: name for person_id, name in rows}
