"""Importing activities: references, types, and which local day an activity counts on."""

from datetime import date, datetime
from pathlib import Path

import pytest
from ingest_helpers import Org, counts, errors, run_text
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.store.models import Activity, OrgSettings

HEADER = "external_id,owner,type,occurred_at,account,deal,outcome,with_decision_maker\n"


def activities(db: Session) -> dict[str, Activity]:
    return {a.external_id: a for a in db.scalars(select(Activity))}


def test_activities_are_added_with_their_references(db: Session, tmp_path: Path, org: Org) -> None:
    content = (
        HEADER
        + "X1,rob@example.com,Call,2026-03-02T10:00:00,Acme Corp,D1,Connected,YES\n"
        + "X2,P4,email,2026-03-02,,,,\n"
    )
    report = run_text(db, tmp_path, "activities", content)
    assert errors(report) == []
    assert counts(report) == (2, 2, 0, 0)
    call, email = activities(db)["X1"], activities(db)["X2"]
    assert (call.owner_id, call.type, call.account_id, call.deal_id) == (
        org.rob.id,
        "call",
        org.acme.id,
        org.deal.id,
    )
    assert (call.outcome, call.with_decision_maker) == ("Connected", True)
    assert (email.account_id, email.deal_id, email.outcome, email.with_decision_maker) == (
        None,
        None,
        None,
        False,
    )


# New York is UTC-5 in January and UTC-4 in July.
NEW_YORK_CASES = [
    # a date-time without offset is local time: 22:30 in New York is 03:30 UTC the next day
    ("2026-01-15T22:30:00", datetime(2026, 1, 16, 3, 30), date(2026, 1, 15)),
    # an offset is honoured; 02:00 UTC on the 16th is 21:00 on the 15th in New York
    ("2026-01-16T02:00:00+00:00", datetime(2026, 1, 16, 2, 0), date(2026, 1, 15)),
    ("2026-01-15T22:30:00Z", datetime(2026, 1, 15, 22, 30), date(2026, 1, 15)),
    # 23:30 at +02:00 is 21:30 UTC, 17:30 in New York (summer time): still the 1st
    ("2026-07-01 23:30:00+02:00", datetime(2026, 7, 1, 21, 30), date(2026, 7, 1)),
    # a plain date is taken as it is, stored as its local midnight (05:00 UTC)
    ("2026-01-15", datetime(2026, 1, 15, 5, 0), date(2026, 1, 15)),
]


@pytest.mark.parametrize(("written", "stored_at", "counted_on"), NEW_YORK_CASES)
def test_an_activity_counts_on_its_local_date_in_the_organisation_time_zone(
    db: Session, tmp_path: Path, org: Org, written: str, stored_at: datetime, counted_on: date
) -> None:
    db.add(OrgSettings(id=1, timezone="America/New_York"))
    db.flush()
    report = run_text(db, tmp_path, "activities", HEADER + f"T1,P3,call,{written},,,,\n")
    assert errors(report) == []
    activity = activities(db)["T1"]
    assert (activity.occurred_at, activity.occurred_on) == (stored_at, counted_on)


def test_without_settings_the_organisation_is_on_utc(db: Session, tmp_path: Path, org: Org) -> None:
    # 23:30 at -05:00 is 04:30 UTC on the 3rd.
    run_text(db, tmp_path, "activities", HEADER + "T2,P3,call,2026-03-02T23:30:00-05:00,,,,\n")
    activity = activities(db)["T2"]
    assert (activity.occurred_at, activity.occurred_on) == (
        datetime(2026, 3, 3, 4, 30),
        date(2026, 3, 3),
    )


def test_only_the_changed_activity_is_updated(db: Session, tmp_path: Path, org: Org) -> None:
    content = HEADER + "X1,P3,call,2026-03-02,,,,\n" + "X2,P3,email,2026-03-02,,,,\n"
    run_text(db, tmp_path, "activities", content)
    report = run_text(db, tmp_path, "activities", content.replace("X2,P3,email", "X2,P3,meeting"))
    assert counts(report) == (2, 0, 1, 1)
    assert activities(db)["X2"].type == "meeting"


def test_an_unknown_deal_and_type_are_errors(db: Session, tmp_path: Path, org: Org) -> None:
    report = run_text(db, tmp_path, "activities", HEADER + "X3,P3,visit,2026-03-02,,D404,,\n")
    assert errors(report) == [
        (2, "type", "unknown value (expected one of: call, email, meeting, demo, proposal, other)"),
        (2, "deal", "unknown deal (no deal has this external id)"),
    ]
