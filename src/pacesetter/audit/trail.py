"""Reading the audit trail (written by `store.audit`): a filtered page, newest first, and the
same filter as CSV rows. Admins only; the routes check."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pacesetter.exports.csv import Cell
from pacesetter.store.models import AuditEntry, Person

CSV_HEADER = (
    "id", "at", "actor_id", "actor", "channel", "table", "key", "action", "field", "old", "new"
)  # fmt: skip
CSV_BATCH = 5_000


def csv_name(day: date) -> str:
    """The export's file name (without .csv): the day it was taken where the organisation is."""
    return f"audit-{day.isoformat()}"


@dataclass(frozen=True)
class AuditFilter:
    """Entries of one table, by one person, between two days (inclusive); None: any."""

    table: str | None = None
    person_id: int | None = None
    since: date | None = None
    until: date | None = None

    def apply(self, query: Select) -> Select:  # type: ignore[type-arg]
        if self.table:
            query = query.where(AuditEntry.table_name == self.table)
        if self.person_id:
            query = query.where(AuditEntry.actor_id == self.person_id)
        if self.since:
            query = query.where(AuditEntry.at >= datetime.combine(self.since, time()))
        if self.until:
            end = datetime.combine(self.until + timedelta(days=1), time())
            query = query.where(AuditEntry.at < end)
        return query


@dataclass(frozen=True)
class EntryRow:
    entry: AuditEntry
    actor_name: str | None


def _entries(chosen: AuditFilter) -> Select:  # type: ignore[type-arg]
    query = select(AuditEntry, Person.name).outerjoin(Person, Person.id == AuditEntry.actor_id)
    return chosen.apply(query).order_by(AuditEntry.id.desc())


def audit_page(
    db: Session, chosen: AuditFilter, limit: int, offset: int
) -> tuple[int, list[EntryRow]]:
    """How many entries match, and `limit` of them from `offset`, newest first."""
    total = db.scalar(chosen.apply(select(func.count()).select_from(AuditEntry))) or 0
    rows = db.execute(_entries(chosen).limit(limit).offset(offset))
    return total, [EntryRow(entry, name) for entry, name in rows]


def table_names(db: Session) -> list[str]:
    """The tables the trail has entries for, for the page's filter."""
    return list(db.scalars(select(AuditEntry.table_name).distinct().order_by("table_name")))


def csv_rows(db: Session, chosen: AuditFilter) -> Iterator[Sequence[Cell]]:
    """Every matching entry as a CSV row, read in batches."""
    for entry, name in db.execute(_entries(chosen).execution_options(yield_per=CSV_BATCH)):
        yield (
            entry.id, entry.at.isoformat(), entry.actor_id, name, entry.channel,
            entry.table_name, entry.row_key, entry.action, entry.field,
            entry.old_value, entry.new_value,
        )  # fmt: skip
