"""Checked records parked on disk between the two passes, in chunks, in bounded memory.

The check pass parses every row once; the write pass reads the records back from here instead
of parsing the file a second time. Records are kept in their stored form (dates and date-times
as the ISO text SQLite stores and PostgreSQL's COPY reads; everything else as is), as marshalled
lists of tuples: about a microsecond a row each way, where re-parsing costs several.

Iterating a `Spill` gives lists of typed records (dicts), as kinds see them; `batches()` gives
the stored-form tuples, which the upserter bulk-loads without converting anything.
"""

import marshal
import struct
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table

Record = dict[str, Any]
Stored = tuple[Any, ...]
_LENGTH = struct.Struct("<Q")


def _stored_moment(value: datetime) -> str:
    return value.isoformat(" ", "microseconds")


def _stored_day(value: date) -> str:
    return value.isoformat()


class Spill:
    """Records of one table, written in order and read back in the same order, chunk by chunk."""

    def __init__(self, table: Table, chunk_rows: int) -> None:
        self.table, self.chunk_rows = table, chunk_rows
        self.columns: tuple[str, ...] = ()
        self.on_read: Callable[[int], None] = lambda done: None
        self._buffer: list[Stored] = []
        self._file = tempfile.TemporaryFile(prefix="pacesetter-import-")  # noqa: SIM115
        self._encoders: list[tuple[int, Callable[[Any], Any]]] = []
        self._decoders: list[tuple[int, Callable[[str], Any]]] = []

    def add(self, record: Record) -> None:
        if not self.columns:
            self._start(tuple(record))
        values = list(record.values())
        for position, encode in self._encoders:
            value = values[position]
            if value is not None:
                values[position] = encode(value)
        self._buffer.append(tuple(values))
        if len(self._buffer) == self.chunk_rows:
            self._flush()

    def _start(self, columns: tuple[str, ...]) -> None:
        """Learn the record layout from the first record: every record of a kind has it."""
        self.columns = columns
        for position, name in enumerate(columns):
            kind = self.table.c[name].type if name in self.table.c else None
            if isinstance(kind, DateTime):
                self._encoders.append((position, _stored_moment))
                self._decoders.append((position, datetime.fromisoformat))
            elif isinstance(kind, Date):
                self._encoders.append((position, _stored_day))
                self._decoders.append((position, date.fromisoformat))

    def _flush(self) -> None:
        if self._buffer:
            data = marshal.dumps(self._buffer)
            self._file.write(_LENGTH.pack(len(data)))
            self._file.write(data)
            self._buffer = []

    def batches(self) -> Iterator[list[Stored]]:
        """The records in their stored form, chunk by chunk."""
        self._flush()
        self._file.seek(0)
        done = 0
        while header := self._file.read(_LENGTH.size):
            batch = marshal.loads(self._file.read(_LENGTH.unpack(header)[0]))
            yield batch
            done += len(batch)
            self.on_read(done)

    def __iter__(self) -> Iterator[list[Record]]:
        for batch in self.batches():
            yield [self.record(stored) for stored in batch]

    def record(self, stored: Stored) -> Record:
        """A stored-form tuple as the typed record it was."""
        values = list(stored)
        for position, decode in self._decoders:
            value = values[position]
            if value is not None:
                values[position] = decode(value)
        return dict(zip(self.columns, values, strict=True))

    def close(self) -> None:
        self._file.close()
