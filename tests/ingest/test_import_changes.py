"""An import lists what it changes in existing rows, field by field, and calls out identity
changes (a person renamed, moved, given a new email or role) before anything is written."""

from pathlib import Path

import pytest
from ingest_helpers import Org, run_text, snapshot
from sqlalchemy.orm import Session

from pacesetter.cli.importing import _print_text
from pacesetter.ingest.changes import IdentityChange

PEOPLE = (
    "external_id,name,email,role,manager,start_date\n"
    "P1,Dana Boss,dana@example.com,director,,2020-01-01\n"
    "P2,Mia Manager,mia@example.com,manager,P1,2020-01-01\n"
    "P3,Robert Rep,rob@example.com,rep,P1,2020-01-01\n"
    "P4,Rita Rep-Jones,rita@example.com,rep,P2,2020-01-01\n"
)


def _changes(report: object) -> dict[str, list[tuple[str, str | None, str | None]]]:
    rows = report.to_dict()["changes"]["rows"]  # type: ignore[attr-defined]
    return {row["key"]: [(f["field"], f["old"], f["new"]) for f in row["fields"]] for row in rows}


def test_a_dry_run_lists_each_changed_field_with_the_manager_by_name(
    db: Session, tmp_path: Path, org: Org
) -> None:
    before = snapshot(db)
    report = run_text(db, tmp_path, "people", PEOPLE, dry_run=True)
    assert report.updated == 2
    assert _changes(report) == {
        "P3": [("name", "Rob Rep", "Robert Rep"), ("manager", "Mia Manager", "Dana Boss")],
        "P4": [("name", "Rita Rep", "Rita Rep-Jones")],
    }
    assert snapshot(db) == before


def test_identity_changes_are_counted_and_said_in_words(
    db: Session, tmp_path: Path, org: Org
) -> None:
    report = run_text(db, tmp_path, "people", PEOPLE, dry_run=True)
    assert report.changes is not None
    identity = report.changes.identity
    assert identity == [
        IdentityChange("name", "renamed", 2),
        IdentityChange("manager", "moved to another manager", 1),
    ]
    assert [change.sentence(dry_run=True) for change in identity] == [
        "2 people will be renamed",
        "1 person will be moved to another manager",
    ]
    assert identity[0].sentence(dry_run=False) == "2 people were renamed"
    assert report.to_dict()["changes"]["fields"] == {"name": 2, "manager": 1}


def test_a_deal_update_shows_old_and_new_amounts_and_the_account_by_name(
    db: Session, tmp_path: Path, org: Org
) -> None:
    header = "external_id,owner,amount,status,created_date,close_date,account\n"
    moved = header + "D1,Rob Rep,1500.5,open,2026-01-05,2026-03-31,Globex\n"
    report = run_text(db, tmp_path, "deals", moved)
    assert _changes(report) == {
        "D1": [("account", "Acme Corp", "Globex"), ("amount", "1000", "1500.5")]
    }
    assert report.changes is not None and report.changes.identity == []


def test_the_summary_keeps_the_documented_fields_first_and_adds_changes(
    db: Session, tmp_path: Path, org: Org
) -> None:
    summary = run_text(db, tmp_path, "people", PEOPLE, dry_run=True).to_dict()
    documented = ["kind", "file", "rows", "added", "updated", "unchanged", "warnings", "errors"]
    assert list(summary) == [*documented, "changes"]


def test_the_cli_text_output_says_who_will_be_renamed(
    db: Session, tmp_path: Path, org: Org, capsys: pytest.CaptureFixture[str]
) -> None:
    _print_text(run_text(db, tmp_path, "people", PEOPLE, dry_run=True))
    out = capsys.readouterr().out
    assert "2 people will be renamed." in out
    assert "1 person will be moved to another manager." in out
