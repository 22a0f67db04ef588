"""A people file without an optional column (team, territory, dates, manager type, manager)
leaves those stored values alone; a blank cell still clears them; a new row gets the defaults.

Org of ingest_helpers: Dana Boss (P1) > Mia Manager (P2) > Rob Rep (P3), Rita Rep (P4).
"""

from datetime import date
from pathlib import Path

from ingest_helpers import Org, counts, errors, run_text
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.store.models import Person

FULL = (
    "external_id,name,email,role,manager,team,territory,start_date,end_date\n"
    "P3,Rob Rep,rob@example.com,rep,Mia Manager,East,NY,2020-01-01,2030-12-31\n"
)
IDENTITY_ONLY = (
    "external_id,name,email,role\n"
    "P3,Robert Rep,rob@example.com,rep\n"
    "P9,Nia New,nia@example.com,rep\n"
)


def _person(db: Session, external_id: str) -> Person:
    db.expire_all()
    return db.scalars(select(Person).where(Person.external_id == external_id)).one()


def test_a_people_file_without_optional_columns_keeps_stored_values(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "people", FULL)
    report = run_text(db, tmp_path, "people", IDENTITY_ONLY)
    assert errors(report) == []
    assert counts(report) == (2, 1, 1, 0)  # rows, added, updated (the name), unchanged
    rob = _person(db, "P3")
    kept = (rob.name, rob.manager_id, rob.team, rob.territory, rob.start_date, rob.end_date)
    assert kept == ("Robert Rep", org.mia.id, "East", "NY", date(2020, 1, 1), date(2030, 12, 31))
    nia = _person(db, "P9")
    assert (nia.manager_id, nia.team, nia.start_date) == (None, None, None)


def test_an_unchanged_people_file_without_the_manager_column_changes_nothing(
    db: Session, tmp_path: Path, org: Org
) -> None:
    report = run_text(
        db, tmp_path, "people", "external_id,name,email,role\nP3,Rob Rep,rob@example.com,rep\n"
    )
    assert counts(report) == (1, 0, 0, 1)
    assert _person(db, "P3").manager_id == org.mia.id


def test_blank_cells_still_clear_the_team_and_the_manager(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "people", FULL)
    run_text(db, tmp_path, "people", FULL.replace("Mia Manager,East,NY", ",,NY"))
    rob = _person(db, "P3")
    assert (rob.manager_id, rob.team, rob.territory) == (None, None, "NY")
