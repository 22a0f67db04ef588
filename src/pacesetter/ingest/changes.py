"""What an import changes in rows that exist already, field by field (old -> new).

A preview that only counts "12 updated" hides a file that renames eight people; this log lists
each updated row's changed fields (the first `MAX_LISTED_ROWS` rows) and counts every changed
field over all rows, so the upload page can call out identity changes ("8 people will be
renamed") before anything is written. References are shown by name, not by id.
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

# Enough to read what a file does; every changed field is still counted.
MAX_LISTED_ROWS = 200
# Who a person is and where they sit: a change to one of these deserves a second look.
IDENTITY = {
    "people": {
        "name": "renamed",
        "email": "given a new email",
        "role": "given a new role",
        "manager": "moved to another manager",
    }
}


def as_text(value: object) -> str | None:
    """A stored value as a change shows it: ISO dates, amounts without a spurious `.0`."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str  # the file's column (`manager`, not `manager_id`)
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class RowChange:
    key: str  # the row's natural key, as the file gives it
    fields: tuple[FieldChange, ...]

    def to_dict(self) -> dict[str, Any]:
        changed = [{"field": f.field, "old": f.old, "new": f.new} for f in self.fields]
        return {"key": self.key, "fields": changed}


@dataclass(frozen=True)
class IdentityChange:
    field: str
    what: str  # "renamed"
    rows: int

    def sentence(self, dry_run: bool) -> str:
        """`8 people will be renamed` before an import, `8 people were renamed` after it."""
        who = "person" if self.rows == 1 else "people"
        verb = "will be" if dry_run else ("was" if self.rows == 1 else "were")
        return f"{self.rows:,} {who} {verb} {self.what}"


@dataclass
class ChangeLog:
    """Updated rows in the order written: the first `cap` listed, every changed field counted."""

    kind: str
    cap: int = MAX_LISTED_ROWS
    listed: list[RowChange] = field(default_factory=list)
    fields: Counter[str] = field(default_factory=Counter)

    def add(self, key: str, changed: Sequence[FieldChange]) -> None:
        self.fields.update(change.field for change in changed)
        if len(self.listed) < self.cap:
            self.listed.append(RowChange(key, tuple(changed)))

    @property
    def identity(self) -> list[IdentityChange]:
        """Identity changes of this kind with the number of rows each touches."""
        watched = IDENTITY.get(self.kind, {})
        return [
            IdentityChange(name, what, self.fields[name])
            for name, what in watched.items()
            if self.fields[name]
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": [row.to_dict() for row in self.listed],
            "fields": dict(self.fields),
        }


Row = Mapping[str, Any]


class ChangeRecorder:
    """Turns the upserter's (old row, new record) pairs into the log, naming references."""

    def __init__(self, session: Session, table: Table, log: ChangeLog) -> None:
        self.session, self.table, self.log = session, table, log
        self.references = {
            column.name: next(iter(column.foreign_keys)).column.table
            for column in table.c
            if column.foreign_keys
        }

    def record(self, pairs: Iterable[tuple[Hashable, Row, Row]]) -> None:
        """`pairs` of (natural key, stored row, new record) for rows that differ."""
        pairs = list(pairs)
        names = self._names(pairs[: max(self.log.cap - len(self.log.listed), 0)])
        for key, old, new in pairs:
            changed = [
                FieldChange(
                    self._column(name),
                    self._shown(name, old[name], names),
                    self._shown(name, value, names),
                )
                for name, value in new.items()
                if old[name] != value
            ]
            self.log.add(_key_text(key), changed)

    def _column(self, name: str) -> str:
        return name.removesuffix("_id") if name in self.references else name

    def _shown(self, name: str, value: object, names: Mapping[tuple[str, Any], str]) -> str | None:
        if name in self.references and value is not None:
            return names.get((name, value), f"#{value}")
        return as_text(value)

    def _names(self, pairs: list[tuple[Hashable, Row, Row]]) -> dict[tuple[str, Any], str]:
        """The names of the people, accounts... the listed changes refer to, one query per
        referenced column."""
        found: dict[tuple[str, Any], str] = {}
        for column, target in self.references.items():
            ids = {row[column] for _, old, new in pairs if column in new for row in (old, new)}
            ids.discard(None)
            if ids and "name" in target.c:
                query = select(target.c.id, target.c.name).where(target.c.id.in_(ids))
                found.update(((column, i), n) for i, n in self.session.execute(query))
        return found


def _key_text(key: Hashable) -> str:
    parts: tuple[Any, ...] = key if isinstance(key, tuple) else (key,)
    return " · ".join(as_text(part) or "" for part in parts)
