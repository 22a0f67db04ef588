"""Reading coaching records, always through the viewer's scope (`Scope.reads_coaching`)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import NotFound
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import CoachingType
from pacesetter.store.models import CoachingRecord
from pacesetter.store.scope import FeedbackAverage, Scope


@dataclass(frozen=True)
class RecordFilter:
    person_id: int | None = None
    type: str | None = None
    limit: int = 100
    offset: int = 0


def _readable(scope: Scope) -> Select[tuple[CoachingRecord]]:
    return select(CoachingRecord).where(scope.reads_coaching())


def list_records(
    session: Session, scope: Scope, wanted: RecordFilter
) -> tuple[int, list[CoachingRecord]]:
    """(how many, one page of them), newest first: the records the viewer may read."""
    statement = _readable(scope)
    if wanted.person_id is not None:
        statement = statement.where(CoachingRecord.person_id == wanted.person_id)
    if wanted.type is not None:
        statement = statement.where(CoachingRecord.type == wanted.type)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    newest = statement.order_by(CoachingRecord.occurred_at.desc(), CoachingRecord.id.desc())
    return total, list(session.scalars(newest.limit(wanted.limit).offset(wanted.offset)))


def get_record(session: Session, scope: Scope, record_id: int) -> CoachingRecord:
    """The record, if the viewer may read it; `NotFound` otherwise (whether or not it exists)."""
    record = session.scalar(_readable(scope).where(CoachingRecord.id == record_id))
    if record is None:
        raise NotFound(f"No coaching record {record_id}")
    return record


def last_one_on_one(
    session: Session, scope: Scope, person_id: int, on: date
) -> CoachingRecord | None:
    """The latest readable 1:1 about the person dated on or before `on`: its commitments are
    the ones the next 1:1 reviews."""
    statement = (
        _readable(scope)
        .where(
            CoachingRecord.person_id == person_id,
            CoachingRecord.type == CoachingType.ONE_ON_ONE,
            CoachingRecord.occurred_on <= on,
        )
        .order_by(CoachingRecord.occurred_on.desc(), CoachingRecord.id.desc())
        .limit(1)
    )
    return session.scalar(statement)


def upward_feedback(
    session: Session, scope: Scope, manager_id: int, period: Period
) -> FeedbackAverage:
    """Upward feedback about the manager dated in the period, as an average only."""
    within = CoachingRecord.occurred_on.between(period.start, period.end)
    return scope.feedback_average(session, manager_id, within)
