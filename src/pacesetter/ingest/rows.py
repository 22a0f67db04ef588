"""One data row as a kind reads it: typed getters that record every bad cell, not just the first.

A kind's `parse(row)` calls `row.text(...)`, `row.number(...)`, `row.ref(...)`...; each returns
the value, or records a problem (line, the file's column name, the value, the reason) with the
row's sink and returns None. `row.ok` says whether the row came through clean.
"""

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from pacesetter.ingest import cells
from pacesetter.ingest.cells import FORMULA_STARTS, Cell, CellError, is_blank
from pacesetter.ingest.header import HeaderPlan
from pacesetter.ingest.refs import Directory
from pacesetter.ingest.report import Problem, shown

T = TypeVar("T")

# Exact spellings that need no more work than a lookup (blank is no).
_FLAGS = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False, "": False}
FORMULA_WARNING = (
    "starts like a spreadsheet formula: stored as text, and neutralised (prefixed with ') "
    "in CSV exports"
)


class RowSink(Protocol):
    """Where a row's problems go: the report while checking; nowhere in a rescan (the check
    reported them already)."""

    def error(self, problem: Problem) -> None: ...

    def warning(self, problem: Problem) -> None: ...


class Row:
    __slots__ = ("cells", "index", "line", "ok", "plan", "sink")

    def __init__(self, line: int, cells: Sequence[Cell], plan: HeaderPlan, sink: RowSink) -> None:
        self.line, self.cells, self.plan, self.sink = line, cells, plan, sink
        self.index = plan.index
        self.ok = True

    def cell(self, column: str) -> Cell:
        position = self.index.get(column)
        return None if position is None else self.cells[position]

    def fail(self, column: str, cell: Cell, reason: str) -> None:
        self.ok = False
        self.sink.error(Problem(self.line, self.plan.label(column), shown(cell), reason))

    def get(
        self, column: str, parse: Callable[..., T], *args: Any, required: bool = False
    ) -> T | None:
        """`parse(cell, *args)`, None for a blank cell (an error if required) or a bad one."""
        position = self.plan.index.get(column)
        cell = None if position is None else self.cells[position]
        if is_blank(cell):
            if required:
                self.fail(column, cell, "required value is blank")
            return None
        try:
            return parse(cell, *args)
        except CellError as error:
            self.fail(column, cell, error.reason)
            return None

    def text(self, column: str, max_length: int, *, required: bool = False) -> str | None:
        """Free text; one that a spreadsheet would run as a formula is kept, with a warning."""
        cell = self.cell(column)
        if cell.__class__ is str:  # the common case, decided without the general path
            value = cell.strip()  # type: ignore[union-attr]
            if value and len(value) <= max_length and value[0] not in FORMULA_STARTS:
                return value
        value = self.get(column, cells.text, max_length, required=required)
        if value and cells.looks_like_formula(value):
            label = self.plan.label(column)
            self.sink.warning(Problem(self.line, label, shown(value), FORMULA_WARNING))
        return value

    def number(
        self, column: str, *, required: bool = False, minimum: float | None = None
    ) -> float | None:
        value = self.get(column, cells.number, required=required)
        if value is not None and minimum is not None and value < minimum:
            reason = "must not be negative" if minimum == 0 else f"must be at least {minimum:g}"
            self.fail(column, self.cell(column), reason)
            return None
        return value

    def flag(self, column: str) -> bool:
        """Yes/no; blank means no."""
        found = _FLAGS.get(self.cell(column))  # type: ignore[arg-type]
        return found if found is not None else bool(self.get(column, cells.flag))

    def choice(self, column: str, allowed: Sequence[str], *, required: bool = False) -> str | None:
        cell = self.cell(column)
        if cell in allowed:
            return cell  # type: ignore[return-value]
        return self.get(column, cells.choice, allowed, required=required)

    def day(self, column: str, *, required: bool = False) -> date | None:
        return self.get(column, self.plan.formats.day, required=required)

    def moment(self, column: str, *, required: bool = False) -> datetime | None:
        cell = self.cell(column)
        if cell.__class__ is str and self.plan.formats.iso_only:
            try:
                return datetime.fromisoformat(cell)  # type: ignore[arg-type]
            except ValueError:
                pass  # the general path explains what is wrong
        return self.get(column, self.plan.formats.moment, required=required)

    def ref(self, column: str, finder: Directory, *, required: bool = False) -> int | None:
        """The id of the person, account or deal the cell names."""
        cell = self.cell(column)
        found = finder.known.get(cell)  # type: ignore[arg-type]
        if found is not None:
            return found
        if not required and (cell is None or cell == ""):
            return None
        return self.get(column, finder.find, required=required)
