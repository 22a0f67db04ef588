"""The built-in presets read realistic Salesforce and HubSpot exports (tests/ingest/samples)."""

from datetime import date, datetime
from pathlib import Path

import pytest
from ingest_helpers import Org, counts, errors
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.ingest import ImportReport, load_preset, preset_names, run_import
from pacesetter.store.models import Activity, Deal

SAMPLES = Path(__file__).parent / "samples"


def import_sample(db: Session, kind: str, preset: str) -> ImportReport:
    path = SAMPLES / f"{preset}.csv"
    return run_import(db, kind, path, file_name=path.name, mapping=load_preset(preset))


def deals(db: Session) -> dict[str, Deal]:
    return {d.external_id: d for d in db.scalars(select(Deal))}


def activities(db: Session) -> dict[str, Activity]:
    return {a.external_id: a for a in db.scalars(select(Activity))}


def test_the_four_presets_ship_with_the_product() -> None:
    assert preset_names() == [
        "hubspot-activities",
        "hubspot-deals",
        "salesforce-activities",
        "salesforce-opportunities",
    ]


def test_a_salesforce_opportunity_report_imports_as_deals(db: Session, org: Org) -> None:
    report = import_sample(db, "deals", "salesforce-opportunities")
    assert errors(report) == []
    assert counts(report) == (3, 3, 0, 0)
    # Columns Pacesetter has no use for are named, once, as warnings.
    ignored = [w["column"] for w in report.warnings.to_list()]
    assert ignored == ["Fiscal Period", "Probability (%)", "Age", "Lead Source", "Type"]
    stored = deals(db)
    expansion, new_logo, services = (stored[f"0065g00000AbCd{c}AAZ"] for c in "EFG")
    assert (expansion.owner_id, expansion.account_id, expansion.amount) == (
        org.rob.id,
        org.acme.id,
        12500.0,
    )
    assert (expansion.status, expansion.stage, expansion.currency) == (
        "open",
        "Proposal/Price Quote",
        "USD",
    )
    assert (expansion.created_date, expansion.close_date) == (date(2026, 1, 15), date(2026, 3, 31))
    assert (new_logo.owner_id, new_logo.status, new_logo.amount) == (org.rita.id, "won", 48000.0)
    assert services.status == "lost"


def test_a_salesforce_activity_report_imports_with_translated_types(db: Session, org: Org) -> None:
    report = import_sample(db, "activities", "salesforce-activities")
    assert errors(report) == []
    stored = activities(db)
    # Call -> call, Send Quote -> proposal, Meeting -> meeting, blank -> other (the default).
    assert [
        stored[f"00{k}5g00000XyZ0{n}"].type for k, n in (("T", 1), ("T", 2), ("U", 3), ("T", 4))
    ] == [
        "call",
        "proposal",
        "meeting",
        "other",
    ]
    demo = stored["00U5g00000XyZ03"]
    assert (demo.owner_id, demo.account_id, demo.occurred_at) == (
        org.rob.id,
        org.acme.id,
        datetime(2026, 3, 4, 14, 30),
    )
    assert stored["00T5g00000XyZ01"].outcome == "Connected"


def test_hubspot_deals_then_activities_link_up(db: Session, org: Org) -> None:
    deal_report = import_sample(db, "deals", "hubspot-deals")
    activity_report = import_sample(db, "activities", "hubspot-activities")
    assert errors(deal_report) == errors(activity_report) == []
    stored_deals = deals(db)
    assert [stored_deals[f"987654321{n}"].status for n in range(3)] == ["open", "won", "lost"]
    # A create date with a time keeps its date.
    assert stored_deals["9876543210"].created_date == date(2026, 1, 20)
    assert stored_deals["9876543211"].amount == 9000.0
    call, meeting, task = (activities(db)[f"5123456789{n}"] for n in range(3))
    assert (call.type, call.deal_id, call.occurred_at) == (
        "call",
        stored_deals["9876543210"].id,
        datetime(2026, 3, 2, 10, 15),
    )
    assert (meeting.type, meeting.account_id) == ("meeting", org.globex.id)
    assert task.type == "other"


@pytest.mark.parametrize("preset", ["salesforce-opportunities", "hubspot-deals"])
def test_a_deal_preset_cannot_be_used_for_activities(db: Session, org: Org, preset: str) -> None:
    path = SAMPLES / f"{preset}.csv"
    report = run_import(db, "activities", path, file_name=path.name, mapping=load_preset(preset))
    assert errors(report)[0] == (None, None, f"mapping {preset}.yaml is for deals, not activities")
