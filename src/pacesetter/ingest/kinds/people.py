"""people: the organisation and its hierarchy.

A row's `manager` may be someone defined further down the same file. References resolve against
the organisation as it will be after the import (the database's people, overridden by the file's
rows), so a manager is found by a name or email the file gives them. The hierarchy can only be
checked once every row is known, so people files are held in memory (an organisation has
thousands of people, not millions). Self-management and cycles are errors; emails are stored in
lower case and must stay unique.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from pacesetter.domain.vocab import ManagerType, Role
from pacesetter.ingest.cells import Cell, CellError, is_blank, text
from pacesetter.ingest.kinds.base import Kind, KindContext
from pacesetter.ingest.refs import Directory, people_directory
from pacesetter.ingest.report import Problem, shown
from pacesetter.ingest.rows import Row
from pacesetter.ingest.spill import Spill
from pacesetter.ingest.upsert import Change, Record, Upserter, differs
from pacesetter.store.models import Person

ROLES = tuple(role.value for role in Role)
MANAGER_TYPES = tuple(manager_type.value for manager_type in ManagerType)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

Report = Callable[[Problem], None]


@dataclass
class _Entry:
    """A row of the file as the hierarchy check needs it. `id` is the stored id, or a negative
    stand-in for a person the import adds; `manager_id` uses the same ids."""

    line: int
    record: Record
    manager: Cell
    labels: tuple[str, str]  # the file's names of the manager and email columns
    id: int
    manager_id: int | None = None

    def problem(self, column: int, value: object, reason: str) -> Problem:
        return Problem(self.line, self.labels[column], shown(value), reason)


class People(Kind):
    name = "people"
    table = Person.__table__
    required = ("external_id", "name", "email", "role")
    optional = ("manager", "team", "territory", "start_date", "end_date", "manager_type")

    def __init__(self, context: KindContext) -> None:
        super().__init__(context)
        columns = (Person.id, Person.external_id, Person.email, Person.name, Person.manager_id)
        stored = context.session.execute(select(*columns))
        self.stored = {row.external_id: row for row in stored}
        self.entries: list[_Entry] = []

    def parse(self, row: Row) -> Record:
        record = {
            "external_id": row.text("external_id", self.length("external_id"), required=True),
            "name": row.text("name", self.length("name"), required=True),
            "email": row.get("email", _email, required=True),
            "role": row.choice("role", ROLES, required=True),
            "team": row.text("team", self.length("team")),
            "territory": row.text("territory", self.length("territory")),
            "start_date": row.day("start_date"),
            "end_date": row.day("end_date"),
            "manager_type": row.choice("manager_type", MANAGER_TYPES),
            "manager_id": None,  # resolved once every row is known; dropped when absent
        }
        start, end = record["start_date"], record["end_date"]
        if start is not None and end is not None and end < start:
            row.fail("end_date", row.cell("end_date"), "end date is before the start date")
        return self.given(row, record)

    def keep(self, row: Row, record: Record) -> None:
        stored = self.stored.get(record["external_id"])
        row_id = stored.id if stored is not None else -(len(self.entries) + 1)
        labels = (row.plan.label("manager"), row.plan.label("email"))
        entry = _Entry(row.line, record, row.cell("manager"), labels, row_id)
        if "manager_id" not in record and stored is not None:
            entry.manager_id = stored.manager_id  # no manager column: the stored link stays
        self.entries.append(entry)

    def check_rows(self, error: Report) -> None:
        self._check_emails(error)
        directory = people_directory(self._final_people())
        for entry in self.entries:
            self._resolve_manager(entry, directory, error)
        self._check_cycles(error)

    def _untouched(self) -> list[Any]:
        """Stored people the file does not mention."""
        in_file = {entry.record["external_id"] for entry in self.entries}
        return [row for key, row in self.stored.items() if key not in in_file]

    def _final_people(self) -> Iterable[tuple[int, str, str, str]]:
        for row in self._untouched():
            yield row.id, row.external_id, row.email, row.name
        for entry in self.entries:
            record = entry.record
            yield entry.id, record["external_id"], record["email"], record["name"]

    def _check_emails(self, error: Report) -> None:
        owners = {row.email.lower(): row.external_id for row in self._untouched()}
        first_line: dict[str, int] = {}
        for entry in self.entries:
            email = entry.record["email"]
            if email is None:
                continue
            if email in owners:
                error(entry.problem(1, email, f"email already belongs to person {owners[email]}"))
            elif email in first_line:
                reason = f"email given twice (also on line {first_line[email]})"
                error(entry.problem(1, email, reason))
            else:
                first_line[email] = entry.line

    def _resolve_manager(self, entry: _Entry, directory: Directory, error: Report) -> None:
        if is_blank(entry.manager):
            return
        try:
            found = directory.find(entry.manager)
        except CellError as problem:
            error(entry.problem(0, entry.manager, problem.reason))
            return
        if found == entry.id:
            error(entry.problem(0, entry.manager, "a person cannot be their own manager"))
        else:
            entry.manager_id = found

    def _check_cycles(self, error: Report) -> None:
        """Walk up from every person once; a walk that meets itself has found a loop."""
        managers = {row.id: row.manager_id for row in self._untouched()}
        managers.update((entry.id, entry.manager_id) for entry in self.entries)
        by_id = {entry.id: entry for entry in self.entries}
        done: set[int] = set()
        for entry in self.entries:
            path = _walk_up(entry.id, managers, done)
            done.update(path)
            loop_start = managers.get(path[-1]) if path else None
            if loop_start in path:
                _report_loop(path[path.index(loop_start) :], by_id, error)

    def write(self, records: Spill, upserter: Upserter) -> None:
        """Insert new people without managers, then link everyone: a manager may be new too."""
        existing = upserter.existing([entry.record["external_id"] for entry in self.entries])
        fresh = [entry for entry in self.entries if entry.record["external_id"] not in existing]
        upserter.insert([{**entry.record, "manager_id": None} for entry in fresh])
        changes, links = self._changes(existing, _real_ids(upserter, fresh))
        upserter.counts.unchanged += len(existing) - len(changes)
        upserter.update(_emails_set_aside(changes), counted=False)
        upserter.update(changes)
        upserter.update(links, counted=False)

    def _changes(
        self, existing: dict[Any, Any], real: dict[int | None, int]
    ) -> tuple[list[Change], list[Change]]:
        """(updates of stored people, manager links of new people), in the database's ids."""
        changes: list[Change] = []
        links: list[Change] = []
        for entry in self.entries:
            record = dict(entry.record)
            if "manager_id" in record:  # the file has a manager column
                record["manager_id"] = real.get(entry.manager_id, entry.manager_id)
            old = existing.get(record["external_id"])
            if old is None and record.get("manager_id") is not None:
                link = {"manager_id": record["manager_id"]}
                links.append(Change(real.get(entry.id, entry.id), {}, link))
            elif old is not None and differs(old, record):
                changes.append(Change(old["id"], old, record))
        return changes, links


def _emails_set_aside(changes: list[Change]) -> list[Change]:
    """People whose email changes first get a placeholder no one else can have, so that two
    people may swap emails (or pass them round) in one file without ever sharing one."""
    moving = [change for change in changes if change.old["email"] != change.new["email"]]
    return [
        Change(change.row_id, {}, {"email": f"{change.row_id}@moving.invalid"}) for change in moving
    ]


def _email(cell: Cell) -> str:
    value = text(cell, Person.__table__.c.email.type.length).lower()
    if not _EMAIL.fullmatch(value):
        raise CellError("not an email address")
    return value


def _walk_up(start: int, managers: dict[int, int | None], done: set[int]) -> list[int]:
    """The chain from `start` upwards, stopping at the top, at a checked person or at a repeat."""
    path: list[int] = []
    seen: set[int] = set()
    node: int | None = start
    while node is not None and node not in done and node not in seen:
        path.append(node)
        seen.add(node)
        node = managers.get(node)
    return path


def _report_loop(loop: list[int], by_id: dict[int, _Entry], error: Report) -> None:
    names = [by_id[member].record["external_id"] if member in by_id else "?" for member in loop]
    chain = " → ".join([*names, names[0]])
    for member in loop:
        if member in by_id:
            entry = by_id[member]
            error(entry.problem(0, entry.manager, f"the manager chain loops: {chain}"))


def _real_ids(upserter: Upserter, fresh: list[_Entry]) -> dict[int | None, int]:
    """Stand-in id -> the id the database gave (none in a dry run, where nothing is written)."""
    ids = upserter.ids([entry.record["external_id"] for entry in fresh])
    stand_ins = {entry.record["external_id"]: entry.id for entry in fresh}
    return {stand_ins[key]: row_id for key, row_id in ids.items()}
