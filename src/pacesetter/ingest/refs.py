"""Resolving references: a person, account or deal named in a cell, to its id.

A person is found by external id, email or full name; an account by external id or name; a deal
by external id (data-formats.md). External ids match exactly, emails and names in any case. A
name shared by several people or accounts is ambiguous: an error on the row, never a guess.

Each directory is a compact dict preloaded once per import (ids only), so resolving ten million
activity rows is a dictionary lookup each.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.ingest.cells import Cell, CellError, text
from pacesetter.store.models import Account, Deal, Person

_AMBIGUOUS = 0  # ids start at 1, so 0 marks a folded key that several rows share
_MAX_REFERENCE = 320


@dataclass
class Directory:
    """Ids by the keys a file may use: exact keys (external ids) win over folded ones.

    `known` maps cells exactly as written to the ids they were found to name, so each spelling
    is worked out once, however many rows repeat it.
    """

    noun: str
    plural: str
    keys: str
    exact: dict[str, int] = field(default_factory=dict)
    folded: dict[str, int] = field(default_factory=dict)
    known: dict[object, int] = field(default_factory=dict)

    def add(self, row_id: int, exact: str, *folded: str | None) -> None:
        self.exact[exact] = row_id
        self.known[exact] = row_id
        for key in folded:
            if key:
                self._add_folded(key.casefold(), row_id)

    def _add_folded(self, key: str, row_id: int) -> None:
        known = self.folded.get(key)
        self.folded[key] = row_id if known is None or known == row_id else _AMBIGUOUS

    def find(self, cell: Cell) -> int:
        found = self.known.get(cell)
        if found is None:
            found = self._find(text(cell, _MAX_REFERENCE))
            self.known[cell] = found
        return found

    def _find(self, value: str) -> int:
        found = self.exact.get(value)
        if found is None:
            found = self.folded.get(value.casefold())
        if found is None:
            raise CellError(f"unknown {self.noun} (no {self.noun} has this {self.keys})")
        if found == _AMBIGUOUS:
            raise CellError(f"ambiguous: several {self.plural} match; use the external id")
        return found


def people_directory(rows: Iterable[tuple[int, str, str, str]]) -> Directory:
    """From (id, external id, email, name) rows."""
    directory = Directory("person", "people", "external id, email or name")
    for row_id, external_id, email, name in rows:
        directory.add(row_id, external_id, email, name)
    return directory


def load_people(session: Session) -> Directory:
    stored = select(Person.id, Person.external_id, Person.email, Person.name)
    return people_directory(session.execute(stored))  # type: ignore[arg-type]


def load_accounts(session: Session) -> Directory:
    directory = Directory("account", "accounts", "external id or name")
    for row_id, external_id, name in session.execute(
        select(Account.id, Account.external_id, Account.name)
    ):
        directory.add(row_id, external_id, name)
    return directory


def load_deals(session: Session) -> Directory:
    directory = Directory("deal", "deals", "external id")
    for row_id, external_id in session.execute(select(Deal.id, Deal.external_id)):
        directory.add(row_id, external_id)
    return directory
