"""The one CSV writer: every CSV Pacesetter writes goes through `write_csv` (or `csv_text`).

Values go out unrounded (a file is for further work, not for reading at a glance); null is an
empty cell, a date ISO 8601, a yes/no `true`/`false`. Text that a spreadsheet would run as a
formula (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`: "CSV injection") is neutralised with a
leading apostrophe, the same rule the import warns by (`ingest.cells.neutralise_formula`), so
a name imported as written can never run when a manager opens the export.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TextIO

from pacesetter.ingest.cells import neutralise_formula

Cell = str | int | float | bool | date | None


def cell_text(value: Cell) -> str:
    """One value as its CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise_formula(value)
    return str(value)


def write_csv(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    """The header, then one line per row, `\\n`-terminated, quoted only where needed."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([cell_text(name) for name in header])
    writer.writerows([cell_text(value) for value in row] for row in rows)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """The whole file as text, for a download's response body."""
    out = io.StringIO()
    write_csv(out, header, rows)
    return out.getvalue()
