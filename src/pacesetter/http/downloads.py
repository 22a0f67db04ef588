"""The answer to every download link: a file with its name, as CSV (through the one CSV writer,
which neutralises formulas), XLSX or PDF. One place, so every export is named and typed alike."""

from collections.abc import Iterable, Sequence
from typing import Any

from fastapi.responses import Response

from pacesetter.exports.csv import csv_text
from pacesetter.exports.pdf import PDF_MEDIA_TYPE
from pacesetter.exports.xlsx import XLSX_MEDIA_TYPE

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


def csv_response(header: Sequence[str], rows: Iterable[Sequence[Any]], name: str) -> Response:
    """A CSV download named `name`.csv."""
    return _attachment(csv_text(list(header), rows), CSV_MEDIA_TYPE, f"{name}.csv")


def xlsx_response(body: bytes, name: str) -> Response:
    """A spreadsheet download named `name`.xlsx."""
    return _attachment(body, XLSX_MEDIA_TYPE, f"{name}.xlsx")


def pdf_response(body: bytes, file_name: str) -> Response:
    """A PDF download named `file_name`."""
    return _attachment(body, PDF_MEDIA_TYPE, file_name)


def _attachment(body: str | bytes, media_type: str, file_name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{file_name}"'}
    return Response(body, media_type=media_type, headers=headers)
