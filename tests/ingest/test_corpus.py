"""The bad-input corpus (tests/ingest/corpus): each malformed file is rejected whole, with the
right line, column and reason, leaving the database exactly as it was; the few that look odd
but are fine (a BOM, UTF-16, semicolons, quoted newlines...) import.

A file is named `<kind>__<case>.<ext>`. Lines are 1-based with the header as line 1.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from ingest_helpers import Org, errors, snapshot
from sqlalchemy.orm import Session

from pacesetter.ingest import ImportReport, run_import

CORPUS = Path(__file__).parent / "corpus"
NOT_A_DATE = "not a date"
UNKNOWN_PERSON = "unknown person"


@dataclass(frozen=True)
class Rejected:
    errors: tuple[tuple[int | None, str | None, str], ...]  # (line, column, reason fragment)


@dataclass(frozen=True)
class Accepted:
    added: int
    warnings: tuple[str, ...] = ()  # reason fragments, in order


EXPECTED: dict[str, Rejected | Accepted] = {
    # Encodings and separators
    "accounts__latin1_encoding.csv": Rejected(((3, None, "is not UTF-8 text (byte 0xE9)"),)),
    "accounts__utf8_bom.csv": Accepted(2),
    "accounts__utf16_tab_separated.csv": Accepted(2),
    "accounts__semicolon_separator.csv": Accepted(2),
    "accounts__crlf_blank_lines.csv": Rejected(((5, "owner", UNKNOWN_PERSON),)),
    # Shape of the file
    "accounts__empty_file.csv": Rejected(((1, None, "the file is empty"),)),
    "accounts__blank_header.csv": Rejected(((1, None, "the header row is empty"),)),
    "accounts__header_only.csv": Accepted(0, ("the file has no data rows",)),
    "deals__missing_required_column.csv": Rejected(((1, "amount", "missing required column"),)),
    "accounts__duplicated_column.csv": Rejected(((1, "Name", "column 'name' is given twice"),)),
    "accounts__unknown_columns.csv": Accepted(1, ("unknown column", "unknown column")),
    "accounts__ragged_rows.csv": Rejected(
        (
            (3, None, "the row has 2 fields but the header has 3"),
            (4, None, "the row has 4 fields but the header has 3"),
        )
    ),
    "accounts__quoted_newlines.csv": Accepted(2),
    # B1 spans lines 2-3 and B3 lines 5-7: each row counts from the line where it starts.
    "accounts__quoted_newlines_then_error.csv": Rejected(
        ((5, "owner", UNKNOWN_PERSON), (8, "owner", UNKNOWN_PERSON))
    ),
    "accounts__unclosed_quote.csv": Rejected(((3, None, "ends inside a quoted field"),)),
    "accounts__bad_quoting.csv": Rejected(((2, None, "bad quoting"),)),
    "deals__huge_field.csv": Rejected(((2, "next_step", "longer than 65,535 characters"),)),
    "accounts__not_really_xlsx.xlsx": Rejected(((None, None, "is not a readable XLSX workbook"),)),
    # XLSX bombs (tests/ingest/xlsx_bombs.py makes them): refused before they inflate
    "people__xlsx_billion_laughs.xlsx": Rejected(((None, None, "declares XML entities"),)),
    "people__xlsx_shared_strings_bomb.xlsx": Rejected(((None, None, "is a zip bomb"),)),
    "people__xlsx_rows_beyond_excel.xlsx": Rejected(((None, None, "at most 1,048,576 rows"),)),
    "people__xlsx_far_row_undeclared.xlsx": Rejected(((None, None, "at most 1,048,576 rows"),)),
    "people__xlsx_far_column.xlsx": Rejected(((2, None, "is not a valid column name"),)),
    # Cells
    "deals__bad_dates.csv": Rejected(
        ((2, "created_date", NOT_A_DATE), (3, "close_date", NOT_A_DATE))
    ),
    "activities__bad_datetime.csv": Rejected(
        ((2, "occurred_at", NOT_A_DATE), (3, "occurred_at", NOT_A_DATE))
    ),
    "deals__bad_numbers.csv": Rejected(
        ((2, "amount", "not a number"), (3, "margin", "not a number"))
    ),
    # -5 is a number (a negative amount), never a formula; a negative margin is a loss-making deal.
    "deals__negative_amount.csv": Rejected(((2, "amount", "must not be negative"),)),
    "deals__close_before_created.csv": Rejected(
        ((2, "close_date", "close date is before the created date (2026-03-10)"),)
    ),
    "deals__status_and_currency.csv": Rejected(
        (
            (3, "status", "unknown value (expected one of: open, won, lost)"),
            (3, "currency", "not a currency code"),
        )
    ),
    "activities__unknown_type.csv": Rejected(((2, "type", "unknown value"),)),
    "activities__blank_required_value.csv": Rejected(
        ((2, "occurred_at", "required value is blank"), (3, "owner", "required value is blank"))
    ),
    "accounts__bad_yes_no.csv": Rejected(((2, "is_target", "not a yes/no value"),)),
    "forecasts__bad_period.csv": Rejected(
        ((2, "period", "quarters 1 to 4"), (3, "period", "is not a period name"))
    ),
    "plans__bad_planned_values.csv": Rejected(
        (
            (3, "planned", "share must be between 0 and 1"),
            (5, "month", "not a month"),
            (5, "planned", "count must be a whole number"),
        )
    ),
    "coaching__missing_subject_and_rating.csv": Rejected(
        ((3, "person", "needs its subject"), (4, "rating", "needs its rating"))
    ),
    "plans__unknown_person_line_and_repeats.csv": Rejected(
        (
            (3, "person", UNKNOWN_PERSON),
            (4, "line", "unknown value"),
            (5, "person", "duplicate plan line (same person, month and line)"),
        )
    ),
    # 1e9999 reads as infinity; =1+1 is not run, and not a number either.
    "plans__negative_infinite_and_formula.csv": Rejected(
        (
            (2, "planned", "must not be negative"),
            (3, "planned", "not a finite number"),
            (4, "planned", "not a number"),
        )
    ),
    "coaching__unknown_type_author_and_rating.csv": Rejected(
        (
            (3, "type", "unknown value"),
            (4, "rating", "a whole number from 1 to 5"),
            (5, "author", UNKNOWN_PERSON),
        )
    ),
    "coaching__duplicate_ids_bad_date_unknown_account.csv": Rejected(
        (
            (3, "external_id", "duplicate external id in the file (first on line 2)"),
            (4, "occurred_at", NOT_A_DATE),
            (4, "account", "unknown account"),
        )
    ),
    "activities__formula_payloads.csv": Accepted(4, ("spreadsheet formula",) * 3),
    # References
    "accounts__unknown_person.csv": Rejected(((2, "owner", UNKNOWN_PERSON),)),
    "accounts__ambiguous_person.csv": Rejected(((2, "owner", "ambiguous: several people match"),)),
    "activities__unknown_deal.csv": Rejected(
        ((2, "deal", "unknown deal"), (2, "account", "unknown account"))
    ),
    "activities__duplicate_external_ids.csv": Rejected(
        (
            (4, "external_id", "duplicate external id in the file (first on line 2)"),
            (5, "external_id", "duplicate external id in the file (first on line 3)"),
            (6, "external_id", "duplicate external id in the file (first on line 2)"),
        )
    ),
    # People and their hierarchy
    "people__manager_defined_later.csv": Accepted(2),
    "people__self_manager.csv": Rejected(((2, "manager", "cannot be their own manager"),)),
    "people__manager_cycle.csv": Rejected(
        ((2, "manager", "loops: C1 → C2 → C1"), (3, "manager", "loops: C1 → C2 → C1"))
    ),
    "people__bad_email.csv": Rejected(((2, "email", "not an email address"),)),
    "people__duplicate_email.csv": Rejected(((3, "email", "email given twice (also on line 2)"),)),
    "people__end_before_start.csv": Rejected(
        ((2, "end_date", "end date is before the start date"),)
    ),
    # Two people trading emails in one file (each email held by the other until the write).
    "people__swapped_emails.csv": Accepted(0),
    # An XLSX file's problems are located as a CSV's are (the blank row 3 still counts).
    "people__xlsx_bad_email_and_role.xlsx": Rejected(
        ((2, "email", "not an email address"), (4, "role", "unknown value"))
    ),
}


def import_corpus_file(db: Session, name: str) -> ImportReport:
    kind = name.split("__")[0]
    return run_import(db, kind, CORPUS / name, file_name=name)


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(path.name for path in CORPUS.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 50


REJECTED = sorted(name for name, outcome in EXPECTED.items() if isinstance(outcome, Rejected))
ACCEPTED = sorted(name for name, outcome in EXPECTED.items() if isinstance(outcome, Accepted))


@pytest.mark.parametrize("name", REJECTED)
def test_a_malformed_file_is_rejected_whole_with_every_problem_located(
    db: Session, org: Org, name: str
) -> None:
    expected = EXPECTED[name]
    assert isinstance(expected, Rejected)
    before = snapshot(db)
    found = sorted(errors(import_corpus_file(db, name)), key=lambda e: (e[0] or 0, e[1] or ""))
    wanted = sorted(expected.errors, key=lambda e: (e[0] or 0, e[1] or ""))
    assert [(line, column) for line, column, _ in found] == [
        (line, column) for line, column, _ in wanted
    ]
    for (_, _, reason), (_, _, fragment) in zip(found, wanted, strict=True):
        assert fragment in reason
    assert snapshot(db) == before


@pytest.mark.parametrize("name", ACCEPTED)
def test_an_odd_but_valid_file_imports(db: Session, org: Org, name: str) -> None:
    expected = EXPECTED[name]
    assert isinstance(expected, Accepted)
    report = import_corpus_file(db, name)
    assert errors(report) == []
    assert report.added == expected.added
    warnings = [warning["reason"] for warning in report.warnings.to_list()]
    assert len(warnings) == len(expected.warnings)
    for reason, fragment in zip(warnings, expected.warnings, strict=True):
        assert fragment in reason
