"""Importing forecasts: keyed by manager, period and submission time."""

from datetime import date, datetime
from pathlib import Path

from ingest_helpers import Org, counts, errors, run_text
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.store.models import Forecast

HEADER = "manager,period,amount,submitted_at\n"
FILE = (
    HEADER
    + "mia@example.com,2026-q1,250000,2026-01-05T09:00:00\n"
    + "P2,2026-Q1,240000,2026-02-02\n"
)


def forecasts(db: Session) -> list[tuple[int, str, float, datetime, date]]:
    rows = db.scalars(select(Forecast).order_by(Forecast.submitted_at))
    return [(f.manager_id, f.period, f.amount, f.submitted_at, f.submitted_on) for f in rows]


def test_each_submission_is_a_forecast_with_a_canonical_period(
    db: Session, tmp_path: Path, org: Org
) -> None:
    report = run_text(db, tmp_path, "forecasts", FILE)
    assert errors(report) == []
    assert forecasts(db) == [
        (org.mia.id, "2026-Q1", 250000.0, datetime(2026, 1, 5, 9), date(2026, 1, 5)),
        (org.mia.id, "2026-Q1", 240000.0, datetime(2026, 2, 2), date(2026, 2, 2)),
    ]


def test_a_new_amount_for_the_same_submission_updates_it(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "forecasts", FILE)
    report = run_text(db, tmp_path, "forecasts", FILE.replace("240000", "260000"))
    assert counts(report) == (2, 0, 1, 1)
    assert [amount for _, _, amount, _, _ in forecasts(db)] == [250000.0, 260000.0]


def test_a_period_outside_the_calendar_is_an_error(db: Session, tmp_path: Path, org: Org) -> None:
    report = run_text(db, tmp_path, "forecasts", HEADER + "P2,2026-Q5,1,2026-01-05\n")
    [(line, column, reason)] = errors(report)
    assert (line, column) == (2, "period")
    assert "quarters 1 to 4" in reason


def test_the_same_submission_twice_in_a_file_is_a_duplicate(
    db: Session, tmp_path: Path, org: Org
) -> None:
    content = (
        HEADER + "P2,2026-Q1,1,2026-01-05T09:00\n" + "mia@example.com,2026-q1,2,2026-01-05 09:00\n"
    )
    report = run_text(db, tmp_path, "forecasts", content)
    assert errors(report) == [
        (
            3,
            "manager",
            "duplicate forecast (same manager, period and submitted_at) in the file "
            "(first on line 2)",
        )
    ]
