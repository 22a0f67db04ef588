"""Importing coaching records: who did what with whom, when (on the organisation's clock)."""

from datetime import date, datetime
from pathlib import Path

import pytest
from ingest_helpers import Org, counts, errors, run_text
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pacesetter.store.models import CoachingRecord, OrgSettings

HEADER = "external_id,type,author,occurred_at,person,rating,skill,notes,account\n"
FILE = (
    HEADER
    + "C1,one_on_one,mia@example.com,2026-03-02T10:00:00,Rob Rep,,,Reviewed February.,\n"
    + "C2,Ride_Along,P2,2026-03-03,P3,4,Discovery,Went well: questions.,Acme Corp\n"
    + "C3,team_meeting,P2,2026-03-04T09:00:00,,,,Pipeline review.,\n"
    + "C4,upward_feedback,P3,2026-03-05,P2,5,,,\n"
    + "C5,customer_experience,P3,2026-03-06,P3,4.0,,Survey after the win.,A1\n"
    + "C6,recognition,P2,2026-03-07,P4,,,Deal of the month.,\n"
)


def records(db: Session) -> dict[str, CoachingRecord]:
    return {r.external_id: r for r in db.scalars(select(CoachingRecord))}


def test_coaching_records_are_added_with_their_references(
    db: Session, tmp_path: Path, org: Org
) -> None:
    report = run_text(db, tmp_path, "coaching", FILE)
    assert errors(report) == []
    assert counts(report) == (6, 6, 0, 0)
    found = records(db)
    ride = found["C2"]
    assert (ride.type, ride.author_id, ride.person_id, ride.rating, ride.skill) == (
        "ride_along",
        org.mia.id,
        org.rob.id,
        4,
        "Discovery",
    )
    assert (ride.account_id, ride.occurred_at, ride.occurred_on) == (
        org.acme.id,
        datetime(2026, 3, 3),
        date(2026, 3, 3),
    )
    assert (found["C3"].person_id, found["C3"].rating, found["C3"].notes) == (
        None,
        None,
        "Pipeline review.",
    )
    assert (found["C4"].author_id, found["C4"].person_id) == (org.rob.id, org.mia.id)


def test_reimporting_coaching_records_changes_only_what_changed(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "coaching", FILE)
    assert counts(run_text(db, tmp_path, "coaching", FILE)) == (6, 0, 0, 6)
    report = run_text(db, tmp_path, "coaching", FILE.replace("P3,4,Discovery", "P3,3,Discovery"))
    assert counts(report) == (6, 0, 1, 5)
    assert records(db)["C2"].rating == 3


def test_a_record_counts_on_its_local_date_in_the_organisation_time_zone(
    db: Session, tmp_path: Path, org: Org
) -> None:
    db.add(OrgSettings(id=1, timezone="America/New_York"))
    db.flush()
    # 02:00 UTC on 16 January is 21:00 on the 15th in New York (UTC-5).
    row = "T1,check_in,P2,2026-01-16T02:00:00Z,P3,,,,\n"
    assert errors(run_text(db, tmp_path, "coaching", HEADER + row)) == []
    record = records(db)["T1"]
    assert (record.occurred_at, record.occurred_on) == (datetime(2026, 1, 16, 2), date(2026, 1, 15))


BAD_ROWS = [
    # (row, [(column, reason fragment)])
    ("B,coffee,P2,2026-03-02,P3,,,,", [("type", "unknown value (expected one of: one_on_one")]),
    ("B,one_on_one,Nobody,2026-03-02,P3,,,,", [("author", "unknown person")]),
    ("B,one_on_one,P2,2026-03-02,Sam Lee,,,,", [("person", "ambiguous: several people match")]),
    ("B,one_on_one,P2,yesterday,P3,,,,", [("occurred_at", "not a date")]),
    ("B,one_on_one,P2,2026-03-02,,,,,", [("person", "a one_on_one record needs its subject")]),
    ("B,improvement_plan,P2,2026-03-02,P2,,,,", [("person", "cannot be about its author")]),
    ("B,ride_along,P2,2026-03-02,P3,0,,,", [("rating", "a whole number from 1 to 5")]),
    ("B,ride_along,P2,2026-03-02,P3,6,,,", [("rating", "a whole number from 1 to 5")]),
    ("B,ride_along,P2,2026-03-02,P3,3.5,,,", [("rating", "a whole number from 1 to 5")]),
    ("B,ride_along,P2,2026-03-02,P3,good,,,", [("rating", "not a number")]),
    (
        "B,upward_feedback,P3,2026-03-02,P2,,,,",
        [("rating", "upward_feedback record needs its rating")],
    ),
    (
        "B,customer_experience,P3,2026-03-02,P3,4,,,",
        [("account", "needs the customer who rated (account)")],
    ),
    ("B,debrief,P2,2026-03-02,P3,3,,,Initech", [("account", "unknown account")]),
    ("B,interview,P2,2026-03-02,,,,,", []),
]


@pytest.mark.parametrize(("line", "problems"), BAD_ROWS)
def test_each_bad_cell_is_reported_with_its_column_and_reason(
    db: Session, tmp_path: Path, org: Org, line: str, problems: list[tuple[str, str]]
) -> None:
    report = run_text(db, tmp_path, "coaching", HEADER + line + "\n")
    found = errors(report)
    assert [(row, column) for row, column, _ in found] == [(2, column) for column, _ in problems]
    for (_, _, reason), (_, fragment) in zip(found, problems, strict=True):
        assert fragment in reason
    assert len(records(db)) == (0 if problems else 1)


def test_a_file_with_errors_writes_nothing_and_reports_every_row(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "coaching", FILE)
    changed = FILE.replace("Reviewed February.", "Reviewed February again.")
    content = changed + "C7,check_in,P2,2026-03-09,,,,,\n" + "C1,check_in,P2,2026-03-10,P3,,,,\n"
    report = run_text(db, tmp_path, "coaching", content)
    assert [(line, column) for line, column, _ in errors(report)] == [
        (8, "person"),
        (9, "external_id"),
    ]
    assert records(db)["C1"].notes == "Reviewed February."
    assert db.scalar(select(func.count()).select_from(CoachingRecord)) == 6


def test_a_reimport_without_the_notes_column_keeps_the_stored_notes(
    db: Session, tmp_path: Path, org: Org
) -> None:
    run_text(db, tmp_path, "coaching", FILE)
    short = "external_id,type,author,occurred_at,person\nC1,one_on_one,P2,2026-03-02T10:00,P3\n"
    assert counts(run_text(db, tmp_path, "coaching", short)) == (1, 0, 0, 1)
    assert records(db)["C1"].notes == "Reviewed February."
