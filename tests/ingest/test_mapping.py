"""Mapping files: renamed columns, derived columns, translated values and date formats."""

import json
from datetime import date
from pathlib import Path

import pytest
from ingest_helpers import Org, counts, errors, run_text
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.ingest import MappingError, load_mapping
from pacesetter.store.models import Activity, Deal

DEALS_MAPPING = """
kind: deals
columns:
  Opportunity ID: external_id
  Opportunity Owner: owner
  Amount: amount
  Close Date: close_date
  Created Date: created_date
  Stage: stage
  Next Step: next_step
derive:
  status:
    from: stage
    map: {"Closed Won": won, "Closed Lost": lost}
    default: open
dates: {format: "%m/%d/%Y"}
"""
DEALS = (
    "Opportunity ID,Opportunity Owner,Amount,Close Date,Created Date,Stage,Next Step\n"
    "O1,Rob Rep,100,03/31/2026,01/15/2026,Closed Won,\n"
    "O2,Rob Rep,200,04/30/2026,02/01/2026,closed lost,\n"
    "O3,Rob Rep,300,05/31/2026,2026-02-03,Qualify,Demo\n"
)


def write_mapping(tmp_path: Path, text: str, name: str = "mapping.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def deals(db: Session) -> dict[str, Deal]:
    return {d.external_id: d for d in db.scalars(select(Deal))}


def test_the_data_formats_example_mapping_imports_a_crm_export(
    db: Session, tmp_path: Path, org: Org
) -> None:
    mapping = load_mapping(write_mapping(tmp_path, DEALS_MAPPING))
    report = run_text(db, tmp_path, "deals", DEALS, mapping=mapping)
    assert errors(report) == []
    assert counts(report) == (3, 3, 0, 0)
    stored = deals(db)
    # Stage values map case-insensitively; anything else takes the default.
    assert [stored[k].status for k in ("O1", "O2", "O3")] == ["won", "lost", "open"]
    assert (stored["O1"].close_date, stored["O1"].created_date) == (
        date(2026, 3, 31),
        date(2026, 1, 15),
    )
    # ISO dates are always accepted as well.
    assert stored["O3"].created_date == date(2026, 2, 3)
    assert (stored["O3"].stage, stored["O3"].next_step) == ("Qualify", "Demo")


def test_a_json_mapping_works_like_yaml(db: Session, tmp_path: Path, org: Org) -> None:
    import yaml

    as_json = json.dumps(yaml.safe_load(DEALS_MAPPING))
    mapping = load_mapping(write_mapping(tmp_path, as_json, "mapping.json"))
    assert counts(run_text(db, tmp_path, "deals", DEALS, mapping=mapping)) == (3, 3, 0, 0)


def test_values_are_translated_and_a_constant_can_be_derived(
    db: Session, tmp_path: Path, org: Org
) -> None:
    mapping = load_mapping(
        write_mapping(
            tmp_path,
            """
kind: activities
columns: {Id: external_id, Rep: owner, When: occurred_at, Result: outcome}
values:
  outcome: {"no answer": "No answer (voicemail)"}
derive:
  type: {default: call}
dates: {format: "%d.%m.%Y", datetime_format: "%d.%m.%Y %H:%M"}
""",
        )
    )
    content = "Id,Rep,When,Result\nC1,P3,02.03.2026,No Answer\nC2,P3,03.03.2026 16:45,Connected\n"
    report = run_text(db, tmp_path, "activities", content, mapping=mapping)
    assert errors(report) == []
    stored = {a.external_id: a for a in db.scalars(select(Activity))}
    assert [(a.type, a.outcome, a.occurred_on) for a in (stored["C1"], stored["C2"])] == [
        ("call", "No answer (voicemail)", date(2026, 3, 2)),
        ("call", "Connected", date(2026, 3, 3)),
    ]


def test_a_date_in_another_format_names_the_expected_shape(
    db: Session, tmp_path: Path, org: Org
) -> None:
    mapping = load_mapping(write_mapping(tmp_path, DEALS_MAPPING))
    report = run_text(
        db, tmp_path, "deals", DEALS.replace("03/31/2026", "31.03.2026"), mapping=mapping
    )
    assert errors(report) == [
        (2, "Close Date", "not a date (expected 03/31/2026 or YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
    ]


def test_a_missing_source_column_of_a_derivation_rejects_the_file(
    db: Session, tmp_path: Path, org: Org
) -> None:
    mapping = load_mapping(write_mapping(tmp_path, DEALS_MAPPING))
    without_stage = "\n".join(",".join(line.split(",")[:5]) for line in DEALS.splitlines())
    report = run_text(db, tmp_path, "deals", without_stage + "\n", mapping=mapping)
    assert errors(report) == [(1, "stage", "missing column, needed to derive 'status'")]


def test_a_mapping_to_a_column_the_kind_lacks_is_an_error(
    db: Session, tmp_path: Path, org: Org
) -> None:
    mapping = load_mapping(write_mapping(tmp_path, "columns: {Probability: probability}\n"))
    report = run_text(db, tmp_path, "deals", DEALS, mapping=mapping)
    [(line, column, reason)] = errors(report)
    assert (line, column) == (None, None)
    assert reason.startswith("mapping mapping.yaml names column 'probability', which deals files")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("columns: [a, b]\n", "columns must be a table"),
        ("colums: {A: external_id}\n", "unknown section(s) colums"),
        ("derive: {status: {map: {a: b}}}\n", "from or default needed"),
        ("dates: {format: mm/dd/yyyy}\n", "strftime patterns"),
        ("columns: {A: [1, 2]}\n", "must be a single value"),
        ("columns: {A: b\n", "cannot be read"),
    ],
)
def test_a_broken_mapping_file_is_refused_with_its_name(
    tmp_path: Path, text: str, fragment: str
) -> None:
    with pytest.raises(MappingError, match=r"mapping broken\.yaml") as raised:
        load_mapping(write_mapping(tmp_path, text, "broken.yaml"))
    assert fragment in str(raised.value)
