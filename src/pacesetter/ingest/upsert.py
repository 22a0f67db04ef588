"""Writing checked records: insert the new, update the changed, count the unchanged.

Existing rows are found by natural key with one `WHERE key IN (...)` per few thousand records
(no lookup at all when the table was empty: keys are unique within a file). New rows go through
the database's bulk path (`bulk.py`) in their stored form; changed rows are updated with one
Core `executemany`; no ORM object is made per row. In a dry run the same comparisons are made
and counted, and nothing is executed.
"""

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, tuple_, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from pacesetter.ingest.bulk import bulk_insert
from pacesetter.ingest.changes import ChangeLog, ChangeRecorder
from pacesetter.ingest.spill import Record, Spill, Stored

# Bound parameters per lookup stay far below SQLite's and PostgreSQL's limits.
LOOKUP_KEYS = 5_000


@dataclass(frozen=True)
class Change:
    """An existing row about to be updated: its id, its stored values, the new record."""

    row_id: int
    old: Mapping[str, Any]
    new: Record


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


class Upserter:
    def __init__(
        self,
        session: Session,
        table: Table,
        key: Sequence[str],
        *,
        dry_run: bool,
        on_update: Callable[[list[Change]], None] | None = None,
        kind: str = "",
    ) -> None:
        self.session, self.table, self.dry_run, self.on_update = session, table, dry_run, on_update
        self.key_of: Callable[[Any], Hashable] = itemgetter(*key)
        self._key_columns = [table.c[name] for name in key]
        self.counts = Counts()
        self.changes = ChangeLog(kind or table.name)
        self._recorder = ChangeRecorder(session, table, self.changes)
        # Keys are unique within a file, so a table empty at the start needs no lookups at all.
        self._was_empty = session.execute(select(table.c.id).limit(1)).first() is None

    def write_spill(self, spill: Spill) -> None:
        """Write every spilled record: new rows through the bulk path, changed rows updated."""
        for batch in spill.batches():
            if self._was_empty:
                self._load(spill, batch)
            else:
                self._write_batch(spill, batch)

    def _write_batch(self, spill: Spill, batch: list[Stored]) -> None:
        records = [spill.record(stored) for stored in batch]
        fresh, changes = self._classify(records)
        self._load(spill, [batch[position] for position in fresh])
        self.update(changes)

    def _classify(self, records: list[Record]) -> tuple[list[int], list[Change]]:
        """(positions of the new records, changes to existing rows); counts the unchanged."""
        existing = self.existing([self.key_of(record) for record in records])
        fresh: list[int] = []
        changes: list[Change] = []
        for position, record in enumerate(records):
            old = existing.get(self.key_of(record))
            if old is None:
                fresh.append(position)
            elif differs(old, record):
                changes.append(Change(old["id"], old, record))
        self.counts.unchanged += len(records) - len(fresh) - len(changes)
        return fresh, changes

    def _load(self, spill: Spill, rows: list[Stored]) -> None:
        """Insert new rows in bulk; a table whose defaults are computed in Python (a creation
        time...) that the records leave out goes through Core instead, which computes them."""
        if any(
            column.default is not None and column.name not in spill.columns
            for column in self.table.c
        ):
            self.insert([spill.record(stored) for stored in rows])
            return
        self.counts.added += len(rows)
        if rows and not self.dry_run:
            bulk_insert(self.session.connection(), self.table, spill.columns, rows)

    def existing(self, keys: list[Hashable]) -> dict[Hashable, RowMapping]:
        """The stored rows with these natural keys, by key."""
        if self._was_empty:
            return {}
        found: dict[Hashable, RowMapping] = {}
        for start in range(0, len(keys), LOOKUP_KEYS):
            chosen = select(self.table).where(self._key_in(keys[start : start + LOOKUP_KEYS]))
            for row in self.session.execute(chosen).mappings():
                found[self.key_of(row)] = row
        return found

    def ids(self, keys: list[Hashable]) -> dict[Hashable, int]:
        """Ids by natural key, rows written by this import included."""
        found: dict[Hashable, int] = {}
        for start in range(0, len(keys), LOOKUP_KEYS):
            chosen = select(self.table.c.id, *self._key_columns)
            chosen = chosen.where(self._key_in(keys[start : start + LOOKUP_KEYS]))
            for row in self.session.execute(chosen).mappings():
                found[self.key_of(row)] = row["id"]
        return found

    def _key_in(self, keys: list[Hashable]) -> Any:
        if len(self._key_columns) == 1:
            return self._key_columns[0].in_(keys)
        return tuple_(*self._key_columns).in_(keys)

    def insert(self, records: list[Record]) -> None:
        self.counts.added += len(records)
        if records and not self.dry_run:
            self.session.execute(insert(self.table), records)

    def update(self, changes: list[Change], *, counted: bool = True) -> None:
        """Update changed rows (the new record's columns, by id) and tell the kind what changed.
        `counted=False` is for the second half of a row's own insert (e.g. a manager link)."""
        self.counts.updated += len(changes) if counted else 0
        if counted:  # what each update changes, shown before (dry run) and after importing
            pairs = ((self.key_of(change.old), change.old, change.new) for change in changes)
            self._recorder.record(pairs)
        if not changes or self.dry_run:
            return
        by_id = update(self.table).where(self.table.c.id == bindparam("_id"))
        self.session.execute(by_id, [{"_id": change.row_id, **change.new} for change in changes])
        if self.on_update is not None and counted:
            self.on_update(changes)


def differs(old: Mapping[str, Any], new: Record) -> bool:
    return any(old[column] != value for column, value in new.items())
