"""Rows of a CSV or XLSX file, streamed, each with the line its row starts on.

CSV: UTF-8 with or without a byte-order mark (UTF-16 with a BOM too, as Excel's "Unicode text"
writes it); comma, semicolon or tab separated, guessed from the header line; quoted fields may
span lines. A file in another encoding is rejected with the line of its first bad byte: guessing
a legacy code page would silently garble names, and saving as "CSV UTF-8" is one click.
XLSX: the first sheet, read in streaming mode, cell values as last calculated.

The reader yields raw cells; blank rows, ragged rows and typing are the caller's business.
"""

import codecs
import csv
import io
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from pacesetter.ingest.cells import Cell

Source = Path | BinaryIO
Line = tuple[int, Sequence[Cell]]

# A field beyond this is not data but a broken file (typically an unclosed quote).
MAX_FIELD_BYTES = 16 * 1024 * 1024
csv.field_size_limit(MAX_FIELD_BYTES)

_XLSX_MAGIC = b"PK\x03\x04"
_SNIFF_BYTES = 64 * 1024
_DELIMITERS = (",", ";", "\t")
_CSV_REASONS = {
    "field larger than field limit": "a field is larger than 16 MiB: the file is probably "
    "broken (an unclosed quote?)",
    "unexpected end of data": "the file ends inside a quoted field (an unclosed quote?)",
    "expected after": 'bad quoting: a quote inside a quoted field must be doubled ("")',
}


class FileProblem(Exception):
    """The file cannot be read any further; `line` is where, when known."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass
class Table:
    """A file's header cells and an iterator over its other rows as (line, cells)."""

    header: list[str]
    rows: Iterator[Line]


@contextmanager
def open_table(source: Source, file_name: str) -> Iterator[Table]:
    """Open `source` (a path, or a seekable binary stream such as an upload) from its start."""
    with _binary(source, file_name) as stream:
        is_xlsx = stream.read(len(_XLSX_MAGIC)) == _XLSX_MAGIC
        stream.seek(0)
        opener = _xlsx_table if is_xlsx else _csv_table
        with opener(stream, file_name) as table:
            yield table


@contextmanager
def _binary(source: Source, file_name: str) -> Iterator[BinaryIO]:
    if not isinstance(source, Path):
        source.seek(0)
        yield source
        return
    try:
        stream = source.open("rb")
    except OSError as error:
        raise FileProblem(None, f"cannot read {file_name}: {error.strerror}") from None
    with stream:
        yield stream


@contextmanager
def _csv_table(stream: BinaryIO, file_name: str) -> Iterator[Table]:
    encoding = _encoding(stream.read(4))
    stream.seek(0)
    delimiter = _delimiter(stream.read(_SNIFF_BYTES).decode(encoding, errors="ignore"))
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    try:
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        rows = _csv_rows(reader, stream, encoding, file_name)
        header = next(rows, None)
        if header is None:
            raise FileProblem(1, "the file is empty: it needs a header row")
        yield Table([str(cell).strip() for cell in header[1]], rows)
    finally:
        text.detach()  # the caller owns the stream (an upload outlives this import pass)


def _encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def _delimiter(sample: str) -> str:
    """The separator used most on the header line; a comma when in doubt."""
    first_line = sample.split("\n", 1)[0]
    return max(_DELIMITERS, key=first_line.count)


def _csv_rows(
    reader: Iterator[list[str]], stream: BinaryIO, encoding: str, name: str
) -> Iterator[Line]:
    """(line the row starts on, cells); `reader.line_num` counts physical lines read so far."""
    line = 0
    try:
        for cells in reader:
            yield line + 1, cells
            line = reader.line_num  # type: ignore[attr-defined]
    except UnicodeDecodeError as error:
        bad = f"byte 0x{error.object[error.start]:02X}"
        where = _undecodable_line(stream, encoding)
        raise FileProblem(
            where, f"{name} is not UTF-8 text ({bad}); save it as 'CSV UTF-8' and import it again"
        ) from None
    except csv.Error as error:
        raise FileProblem(line + 1, _csv_reason(str(error))) from None


def _undecodable_line(stream: BinaryIO, encoding: str) -> int | None:
    """The first physical line that does not decode: the text layer reads ahead, so the
    error it raises does not say where."""
    if encoding == "utf-16":
        return None
    stream.seek(0)
    for number, raw in enumerate(stream, start=1):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            return number
    return None


def _csv_reason(message: str) -> str:
    for fragment, reason in _CSV_REASONS.items():
        if fragment in message:
            return reason
    return f"unreadable CSV: {message}"


@contextmanager
def _xlsx_table(stream: BinaryIO, file_name: str) -> Iterator[Table]:
    with warnings.catch_warnings():
        # openpyxl warns about spreadsheet features it skips (styles, validation): not our concern.
        warnings.simplefilter("ignore", UserWarning)
        try:
            book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError):
            raise FileProblem(None, f"{file_name} is not a readable XLSX workbook") from None
        try:
            yield _sheet_table(book.worksheets[0])
        finally:
            book.close()


def _sheet_table(sheet: object) -> Table:
    rows = enumerate(sheet.iter_rows(values_only=True), start=1)  # type: ignore[attr-defined]
    first = next(rows, None)
    if first is None:
        raise FileProblem(1, "the sheet is empty: it needs a header row")
    header = ["" if cell is None else str(cell).strip() for cell in first[1]]
    return Table(header, _padded(rows, len(header)))


def _padded(rows: Iterator[tuple[int, tuple[Cell, ...]]], width: int) -> Iterator[Line]:
    """Spreadsheets drop trailing empty cells: a short row is padded, never ragged."""
    for line, cells in rows:
        missing = width - len(cells)
        yield line, (cells + (None,) * missing) if missing > 0 else cells
