"""`pacesetter report quadrant` end to end, in a subprocess on a database of its own.

February 2026 has 20 working days; at Fri 13 February 10 have gone (fraction 0.5).

    Milo (manager, not a row)
    ├── Rosa  goal 4000, won 3000; plan: call 20, direction 0.5, quality 4; 12 calls, 3 of
    │         them with a decision maker; one ride-along rated 3
    ├── Raj   goal 2000, won 1500; plan: call 10, quality 4; 6 calls; never observed
    ├── Ines  joins 9 February; no goal; plan: call 10; 2 calls
    └── Lea   goal 1000, no plan lines at all
    Zed (manager) └── Zoe (rep, nothing)
"""

import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from factories import (
    make_activity,
    make_coaching,
    make_deal,
    make_goal,
    make_person,
    make_plan_line,
)
from pacesetter.store.db import make_engine, unit_of_work

pytestmark = pytest.mark.slow
PACESETTER = Path(sys.executable).parent / "pacesetter"
ROW_KEYS = [
    "external_id",
    "email",
    "results_pace",
    "activity_pace",
    "quadrant",
    "qdq_quantity",
    "qdq_direction",
    "qdq_quality",
    "qdq_score",
    "qdq_binding",
]


@pytest.fixture
def database(new_database_url: str) -> str:
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as db:
        milo = make_person(db, "Milo", role="manager", email="milo@example.com")
        zed = make_person(db, "Zed", role="manager", email="zed@example.com")
        make_person(db, "Zoe", manager=zed, email="zoe@example.com")
        rosa = make_person(db, "Rosa", manager=milo, email="rosa@example.com")
        raj = make_person(db, "Raj", manager=milo, email="raj@example.com")
        ines = make_person(
            db, "Ines", manager=milo, email="ines@example.com", start_date=date(2026, 2, 9)
        )
        lea = make_person(db, "Lea", manager=milo, email="lea@example.com")
        for person, target, won in [(rosa, 4000, 3000), (raj, 2000, 1500), (lea, 1000, 0)]:
            make_goal(db, person, "2026-02", target)
            if won:
                make_deal(db, person, amount=won, status="won", closed=date(2026, 2, 2))
        for person, line, planned in [
            (rosa, "call", 20),
            (rosa, "direction", 0.5),
            (rosa, "quality", 4),
            (raj, "call", 10),
            (raj, "quality", 4),
            (ines, "call", 10),
        ]:
            make_plan_line(db, person, "2026-02", line, planned)
        for person, calls, directed in [(rosa, 9, 3), (raj, 6, 0), (ines, 2, 0)]:
            for _ in range(calls):
                make_activity(db, person, date(2026, 2, 10))
            for _ in range(directed):
                make_activity(db, person, date(2026, 2, 11), with_decision_maker=True)
        make_coaching(db, milo, "ride_along", date(2026, 2, 12), person=rosa, rating=3)
    engine.dispose()
    return new_database_url


def _run(database: str, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PACESETTER_DATABASE_URL": database}
    command = [str(PACESETTER), "report", "quadrant", "--period", "2026-02", *args]
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False)


def test_json_quadrant(database: str) -> None:
    result = _run(
        database, "--as-of", "2026-02-13", "--manager", "milo@example.com", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["period", "as_of", "rows"]
    assert (document["period"], document["as_of"]) == ("2026-02", "2026-02-13")
    rows = {row["email"].split("@")[0]: row for row in document["rows"]}
    assert list(rows) == ["ines", "lea", "raj", "rosa"]  # by name
    assert all(list(row) == ROW_KEYS for row in rows.values())
    placed = {name: [row[key] for key in ROW_KEYS[2:]] for name, row in rows.items()}
    assert placed == {
        # 3000 / 2000; 12 / 10; calls min(1, 1.2); (3 / 12) / 0.5; 3 / 4
        "rosa": [1.5, 1.2, "on_track", 1.0, 0.5, 0.75, 0.5, "direction"],
        # 1500 / 1000; 6 / 5; quality planned, never rated: not observed (null)
        "raj": [1.5, 1.2, "on_track", 1.0, None, None, 1.0, "quantity"],
        # joined 9 Feb: no goal (not placed); 2 / 5, the plan is not pro-rated
        "ines": [None, 0.4, None, 0.4, None, None, 0.4, "quantity"],
        # 0 / 500; no plan lines: no activity pace, nothing scored
        "lea": [0.0, None, None, None, None, None, None, None],
    }


def test_csv_has_the_json_row_columns(database: str) -> None:
    result = _run(database, "--as-of", "2026-02-13", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert list(rows[0]) == ROW_KEYS
    rosa = next(row for row in rows if row["email"] == "rosa@example.com")
    assert (rosa["quadrant"], rosa["qdq_score"], rosa["qdq_quality"]) == ("on_track", "0.5", "0.75")
    lea = next(row for row in rows if row["email"] == "lea@example.com")
    assert lea["activity_pace"] == ""  # null


def test_table_rounds_and_names_the_unobserved(database: str) -> None:
    result = _run(database, "--as-of", "2026-02-13")
    assert result.returncode == 0, result.stderr
    raj = next(line for line in result.stdout.splitlines() if line.startswith("Raj"))
    assert "150%" in raj and "not observed" in raj and "on_track" in raj


def test_unknown_manager_exits_1(database: str) -> None:
    result = _run(database, "--manager", "nobody@example.com")
    assert result.returncode == 1
    assert "nobody@example.com" in result.stderr
