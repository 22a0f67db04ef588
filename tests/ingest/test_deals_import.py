"""Importing deals: amounts, dates, statuses, and the history kept when a deal changes."""

from datetime import date
from pathlib import Path

from ingest_helpers import Org, counts, errors, run_text
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.store.models import Deal, DealChange, ImportRun

HEADER = (
    "external_id,owner,amount,status,created_date,close_date,"
    "name,account,stage,margin,next_step,currency\n"
)
FILE = (
    HEADER
    + "D7,Rob Rep,12000,open,2026-01-10,2026-03-31,Acme renewal,A1,Proposal,0.3,Send quote,usd\n"
    + 'D8,rita@example.com,"4,500.50",won,2026-01-12,2026-02-20,Globex pilot,Globex,Closed Won,,,\n'
)


def deal(db: Session, external_id: str) -> Deal:
    return db.scalars(select(Deal).where(Deal.external_id == external_id)).one()


def history(db: Session) -> list[tuple[str, str | None, str | None, int | None]]:
    changes = db.scalars(select(DealChange).order_by(DealChange.id))
    return [(c.field, c.old_value, c.new_value, c.import_run_id) for c in changes]


def test_deals_are_added_with_owner_account_and_typed_values(
    db: Session, tmp_path: Path, org: Org
) -> None:
    report = run_text(db, tmp_path, "deals", FILE)
    assert errors(report) == []
    assert counts(report) == (2, 2, 0, 0)
    renewal, pilot = deal(db, "D7"), deal(db, "D8")
    assert (renewal.owner_id, renewal.account_id, renewal.amount) == (
        org.rob.id,
        org.acme.id,
        12000.0,
    )
    assert (renewal.currency, renewal.margin, renewal.next_step) == ("USD", 0.3, "Send quote")
    assert (pilot.amount, pilot.status, pilot.close_date) == (4500.5, "won", date(2026, 2, 20))


def test_a_reimport_that_moves_a_deal_records_each_changed_field(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "deals", FILE)
    assert history(db) == []
    moved = FILE.replace("12000,open,2026-01-10,2026-03-31", "15000,open,2026-01-10,2026-04-30")
    moved = moved.replace("Proposal", "Negotiation")
    report = run_text(db, tmp_path, "deals", moved)
    assert counts(report) == (2, 0, 1, 1)
    run_id = db.scalars(select(ImportRun.id).order_by(ImportRun.id.desc())).first()
    assert report.run_id == run_id
    assert history(db) == [
        ("stage", "Proposal", "Negotiation", run_id),
        ("amount", "12000", "15000", run_id),
        ("close_date", "2026-03-31", "2026-04-30", run_id),
    ]
    assert deal(db, "D7").close_date == date(2026, 4, 30)


def test_a_change_outside_the_tracked_fields_updates_without_history(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "deals", FILE)
    report = run_text(db, tmp_path, "deals", FILE.replace("Send quote", "Call CFO"))
    assert counts(report) == (2, 0, 1, 1)
    assert history(db) == []


def test_accepted_imports_are_recorded_as_runs(db: Session, tmp_path: Path, org: Org) -> None:
    run_text(db, tmp_path, "deals", FILE, name="q1.csv")
    run_text(db, tmp_path, "deals", FILE, name="q1.csv")
    runs = db.scalars(select(ImportRun).order_by(ImportRun.id)).all()
    assert [
        (r.kind, r.file_name, r.status, r.rows, r.added, r.updated, r.unchanged) for r in runs
    ] == [
        ("deals", "q1.csv", "accepted", 2, 2, 0, 0),
        ("deals", "q1.csv", "accepted", 2, 0, 0, 2),
    ]
    assert all(r.finished_at is not None for r in runs)


def test_every_bad_cell_of_every_row_is_reported(db: Session, tmp_path: Path, org: Org) -> None:
    content = (
        HEADER
        + "E1,nobody@example.com,-5,pending,2026-01-10,2026-03-31,,,,,,\n"
        + "E2,P3,100,open,2026-02-30,2026-03-31,,,,,,dollars\n"
        + "E3,P3,100,open,2026-03-10,2026-03-01,,Initech,,,,\n"
    )
    report = run_text(db, tmp_path, "deals", content)
    assert errors(report) == [
        (2, "owner", "unknown person (no person has this external id, email or name)"),
        (2, "amount", "must not be negative"),
        (2, "status", "unknown value (expected one of: open, won, lost)"),
        (3, "created_date", "not a date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)"),
        (3, "currency", "not a currency code (three letters, e.g. USD)"),
        (4, "account", "unknown account (no account has this external id or name)"),
        (4, "close_date", "close date is before the created date (2026-03-10)"),
    ]
    assert report.added == 0
