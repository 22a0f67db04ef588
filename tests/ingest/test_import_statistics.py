"""An import leaves PostgreSQL's planner statistics current for what it wrote (the reports that
follow would otherwise plan over a table that reads as empty), by autovacuum's own rule."""

from pathlib import Path

import pytest
from ingest_helpers import make_org, run_text
from sqlalchemy import text
from sqlalchemy.orm import Session

from pacesetter.store.statistics import needs_analyze

HEADER = "external_id,owner,type,occurred_at,account,deal,outcome,with_decision_maker\n"


@pytest.mark.parametrize(
    ("written", "known", "expected"),
    [
        (1, -1, True),  # never analysed: any write
        (0, -1, False),
        (50, 0, False),  # autovacuum's threshold: more than 50 rows plus 10 %
        (51, 0, True),
        (150, 1000, False),
        (151, 1000, True),
    ],
)
def test_a_table_is_analysed_when_a_write_changes_a_tenth_of_it_past_fifty_rows(
    written: int, known: float, expected: bool
) -> None:
    assert needs_analyze(written, known) is expected


def _reltuples(db: Session, table: str) -> float:
    query = text("SELECT reltuples FROM pg_class WHERE oid = CAST(:name AS regclass)")
    return float(db.scalar(query, {"name": table}))


def test_an_import_gathers_statistics_of_its_table_and_rollups_on_postgresql(
    db: Session, db_kind: str, tmp_path: Path
) -> None:
    if db_kind != "postgresql":
        pytest.skip("SQLite plans without statistics: the import leaves them alone")
    make_org(db)
    rows = "".join(
        f"X{number},Rob Rep,call,2026-03-{1 + number % 28:02d}T10:00:00,Acme Corp,,,\n"
        for number in range(400)
    )
    report = run_text(db, tmp_path, "activities", HEADER + rows)
    assert report.accepted and report.added == 400
    # ANALYZE counts the rows the transaction itself wrote: the statistics read the table's size.
    stored = db.scalar(text("SELECT count(*) FROM activities"))
    assert _reltuples(db, "activities") == stored
    summed = db.scalar(text("SELECT count(*) FROM activity_rollups"))
    assert _reltuples(db, "activity_rollups") == summed
