"""Importing people: the hierarchy, re-imports, and what makes a people file wrong."""

from datetime import date
from pathlib import Path

from ingest_helpers import Org, counts, errors, people_by_external_id, run_text, snapshot
from sqlalchemy.orm import Session

HEADER = "external_id,name,email,role,manager,team,territory,start_date,end_date,manager_type\n"
# Nia's manager is named by email, Ned's by external id, and both come before their manager's
# own row is read: Nora is the last row.
TEAM = (
    HEADER
    + "N3,Nia Rep,nia@example.com,rep,ned@example.com,North,Oslo,2022-03-01,,\n"
    + "N2,Ned Lead,ned@example.com,manager,N1,North,,2021-02-01,,player_coach\n"
    + "N1,Nora North,Nora@Example.COM,director,,,,2021-01-04,,\n"
)


def test_people_are_added_with_managers_defined_later_in_the_file(
    db: Session, tmp_path: Path
) -> None:
    report = run_text(db, tmp_path, "people", TEAM)
    assert errors(report) == []
    assert counts(report) == (3, 3, 0, 0)
    people = people_by_external_id(db)
    nora, ned, nia = people["N1"], people["N2"], people["N3"]
    assert ned.manager_id == nora.id
    assert nia.manager_id == ned.id
    assert nora.manager_id is None
    assert (nia.team, nia.territory, nia.start_date) == ("North", "Oslo", date(2022, 3, 1))
    assert ned.manager_type == "player_coach"


def test_emails_are_stored_in_lower_case(db: Session, tmp_path: Path) -> None:
    run_text(db, tmp_path, "people", TEAM)
    assert people_by_external_id(db)["N1"].email == "nora@example.com"


def test_the_same_file_twice_changes_nothing(db: Session, tmp_path: Path) -> None:
    run_text(db, tmp_path, "people", TEAM)
    before = snapshot(db)
    report = run_text(db, tmp_path, "people", TEAM)
    assert counts(report) == (3, 0, 0, 3)
    after = snapshot(db)
    # Only the second import's run record is new.
    assert {t: v for t, v in after.items() if t != "import_runs"} == {
        t: v for t, v in before.items() if t != "import_runs"
    }


def test_a_changed_manager_and_team_update_the_person(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "people", TEAM)
    moved = TEAM.replace(
        "N3,Nia Rep,nia@example.com,rep,ned@example.com,North",
        "N3,Nia Rep,nia@example.com,rep,Mia Manager,East",
    )
    report = run_text(db, tmp_path, "people", moved)
    assert counts(report) == (3, 0, 1, 2)
    nia = people_by_external_id(db)["N3"]
    assert (nia.manager_id, nia.team) == (org.mia.id, "East")


def test_a_manager_can_be_found_by_the_name_the_file_gives_them(
    db: Session, tmp_path: Path, org: Org
) -> None:
    # Rob is renamed in this very file; his report names him by the new name.
    content = (
        HEADER
        + "P3,Robert Rep,rob@example.com,manager,P2,,,,,\n"
        + "N9,Newt,newt@example.com,rep,Robert Rep,,,,,\n"
    )
    report = run_text(db, tmp_path, "people", content)
    assert errors(report) == []
    assert counts(report) == (2, 1, 1, 0)
    assert people_by_external_id(db)["N9"].manager_id == org.rob.id


def test_a_person_managing_themselves_is_rejected(db: Session, tmp_path: Path) -> None:
    report = run_text(db, tmp_path, "people", HEADER + "S1,Solo,solo@example.com,rep,S1,,,,,\n")
    assert errors(report) == [(2, "manager", "a person cannot be their own manager")]


def test_a_management_loop_is_rejected_on_every_row_in_it(db: Session, tmp_path: Path) -> None:
    content = (
        HEADER
        + "C1,Cy One,c1@example.com,manager,C2,,,,,\n"
        + "C2,Cy Two,c2@example.com,manager,C3,,,,,\n"
        + "C3,Cy Three,c3@example.com,manager,C1,,,,,\n"
        + "C4,Cy Four,c4@example.com,rep,C1,,,,,\n"
    )
    report = run_text(db, tmp_path, "people", content)
    # C4 hangs below the loop without being part of it: only the three in it are wrong.
    loop = "the manager chain loops: C1 → C2 → C3 → C1"
    assert errors(report) == [(2, "manager", loop), (3, "manager", loop), (4, "manager", loop)]


def test_an_email_of_someone_else_is_rejected(db: Session, tmp_path: Path, org: Org) -> None:
    report = run_text(db, tmp_path, "people", HEADER + "N5,Imposter,ROB@example.com,rep,,,,,,\n")
    assert errors(report) == [(2, "email", "email already belongs to person P3")]


def test_an_end_date_before_the_start_date_is_rejected(db: Session, tmp_path: Path) -> None:
    content = HEADER + "E1,Early,e1@example.com,rep,,,,2024-05-01,2024-04-30,\n"
    report = run_text(db, tmp_path, "people", content)
    assert errors(report) == [(2, "end_date", "end date is before the start date")]


def test_a_dry_run_counts_and_writes_nothing(db: Session, tmp_path: Path, org: Org) -> None:
    before = snapshot(db)
    report = run_text(db, tmp_path, "people", TEAM, dry_run=True)
    assert counts(report) == (3, 3, 0, 0)
    assert snapshot(db) == before
