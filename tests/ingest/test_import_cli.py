"""`pacesetter import` end to end, in a subprocess on a committed database of its own."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pacesetter.ingest import import_file
from pacesetter.store.db import make_engine
from pacesetter.store.models import Account, ImportRun

pytestmark = pytest.mark.slow
PACESETTER = Path(sys.executable).parent / "pacesetter"
SAMPLES = Path(__file__).parent / "samples"
SUMMARY_KEYS = ["kind", "file", "rows", "added", "updated", "unchanged", "warnings", "errors"]
NO_CHANGES = {"rows": [], "fields": {}}  # after the documented fields (test_import_changes)
PEOPLE = (
    "external_id,name,email,role,manager\n"
    "P1,Dana Boss,dana@example.com,director,\n"
    "P2,Mia Manager,mia@example.com,manager,P1\n"
    "P3,Rob Rep,rob@example.com,rep,P2\n"
    "P4,Rita Rep,rita@example.com,rep,P2\n"
)
ACCOUNTS = "external_id,name,owner\nA1,Acme Corp,rob@example.com\nA2,Globex,Rita Rep\n"


def pacesetter(database: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PACESETTER_DATABASE_URL": database}
    command = [str(PACESETTER), "import", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False)


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def count(database: str, column: object) -> int:
    engine = make_engine(database)
    with engine.connect() as connection:
        found = connection.execute(select(func.count(column))).scalar_one()
    engine.dispose()
    return found


@pytest.fixture
def database(new_database_url: str, tmp_path: Path) -> str:
    """Four people and two accounts, committed (imported in-process: it is quicker)."""
    engine = make_engine(new_database_url)
    for kind, content in (("people", PEOPLE), ("accounts", ACCOUNTS)):
        assert import_file(kind, write(tmp_path, f"{kind}.csv", content), engine=engine).accepted
    engine.dispose()
    return new_database_url


def test_json_summary_of_an_accepted_file_has_the_documented_fields_first(
    database: str, tmp_path: Path
) -> None:
    path = write(tmp_path, "accounts.csv", ACCOUNTS + "A3,Initech,P3\n")
    result = pacesetter(database, "accounts", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert list(summary) == [*SUMMARY_KEYS, "changes"]
    assert summary == {
        "kind": "accounts",
        "file": str(path),
        "rows": 3,
        "added": 1,
        "updated": 0,
        "unchanged": 2,
        "warnings": [],
        "errors": [],
        "changes": NO_CHANGES,
    }


def test_a_rejected_file_exits_non_zero_and_lists_every_error(
    database: str, tmp_path: Path
) -> None:
    path = write(tmp_path, "bad.csv", ACCOUNTS + "A3,Initech,nobody\nA4,Hooli\n")
    result = pacesetter(database, "accounts", path, "--format", "json")
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert (summary["rows"], summary["added"]) == (4, 0)
    assert summary["errors"] == [
        {
            "line": 4,
            "column": "owner",
            "value": "nobody",
            "reason": "unknown person (no person has this external id, email or name)",
        },
        {
            "line": 5,
            "column": None,
            "value": None,
            "reason": "the row has 2 fields but the header has 3",
        },
    ]
    # Two accounts from the fixture, no new run beyond the fixture's two.
    assert (count(database, Account.id), count(database, ImportRun.id)) == (2, 2)


def test_the_text_summary_shows_the_verdict_and_the_error_table(
    database: str, tmp_path: Path
) -> None:
    bad = write(tmp_path, "bad.csv", ACCOUNTS + "A3,X,[/]nobody\n")
    result = pacesetter(database, "accounts", bad)
    assert result.returncode == 1
    assert "Rejected" in result.stdout and "Nothing was written" in result.stdout
    # Cells are shown as written, never read as terminal markup.
    assert "[/]nobody" in result.stdout
    assert "unknown person" in result.stdout


def test_a_dry_run_reports_counts_and_writes_nothing(database: str, tmp_path: Path) -> None:
    path = write(tmp_path, "accounts.csv", ACCOUNTS + "A3,Initech,P3\n")
    result = pacesetter(database, "accounts", path, "--dry-run", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["added"] == 1
    assert (count(database, Account.id), count(database, ImportRun.id)) == (2, 2)


def test_a_preset_reads_a_salesforce_export(database: str) -> None:
    sample = SAMPLES / "salesforce-opportunities.csv"
    result = pacesetter(
        database, "deals", sample, "--preset", "salesforce-opportunities", "--format", "json"
    )
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["added"] == 3


def test_mapping_and_preset_together_are_a_usage_error(database: str, tmp_path: Path) -> None:
    mapping = write(tmp_path, "mapping.yaml", "kind: deals\n")
    sample = SAMPLES / "salesforce-opportunities.csv"
    result = pacesetter(
        database, "deals", sample, "--mapping", mapping, "--preset", "hubspot-deals"
    )
    assert result.returncode == 2
    assert "not both" in result.stderr


def test_a_broken_mapping_is_reported_as_a_rejection(database: str, tmp_path: Path) -> None:
    mapping = write(tmp_path, "mapping.yaml", "columns: [oops]\n")
    sample = SAMPLES / "salesforce-opportunities.csv"
    result = pacesetter(database, "deals", sample, "--mapping", mapping, "--format", "json")
    assert result.returncode == 1
    [error] = json.loads(result.stdout)["errors"]
    assert error["reason"] == "mapping mapping.yaml: columns must be a table of names to values"
