"""The one XLSX writer: numbers stay numbers with their formats, text never runs as a formula,
and the header is frozen; read back with openpyxl as a spreadsheet would open it."""

import io
from datetime import date

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from pacesetter.exports.xlsx import Column, xlsx_bytes

PAYLOAD = '=HYPERLINK("http://evil.example","Click")'
COLUMNS = (
    Column("name"),
    Column("won", "money"),
    Column("pace", "share"),
    Column("calls", "count"),
    Column("cycle", "days"),
    Column("since"),
)


def _sheet(rows: list[list[object]]) -> Worksheet:
    book = load_workbook(io.BytesIO(xlsx_bytes("Report", COLUMNS, rows)))  # type: ignore[arg-type]
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    return sheet


def test_numbers_are_numbers_with_the_units_format() -> None:
    sheet = _sheet([["Ravi", 269500.5, 2.8245, 12, 31.5, date(2026, 2, 1)]])
    name, won, pace, calls, cycle, since = sheet[2]
    assert (won.value, won.number_format) == (269500.5, "#,##0")
    assert (pace.value, pace.number_format) == (2.8245, "0.0%")
    assert (calls.value, calls.number_format) == (12, "#,##0")
    assert (cycle.value, cycle.number_format) == (31.5, "#,##0.0")
    assert since.value.date() == date(2026, 2, 1) and since.number_format == "yyyy-mm-dd"
    assert name.data_type == "s"


def test_formula_like_text_is_text_with_a_quote_prefix_and_shows_as_written() -> None:
    sheet = _sheet([[PAYLOAD, None, None, None, None, "-3 calls"]])
    cell = sheet["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (PAYLOAD, "s", True)
    assert sheet["F2"].quotePrefix and sheet["B2"].value is None


def test_plain_text_and_numbers_as_text_keep_no_prefix() -> None:
    sheet = _sheet([["Nina", 1, 0.5, 2, 3, "-12"]])
    assert not sheet["A2"].quotePrefix and not sheet["F2"].quotePrefix


def test_the_header_is_bold_frozen_with_the_first_column_and_filtered() -> None:
    sheet = _sheet([["Ravi", 1, 0.5, 2, 3, None]])
    assert [cell.value for cell in sheet[1]] == [column.name for column in COLUMNS]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == "A1:F2"
