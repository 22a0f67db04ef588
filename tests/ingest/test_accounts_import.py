"""Importing accounts: owners by email, external id or unique name; target flags."""

from pathlib import Path

from ingest_helpers import Org, counts, errors, run_text
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.store.models import Account

HEADER = "external_id,name,owner,segment,territory,is_target\n"
FILE = (
    HEADER
    + "B1,Bluth Co,rob@example.com,SMB,West,Yes\n"
    + "B2,Initech,P4,Enterprise,,0\n"
    + "B3,Hooli,Rita Rep,,,\n"
)


def accounts(db: Session) -> dict[str, Account]:
    return {a.external_id: a for a in db.scalars(select(Account))}


def test_accounts_are_added_with_owners_found_by_email_id_or_name(
    db: Session, tmp_path: Path, org: Org
) -> None:
    report = run_text(db, tmp_path, "accounts", FILE)
    assert errors(report) == []
    assert counts(report) == (3, 3, 0, 0)
    stored = accounts(db)
    assert [stored[k].owner_id for k in ("B1", "B2", "B3")] == [
        org.rob.id,
        org.rita.id,
        org.rita.id,
    ]
    # Yes -> true, 0 -> false, blank -> false.
    assert [stored[k].is_target for k in ("B1", "B2", "B3")] == [True, False, False]
    assert (stored["B1"].segment, stored["B1"].territory) == ("SMB", "West")


def test_a_renamed_account_is_updated_and_the_others_left_alone(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "accounts", FILE)
    report = run_text(db, tmp_path, "accounts", FILE.replace("Initech", "Initrode"))
    assert counts(report) == (3, 0, 1, 2)
    assert accounts(db)["B2"].name == "Initrode"


def test_an_ambiguous_owner_name_is_an_error_naming_the_fix(
    db: Session, tmp_path: Path, org: Org
) -> None:
    report = run_text(db, tmp_path, "accounts", HEADER + "B9,Umbrella,Sam Lee,,,\n")
    assert errors(report) == [(2, "owner", "ambiguous: several people match; use the external id")]
