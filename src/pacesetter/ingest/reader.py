"""Rows of a CSV or XLSX file, streamed, each with the line its row starts on.

CSV: UTF-8 with or without a byte-order mark (UTF-16 with a BOM too, as Excel's "Unicode text"
writes it); comma, semicolon or tab separated, guessed from the header line; quoted fields may
span lines. A file in another encoding is rejected with the line of its first bad byte: guessing
a legacy code page would silently garble names, and saving as "CSV UTF-8" is one click.
XLSX: the first sheet, read in streaming mode, cell values as last calculated; a workbook that
would inflate beyond any real one, declares XML entities or has more rows than Excel allows is
refused before it can use up memory (see `_check_archive`).

The reader yields raw cells; blank rows, ragged rows and typing are the caller's business.
"""

import codecs
import csv
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree.ElementTree import ParseError

from pacesetter.ingest.cells import Cell

Source = Path | BinaryIO
Line = tuple[int, Sequence[Cell]]

# A field beyond this is not data but a broken file (typically an unclosed quote).
MAX_FIELD_BYTES = 16 * 1024 * 1024
csv.field_size_limit(MAX_FIELD_BYTES)

# Excel's own limits: no real sheet goes further.
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_COLUMNS = 16_384
# What a workbook may inflate to (see `_check_archive`): shared strings are held in memory.
MAX_SHARED_STRINGS = 100 * 2**20
MAX_XLSX_PART = 2**30
MAX_XLSX_INFLATED = 2 * 2**30
MAX_INFLATION_RATIO = 100  # real parts over a MiB inflate 5 to 30 times
_RATIO_FLOOR = 2**20
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_ROW_TAG = re.compile(rb'<(?:\w+:)?row(?:\s+r="(\d{1,12})")?[\s/>]')  # the number, if given
_SCAN_BYTES = 2**20
_TAG_OVERLAP = 64  # longer than a row tag with its prefix and number
_DAMAGE = (ParseError, ValueError, IndexError, KeyError, EOFError, zlib.error, zipfile.BadZipFile)
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
    # Imported here: openpyxl (and numpy under it) is most of a CSV import's start-up.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    with warnings.catch_warnings():
        # openpyxl warns about spreadsheet features it skips (styles, validation): not our concern.
        warnings.simplefilter("ignore", UserWarning)
        try:
            _check_archive(stream, file_name)
            stream.seek(0)
            book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, *_DAMAGE):
            raise FileProblem(None, f"{file_name} is not a readable XLSX workbook") from None
        try:
            yield _sheet_table(book.worksheets[0], file_name)
        finally:
            book.close()


def _check_archive(stream: BinaryIO, file_name: str) -> None:
    """Refuse, before openpyxl inflates anything, a workbook that would inflate beyond what
    any real spreadsheet does (a zip bomb), whose XML declares entities (Excel never writes a
    DTD; entity expansion is the billion-laughs bomb) or whose sheet has more rows than Excel
    allows. Declared sizes can be trusted: Python's zip reader stops at a part's declared size."""
    with zipfile.ZipFile(stream) as archive:
        parts = archive.infolist()
        for part in parts:
            _check_inflation(part, file_name)
        if sum(part.file_size for part in parts) > MAX_XLSX_INFLATED:
            raise FileProblem(None, _too_big(file_name, "inflates", MAX_XLSX_INFLATED))
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                _check_xml(archive, part, file_name)


def _check_inflation(part: zipfile.ZipInfo, file_name: str) -> None:
    limit = MAX_SHARED_STRINGS if part.filename.endswith("sharedStrings.xml") else MAX_XLSX_PART
    if part.file_size > limit:
        raise FileProblem(None, _too_big(file_name, f"{part.filename} inflates", limit))
    ratio = part.file_size / max(part.compress_size, 1)
    if part.file_size > _RATIO_FLOOR and ratio > MAX_INFLATION_RATIO:
        raise FileProblem(
            None,
            f"{file_name} is a zip bomb: {part.filename} inflates {ratio:,.0f} times (a real "
            f"workbook, at most {MAX_INFLATION_RATIO})",
        )


def _too_big(file_name: str, what: str, limit: int) -> str:
    return (
        f"{file_name}: {what} to more than {limit // 2**20:,} MiB, more than an import reads "
        "from a workbook; save the sheet as CSV UTF-8 and import that"
    )


def _check_xml(archive: zipfile.ZipFile, part: zipfile.ZipInfo, file_name: str) -> None:
    """One pass over the part's raw bytes, in constant memory and a fraction of the time
    parsing takes (the parser keeps every row it has read: 5 million empty rows took 660 MB
    and a minute before they were counted this way)."""
    rows = _RowTally()
    tail = b""
    with archive.open(part) as xml:
        while chunk := xml.read(_SCAN_BYTES):
            window = tail + chunk
            if _DECLARATION.search(window):
                raise FileProblem(
                    None,
                    f"{file_name} declares XML entities ({part.filename}), "
                    "which no spreadsheet needs: it is refused as unsafe",
                )
            rows.add(window, tail)
            tail = window[-_TAG_OVERLAP:]
    if _SHEET_PART.fullmatch(part.filename) and rows.total > XLSX_MAX_ROWS:
        raise FileProblem(None, f"{file_name}: a sheet has at most {XLSX_MAX_ROWS:,} rows")


class _RowTally:
    """The rows a sheet holds: its row elements, or its highest row number if that is more
    (a reader fills in the rows a sheet leaves out)."""

    def __init__(self) -> None:
        self.count = self.highest = 0

    def add(self, window: bytes, seen: bytes) -> None:
        """Count the rows of `window` but those of its start, `seen`, counted before."""
        rows = _ROW_TAG.findall(window)
        self.count += len(rows) - len(_ROW_TAG.findall(seen))
        self.highest = max(self.highest, max(map(int, filter(None, rows)), default=0))

    @property
    def total(self) -> int:
        return max(self.count, self.highest)


def _sheet_table(sheet: Any, file_name: str) -> Table:
    """The first row, then the rest no wider than the header and one more column (enough to
    see that a row is too long, without padding every row to a column a cell made up)."""
    if (sheet.max_row or 0) > XLSX_MAX_ROWS:  # as the sheet's own dimension says
        raise FileProblem(None, f"{file_name}: a sheet has at most {XLSX_MAX_ROWS:,} rows")
    heading = sheet.iter_rows(max_row=1, max_col=XLSX_MAX_COLUMNS, values_only=True)
    first = next(_guarded(heading, file_name), None)
    if first is None:
        raise FileProblem(1, "the sheet is empty: it needs a header row")
    header = ["" if cell is None else str(cell).strip() for cell in first[1]]
    while header and not header[-1]:
        header.pop()
    rows = sheet.iter_rows(min_row=2, max_col=max(len(header), 1) + 1, values_only=True)
    return Table(header, _padded(_guarded(rows, file_name, start=2), len(header)))


def _guarded(rows: Iterator[tuple[Any, ...]], file_name: str, start: int = 1) -> Iterator[Line]:
    """Rows with their line, up to Excel's last row; a part that breaks while it is read (bad
    XML, an entity bomb the check missed) is a problem of the file, not a crash."""
    line = start - 1
    try:
        for line, cells in enumerate(rows, start=start):
            if line > XLSX_MAX_ROWS:
                raise FileProblem(line, f"a sheet has at most {XLSX_MAX_ROWS:,} rows")
            yield line, cells
    except _DAMAGE as error:
        raise FileProblem(line + 1, f"{file_name} is damaged: {error}") from None


def _padded(rows: Iterator[Line], width: int) -> Iterator[Line]:
    """Spreadsheets drop trailing empty cells: a short row is padded, never ragged."""
    for line, cells in rows:
        missing = width - len(cells)
        yield line, (tuple(cells) + (None,) * missing) if missing > 0 else cells
