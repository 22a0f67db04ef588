"""A file without an optional column leaves that field alone; a blank cell clears it.

CRM exports differ in what they include (a Salesforce export without margin): re-importing such
a file must not wipe what an earlier, fuller file stored.
"""

from pathlib import Path

from ingest_helpers import Org, counts, errors, run_text
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.store.models import Account, Activity, Deal, DealChange

FULL = (
    "external_id,owner,amount,status,created_date,close_date,stage,margin\n"
    "D7,Rob Rep,12000,open,2026-01-10,2026-03-31,Proposal,0.3\n"
)
WITHOUT_MARGIN_AND_STAGE = (
    "external_id,owner,amount,status,created_date,close_date\n"
    "D7,Rob Rep,15000,open,2026-01-10,2026-03-31\n"
    "D8,Rob Rep,500,open,2026-01-10,2026-03-31\n"
)


def _deal(db: Session, external_id: str) -> Deal:
    return db.scalars(select(Deal).where(Deal.external_id == external_id)).one()


def test_a_reimport_without_the_margin_column_keeps_stored_margins(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "deals", FULL)
    report = run_text(db, tmp_path, "deals", WITHOUT_MARGIN_AND_STAGE)
    assert errors(report) == []
    assert counts(report) == (2, 1, 1, 0)
    db.expire_all()
    renewal = _deal(db, "D7")
    assert (renewal.amount, renewal.margin, renewal.stage) == (15000.0, 0.3, "Proposal")
    assert _deal(db, "D8").margin is None  # a new row gets the column's default
    fields = db.scalars(select(DealChange.field).where(DealChange.deal_id == renewal.id))
    assert list(fields) == ["amount"]  # no history for a stage the file did not mention


def test_a_blank_margin_cell_clears_the_stored_margin(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "deals", FULL)
    run_text(db, tmp_path, "deals", FULL.replace("Proposal,0.3", "Proposal,"))
    db.expire_all()
    assert _deal(db, "D7").margin is None


def test_a_file_with_nothing_but_absent_columns_changed_counts_every_row_unchanged(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "deals", FULL)
    report = run_text(
        db, tmp_path, "deals", FULL.replace(",stage,margin", "").replace(",Proposal,0.3", "")
    )
    assert counts(report) == (1, 0, 0, 1)


def test_accounts_reimported_without_is_target_stay_targets(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(
        db,
        tmp_path,
        "accounts",
        "external_id,name,owner,is_target,segment\nA1,Acme Corp,Rob Rep,yes,SMB\n",
    )
    report = run_text(
        db, tmp_path, "accounts", "external_id,name,owner\nA1,Acme Corp,Rob Rep\nA9,New,Rob Rep\n"
    )
    assert counts(report) == (2, 1, 0, 1)
    db.expire_all()
    accounts = {a.external_id: a for a in db.scalars(select(Account))}
    assert (accounts["A1"].is_target, accounts["A1"].segment) == (True, "SMB")
    assert accounts["A9"].is_target is False  # the model's default for a new row


def test_activities_reimported_without_outcome_keep_outcome_and_decision_maker(
    db: Session, tmp_path: Path, org: Org
) -> None:
    header = "external_id,owner,type,occurred_at"
    run_text(
        db,
        tmp_path,
        "activities",
        f"{header},outcome,with_decision_maker\nX1,Rob Rep,call,2026-02-03,Booked,yes\n",
    )
    report = run_text(db, tmp_path, "activities", f"{header}\nX1,Rob Rep,call,2026-02-04\n")
    assert counts(report) == (1, 0, 1, 0)
    db.expire_all()
    activity = db.scalars(select(Activity)).one()
    assert (activity.outcome, activity.with_decision_maker) == ("Booked", True)
    assert str(activity.occurred_on) == "2026-02-04"
