"""What every kind of import file declares, and the defaults most kinds keep.

See `pacesetter.ingest.kinds` for how to add a kind.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from sqlalchemy import Table
from sqlalchemy.orm import Session

from pacesetter.ingest.cells import LocalClock
from pacesetter.ingest.header import Columns, HeaderPlan
from pacesetter.ingest.report import Problem
from pacesetter.ingest.rows import Row
from pacesetter.ingest.spill import Spill
from pacesetter.ingest.upsert import Change, Record, Upserter

# Free-text (Text) columns have no length in the schema; beyond this a value is not a note.
TEXT_LIMIT = 65_535


@cache
def _length(table: Table, column: str) -> int:
    return getattr(table.c[column].type, "length", None) or TEXT_LIMIT


@dataclass
class KindContext:
    """What a kind may use: the session, the organisation's clock and fiscal year, the run."""

    session: Session
    clock: LocalClock
    fiscal_year_start_month: int = 1
    dry_run: bool = False
    run_id: int | None = None


class Kind(ABC):
    """One kind of file: its columns, how one row becomes one record, and its natural key.

    `parse` reads a row into a dict of `table` column values, recording bad cells on the row.
    A kind whose rows refer to each other (people and their managers) keeps what it needs in
    `keep` and checks it in `check_rows`, once every row has been read.
    """

    name: ClassVar[str]
    table: ClassVar[Table]
    required: ClassVar[tuple[str, ...]]
    optional: ClassVar[tuple[str, ...]] = ()
    key: ClassVar[tuple[str, ...]] = ("external_id",)  # table columns of the natural key
    key_columns: ClassVar[tuple[str, ...]] = ("external_id",)  # the file columns giving it
    key_label: ClassVar[str] = "external id"

    def __init__(self, context: KindContext) -> None:
        self.context = context
        self._absent: tuple[HeaderPlan | None, tuple[str, ...]] = (None, ())

    @classmethod
    def columns(cls) -> Columns:
        return Columns(cls.name, cls.required, cls.optional)

    @classmethod
    def length(cls, column: str) -> int:
        """The longest text `column` holds, as the schema says."""
        return _length(cls.table, column)

    @abstractmethod
    def parse(self, row: Row) -> Record: ...

    @classmethod
    def field_of(cls, column: str) -> str:
        """The table column a file column fills: itself, or `<column>_id` for a reference."""
        return column if column in cls.table.c else f"{column}_id"

    def given(self, row: Row, record: Record) -> Record:
        """The record without the fields of optional columns the file lacks. An absent column
        is not a blank cell: a re-import without `margin` leaves every stored margin alone, and
        a new row gets the column's default."""
        plan, absent = self._absent
        if plan is not row.plan:  # one plan per file: worked out on its first row
            absent = tuple(self.field_of(c) for c in self.optional if c not in row.plan.index)
            self._absent = (row.plan, absent)
        for field in absent:
            del record[field]
        return record

    def key_of(self, record: Record) -> Hashable | None:
        """The record's natural key; None when a part of it could not be read."""
        if len(self.key) == 1:
            return record[self.key[0]]
        values = tuple(record[column] for column in self.key)
        return None if None in values else values

    # Optional hooks: empty by default, on purpose.
    def keep(self, row: Row, record: Record) -> None:  # noqa: B027
        """Hold what `check_rows` needs; most kinds need nothing."""

    def check_rows(self, error: Callable[[Problem], None]) -> None:  # noqa: B027
        """Checks across rows, after the whole file was read."""

    def write(self, records: Spill, upserter: Upserter) -> None:
        """Write the checked records; iterating `records` gives them chunk by chunk."""
        upserter.write_spill(records)

    def on_update(self, changes: list[Change]) -> None:  # noqa: B027
        """Called with the rows an import updates (deals keep their history here)."""

    def upserter(self) -> Upserter:
        context = self.context
        return Upserter(
            context.session,
            self.table,
            self.key,
            dry_run=context.dry_run,
            on_update=self.on_update,
            kind=self.name,
        )
