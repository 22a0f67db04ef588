"""Importing plans: the lines of each rep's monthly QDQ plan, keyed by (person, month, line)."""

from datetime import date
from pathlib import Path

import pytest
from ingest_helpers import Org, counts, errors, run_text
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.store.models import PlanLine

HEADER = "person,month,line,planned\n"
FILE = (
    HEADER
    + "rob@example.com,2026-03,call,120\n"
    + "P3,2026-3,Meeting,20\n"
    + "Rob Rep,2026-03,direction,0.35\n"
    + "P3,2026-03,quality,3.5\n"
    + "P4,2026-04,demo,0\n"
)


def plan(db: Session) -> list[tuple[int, str, date, str, float]]:
    rows = db.scalars(select(PlanLine).order_by(PlanLine.person_id, PlanLine.month, PlanLine.line))
    return [(p.person_id, p.month, p.month_start, p.line, p.planned) for p in rows]


def test_plan_lines_are_stored_by_person_canonical_month_and_line(
    db: Session, tmp_path: Path, org: Org
) -> None:
    report = run_text(db, tmp_path, "plans", FILE)
    assert errors(report) == []
    assert counts(report) == (5, 5, 0, 0)
    march = date(2026, 3, 1)
    assert plan(db) == [
        (org.rob.id, "2026-03", march, "call", 120.0),
        (org.rob.id, "2026-03", march, "direction", 0.35),
        (org.rob.id, "2026-03", march, "meeting", 20.0),
        (org.rob.id, "2026-03", march, "quality", 3.5),
        (org.rita.id, "2026-04", date(2026, 4, 1), "demo", 0.0),
    ]


def test_reimporting_a_plan_changes_only_the_lines_whose_value_changed(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "plans", FILE)
    assert counts(run_text(db, tmp_path, "plans", FILE)) == (5, 0, 0, 5)
    report = run_text(db, tmp_path, "plans", FILE.replace("call,120", "call,130"))
    assert counts(report) == (5, 0, 1, 4)
    assert (org.rob.id, "2026-03", date(2026, 3, 1), "call", 130.0) in plan(db)


BAD_CELLS = [
    # (row, column, reason fragment)
    ("P3,2026-03,direction,1.5", "planned", "share must be between 0 and 1 (35% is 0.35)"),
    ("P3,2026-03,direction,-0.1", "planned", "share must be between 0 and 1"),
    ("P3,2026-03,quality,0", "planned", "rating must be between 1 and 5"),
    ("P3,2026-03,quality,5.5", "planned", "rating must be between 1 and 5"),
    ("P3,2026-03,call,-1", "planned", "count must not be negative"),
    ("P3,2026-03,call,12.5", "planned", "count must be a whole number"),
    ("P3,2026-03,call,lots", "planned", "not a number"),
    ("P3,2026-03,call,", "planned", "required value is blank"),
    ("P3,2026-03,calls,10", "line", "unknown value (expected one of: call, email, meeting"),
    ("P3,2026-13,call,10", "month", "months 1 to 12"),
    ("P3,2026-Q1,call,10", "month", "not a month (expected YYYY-MM"),
    ("P3,March,call,10", "month", "is not a period name"),
    ("Nobody,2026-03,call,10", "person", "unknown person"),
    ("Sam Lee,2026-03,call,10", "person", "ambiguous: several people match"),
]


@pytest.mark.parametrize(("line", "column", "reason"), BAD_CELLS)
def test_a_bad_cell_is_reported_with_its_line_column_and_reason(
    db: Session, tmp_path: Path, org: Org, line: str, column: str, reason: str
) -> None:
    report = run_text(db, tmp_path, "plans", HEADER + "P4,2026-03,call,10\n" + line + "\n")
    [(found_line, found_column, found_reason)] = errors(report)
    assert (found_line, found_column) == (3, column)
    assert reason in found_reason
    assert plan(db) == []


def test_a_file_with_errors_writes_nothing_and_reports_every_bad_cell(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "plans", FILE)
    before = plan(db)
    content = FILE.replace("call,120", "call,999") + "P4,2026-05,quality,9\nX,2026-05,call,-3\n"
    report = run_text(db, tmp_path, "plans", content)
    assert [(line, column) for line, column, _ in errors(report)] == [
        (7, "planned"),
        (8, "person"),
        (8, "planned"),
    ]
    assert plan(db) == before


def test_the_same_line_twice_for_a_person_and_month_is_a_duplicate(
    db: Session, tmp_path: Path, org: Org
) -> None:
    content = HEADER + "P3,2026-03,call,10\n" + "rob@example.com,2026-3,CALL,12\n"
    report = run_text(db, tmp_path, "plans", content)
    assert errors(report) == [
        (
            3,
            "person",
            "duplicate plan line (same person, month and line) in the file (first on line 2)",
        )
    ]
