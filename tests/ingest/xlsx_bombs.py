"""Workbooks built to hurt a reader (issue 9, fix 5), made from a real one by replacing parts.

`python tests/ingest/xlsx_bombs.py` writes the small versions kept in the corpus; the tests
build the full-size ones (as the outside probe sent them) in a temporary directory.
"""

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEADER = ("external_id", "name", "email", "role")


def _base() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(("B1", "Bo Bomb", "bo@example.com", "rep"))
    content = io.BytesIO()
    book.save(content)
    return content.getvalue()


def with_parts(parts: dict[str, bytes]) -> bytes:
    """The base workbook with `parts` replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(_base()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name in source.namelist():
            if name not in parts:
                target.writestr(name, source.read(name))
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


def _sheet(rows: str, dimension: str | None = "A1:D2") -> bytes:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>{declared}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def _header_row() -> str:
    cells = "".join(
        f'<c r="{col}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for col, name in zip("ABCD", HEADER, strict=True)
    )
    return f'<row r="1">{cells}</row>'


def billion_laughs(levels: int = 10, padding: int = 0) -> bytes:
    """Entities of ten entities each, `levels` deep: 10^levels laughs from a few hundred bytes
    (after a comment of `padding` characters, to hide the declaration from a quick look)."""
    entities = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, levels)
    ]
    comment = f"<!--{' ' * padding}-->" if padding else ""
    doctype = f"{comment}<!DOCTYPE worksheet [{''.join(entities)}]>"
    cell = f'<c r="A2" t="inlineStr"><is><t>&l{levels - 1};</t></is></c>'
    sheet = _sheet(_header_row() + f'<row r="2">{cell}</row>').decode()
    return with_parts({SHEET: sheet.replace("<worksheet", doctype + "<worksheet", 1).encode()})


def shared_strings_bomb(strings: int) -> bytes:
    """`strings` long shared strings that compress to almost nothing."""
    items = b"<si><t>" + b"x" * 200 + b"</t></si>"
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="{strings}">'.encode()
    return with_parts({STRINGS: head + items * strings + b"</sst>"})


def rows_beyond_excel(last_row: int, *, declared: bool = True) -> bytes:
    """A value on row `last_row`, every row before it missing (a reader fills them in)."""
    cell = f'<c r="A{last_row}" t="inlineStr"><is><t>late</t></is></c>'
    rows = _header_row() + f'<row r="{last_row}">{cell}</row>'
    return with_parts({SHEET: _sheet(rows, f"A1:D{last_row}" if declared else None)})


def empty_rows(count: int, *, declared: bool = True) -> bytes:
    """`count` empty rows, the sheet's dimension saying so or not."""
    rows = _header_row().encode() + b"".join(b'<row r="%d"/>' % n for n in range(2, count + 2))
    dimension = f"A1:D{count + 1}" if declared else None
    head, tail = _sheet("|", dimension).split(b"|")
    return with_parts({SHEET: head + rows + tail})


def far_column() -> bytes:
    """A row with a cell in a column millions of letters to the right."""
    cell = '<c r="ZZZZZ2" t="inlineStr"><is><t>far</t></is></c>'
    return with_parts({SHEET: _sheet(_header_row() + f'<row r="2">{cell}</row>')})


CORPUS: dict[str, Callable[[], bytes]] = {
    "people__xlsx_billion_laughs.xlsx": billion_laughs,
    "people__xlsx_shared_strings_bomb.xlsx": lambda: shared_strings_bomb(100_000),
    "people__xlsx_rows_beyond_excel.xlsx": lambda: rows_beyond_excel(5_000_000),
    "people__xlsx_far_row_undeclared.xlsx": lambda: rows_beyond_excel(5_000_000, declared=False),
    "people__xlsx_far_column.xlsx": far_column,
}

if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "corpus")
    for name, build in CORPUS.items():
        (folder / name).write_bytes(build())
