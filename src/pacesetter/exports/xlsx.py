"""The one XLSX writer: every spreadsheet Pacesetter hands out goes through `xlsx_bytes`.

A spreadsheet is for further work, so a number stays a number (unrounded) and only its number
format says how it reads: money in whole units with separators, a share as a percent with one
decimal (a format rounds to nearest, not down as the pages do; the decimal narrows what reads as
a met "100.0%" to 99.95% and up), counts whole, days, months and ratings with one decimal,
dates as dates.
Null is an empty cell. Text is always a text cell, never a formula: formula-like text
(`=HYPERLINK(...)`, the rule of `ingest.cells.looks_like_formula`) is written as written with
Excel's quote prefix, so it shows exactly as the page shows it and stays text when edited.
The header row is bold, frozen with the first column, and filterable.
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pacesetter.exports.csv import Cell
from pacesetter.ingest.cells import looks_like_formula

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Number formats by the catalogue's units (and the few other kinds reports show).
NUMBER_FORMATS = {
    "money": "#,##0",
    "share": "0.0%",
    "count": "#,##0",
    "days": "#,##0.0",
    "months": "0.0",
    "rating": "0.0",
    "number": "#,##0.##",
    "plain": "General",  # a value that may be a count or a share (a plan line's planned)
}
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 40


@dataclass(frozen=True)
class Column:
    """A column's header and how its numbers read (`unit`: a key of NUMBER_FORMATS, or None
    for text)."""

    name: str
    unit: str | None = None


def xlsx_bytes(title: str, columns: Sequence[Column], rows: Iterable[Sequence[Cell]]) -> bytes:
    """One sheet named `title`: the header row, then one row per row of `rows`."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook always has its first sheet
    sheet.title = title[:31]  # Excel's limit on a sheet name
    sheet.append([column.name for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append([None] * len(columns))
        for column, cell, value in zip(columns, sheet[sheet.max_row], values, strict=True):
            _fill(cell, value, column)
    _finish(sheet, columns)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(cell: SheetCell, value: Cell, column: Column) -> None:
    """A value as its typed cell: a number with its format, a date, or text (never a formula)."""
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = value
    elif isinstance(value, int | float):
        cell.value = value
        cell.number_format = NUMBER_FORMATS.get(column.unit or "number", "General")
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        _text(cell, str(value))


def _text(cell: SheetCell, text: str) -> None:
    cell.value = text
    cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
    if looks_like_formula(text):
        cell.quotePrefix = True


def _finish(sheet: Worksheet, columns: Sequence[Column]) -> None:
    """Freeze the header and the first column, filter on the header, widen to the header."""
    sheet.freeze_panes = "B2"
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    for index, column in enumerate(columns, start=1):
        width = min(max(len(column.name) + 2, 12), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width
