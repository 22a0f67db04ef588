"""An import killed in the middle of writing leaves the database as it was, and usable.

The import is one transaction: SIGKILL while it writes leaves an uncommitted transaction that
SQLite's write-ahead log and PostgreSQL both discard.
"""

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ingest_helpers import TABLES
from sqlalchemy import text

from pacesetter.ingest import import_file
from pacesetter.store.db import make_engine

pytestmark = pytest.mark.slow
PACESETTER = Path(sys.executable).parent / "pacesetter"
# Enough rows that writing takes a few seconds, so the kill lands in the middle of it.
BIG_FILE_ROWS = 400_000
PEOPLE = "external_id,name,email,role\nP1,Rob Rep,rob@example.com,rep\n"


def write_activities(path: Path, rows: int, prefix: str) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "owner", "type", "occurred_at", "outcome"])
        for n in range(rows):
            writer.writerow(
                [f"{prefix}{n:08d}", "P1", "call", f"2026-03-{n % 28 + 1:02d}T10:00:00", "ok"]
            )
    return path


def row_counts(database: str) -> dict[str, int]:
    engine = make_engine(database)
    with engine.connect() as connection:
        counts = {
            t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES
        }
    engine.dispose()
    return counts


def start_import(database: str, path: Path) -> subprocess.Popen[str]:
    environment = {**os.environ, "PACESETTER_DATABASE_URL": database}
    return subprocess.Popen(
        [str(PACESETTER), "import", "activities", str(path)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_the_write_phase(process: subprocess.Popen[str]) -> None:
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("Writing"):
            return
    pytest.fail("the import ended before it started writing")


def test_an_import_killed_while_writing_leaves_the_database_unchanged_and_usable(
    new_database_url: str, tmp_path: Path
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    engine = make_engine(new_database_url)
    assert import_file("people", people, engine=engine).accepted
    engine.dispose()
    before = row_counts(new_database_url)

    big = write_activities(tmp_path / "big.csv", BIG_FILE_ROWS, "BIG")
    with start_import(new_database_url, big) as process:
        wait_for_the_write_phase(process)
        time.sleep(1.0)  # let it write a good part of the file
        assert process.poll() is None, "the import finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)

    assert row_counts(new_database_url) == before
    small = write_activities(tmp_path / "small.csv", 3, "SMALL")
    environment = {**os.environ, "PACESETTER_DATABASE_URL": new_database_url}
    after = subprocess.run(
        [str(PACESETTER), "import", "activities", str(small)],
        env=environment,
        capture_output=True,
        check=False,
    )
    assert after.returncode == 0, after.stdout
    assert row_counts(new_database_url) == before | {
        "activities": 3,
        "import_runs": before["import_runs"] + 1,
    }
