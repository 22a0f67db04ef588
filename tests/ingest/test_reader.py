"""Reading files: quoted newlines, huge fields, spreadsheets, uploads, and very bad files."""

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
from ingest_helpers import Org, counts, errors, run_text
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.ingest import run_import
from pacesetter.ingest.reader import MAX_FIELD_BYTES
from pacesetter.ingest.report import MAX_LISTED
from pacesetter.store.models import Account, Deal

CORPUS = Path(__file__).parent / "corpus"


def test_a_quoted_field_keeps_its_line_breaks(db: Session, org: Org) -> None:
    name = "accounts__quoted_newlines.csv"
    run_import(db, "accounts", CORPUS / name, file_name=name)
    account = db.scalars(select(Account).where(Account.external_id == "B1")).one()
    assert (account.name, account.segment) == ("Acme\nTwo", "Mid\nMarket")


def test_a_field_beyond_16_mib_rejects_the_file_as_broken(
    db: Session, tmp_path: Path, org: Org
) -> None:
    report = run_text(
        db,
        tmp_path,
        "accounts",
        'external_id,name,owner\nB1,"' + "x" * (MAX_FIELD_BYTES + 1) + '",P3\n',
    )
    assert errors(report) == [
        (2, None, "a field is larger than 16 MiB: the file is probably broken (an unclosed quote?)")
    ]


def test_errors_beyond_a_thousand_are_counted_not_listed(
    db: Session, tmp_path: Path, org: Org
) -> None:
    bad_rows = MAX_LISTED + 200
    content = "external_id,name,owner\n" + "".join(
        f"B{n},Name {n},nobody\n" for n in range(bad_rows)
    )
    listed = run_text(db, tmp_path, "accounts", content).errors.to_list()
    assert len(listed) == MAX_LISTED + 1
    assert listed[-1] == {"line": None, "column": None, "value": None, "reason": "… and 200 more"}


def write_workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_spreadsheet_imports_with_typed_cells(db: Session, tmp_path: Path, org: Org) -> None:
    header = ["External ID", "Owner", "Amount", "Status", "Created Date", "Close Date", "Margin"]
    path = write_workbook(
        tmp_path / "deals.xlsx",
        [
            header,
            [1001, "Rob Rep", 2500, "open", datetime(2026, 1, 5), date(2026, 3, 31), 0.25],
            # a spreadsheet drops trailing empty cells: the row is short, not ragged
            [1002, "rita@example.com", 99.5, "WON", datetime(2026, 1, 6), datetime(2026, 2, 1)],
        ],
    )
    report = run_import(db, "deals", path, file_name=path.name)
    assert errors(report) == []
    assert counts(report) == (2, 2, 0, 0)
    stored = {
        d.external_id: d
        for d in db.scalars(select(Deal).where(Deal.external_id.in_(["1001", "1002"])))
    }
    assert (stored["1001"].amount, stored["1001"].margin, stored["1001"].close_date) == (
        2500.0,
        0.25,
        date(2026, 3, 31),
    )
    assert (stored["1002"].status, stored["1002"].margin) == ("won", None)


def test_a_spreadsheet_reports_problems_on_its_row_numbers(
    db: Session, tmp_path: Path, org: Org
) -> None:
    path = write_workbook(
        tmp_path / "deals.xlsx",
        [
            ["external_id", "owner", "amount", "status", "created_date", "close_date"],
            ["E1", "P3", 10, "open", datetime(2026, 1, 5), datetime(2026, 3, 31)],
            [None, None, None, None, None, None],
            ["E2", "P3", -5, "open", datetime(2026, 1, 5), "soon"],
        ],
    )
    report = run_import(db, "deals", path, file_name=path.name)
    # The blank row 3 is skipped; -5 in a number cell is a negative number, not a formula.
    assert errors(report) == [
        (4, "amount", "must not be negative"),
        (4, "close_date", "not a date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)"),
    ]
    assert report.warnings.to_list() == []


def test_an_upload_stream_can_be_imported_and_stays_open(db: Session, org: Org) -> None:
    upload = io.BytesIO(b"external_id,name,owner\nU1,Uploaded Co,P3\n")
    report = run_import(db, "accounts", upload, file_name="upload.csv")
    assert counts(report) == (1, 1, 0, 0)
    assert not upload.closed
