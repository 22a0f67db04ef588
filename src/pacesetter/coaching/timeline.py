"""A person's coaching timeline as one screen: the page (/coaching/people/{id}) and its JSON
twin (GET /api/v1/coaching/people/{id}) both render `build_timeline`, so they list the same
records, as this viewer may read them, with the same names."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.coaching import queries
from pacesetter.store.models import CoachingRecord, Person
from pacesetter.store.scope import Scope

PAGE_SIZE = 50


@dataclass(frozen=True)
class CoachingTimeline:
    """The person, the latest `PAGE_SIZE` records about them the viewer may read (newest
    first) out of `total`, the names of their authors and subjects, whether the viewer writes
    records about the person (their manager) and the manager the viewer may rate (on their
    own timeline)."""

    person: Person
    records: list[CoachingRecord]
    total: int
    names: dict[int, str]
    writes: bool
    rates_manager: int | None


def build_timeline(session: Session, viewer: Person, person_id: int) -> CoachingTimeline:
    scope = Scope.of(viewer)
    person = scope.person(session, person_id)
    wanted = queries.RecordFilter(person_id=person.id, limit=PAGE_SIZE)
    total, records = queries.list_records(session, scope, wanted)
    rates = person.manager_id if person.id == viewer.id else None
    writes = person.manager_id == viewer.id
    return CoachingTimeline(person, records, total, names_of(session, records), writes, rates)


def names_of(session: Session, records: list[CoachingRecord]) -> dict[int, str]:
    """The names of the records' authors and subjects, by id (one query)."""
    ids = {i for record in records for i in (record.author_id, record.person_id) if i is not None}
    rows = session.execute(select(Person.id, Person.name).where(Person.id.in_(ids)))
    return {person_id: name for person_id, name in rows}
