"""The first rows of a file as an import would read them: Pacesetter's columns, the values after
the mapping. The upload page shows them before anything is written."""

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from pacesetter.ingest.cells import Cell, is_blank
from pacesetter.ingest.header import HeaderPlan, plan_header
from pacesetter.ingest.kinds import kind_named
from pacesetter.ingest.mapping import ColumnMapping, canonical
from pacesetter.ingest.reader import FileProblem, Line, Source, open_table
from pacesetter.ingest.report import ImportReport


@dataclass(frozen=True)
class MappedColumn:
    name: str  # Pacesetter's column
    label: str  # the header as the file names it (what the import's errors refer to)
    source: str | None  # the file's header when it is a rename, "mapping" when derived


@dataclass(frozen=True)
class MappedRows:
    columns: list[MappedColumn]
    rows: list[tuple[int, list[Cell]]]  # (line, one cell per column)


def preview_rows(
    kind: str,
    source: Source,
    *,
    file_name: str,
    mapping: ColumnMapping | None = None,
    limit: int = 10,
) -> MappedRows | None:
    """The first `limit` non-blank rows; None when the file or its header cannot be read (the
    import's own check says why)."""
    columns = kind_named(kind).columns()
    try:
        with open_table(source, file_name) as table:
            plan = plan_header(table.header, columns, mapping, ImportReport(kind, file_name))
            if plan is None:
                return None
            lines = list(islice(_data_lines(table.rows, plan.width), limit))
    except FileProblem:
        return None
    shown = [column for column in columns.known if column in plan.index]
    return MappedRows(_columns(plan, shown), [_row(plan, shown, line) for line in lines])


def _data_lines(rows: Iterator[Line], width: int) -> Iterator[tuple[int, list[Cell]]]:
    """Non-blank rows, padded to the header's width (the check reports a short row)."""
    for line, raw in rows:
        if not all(is_blank(cell) for cell in raw):
            yield line, [*raw[:width], *([None] * (width - len(raw)))]


def _row(
    plan: HeaderPlan, shown: list[str], line: tuple[int, list[Cell]]
) -> tuple[int, list[Cell]]:
    number, raw = line
    cells = plan.cells_for(raw, plan.width)
    return number, [cells[plan.index[column]] for column in shown]


def _columns(plan: HeaderPlan, shown: list[str]) -> list[MappedColumn]:
    derived = {derivation.target for derivation, _ in plan.derive}
    return [MappedColumn(c, plan.label(c), _source(plan, c, derived)) for c in shown]


def _source(plan: HeaderPlan, column: str, derived: set[str]) -> str | None:
    if column in derived:
        return "mapping"
    label = plan.label(column)
    return None if canonical(label) == column else label  # `External ID` is no rename
