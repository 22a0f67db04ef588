"""`pacesetter report scorecard` end to end, in a subprocess on a database of its own.

One rep under one manager, Q1 2026 at Fri 13 February (elapsed 0.5): the rep won 3000 against a
4000 goal (attainment 0.75, pace 1.5, projection 6000).
"""

import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from factories import make_deal, make_goal, make_person
from pacesetter.store.db import make_engine, unit_of_work

pytestmark = pytest.mark.slow
PACESETTER = Path(sys.executable).parent / "pacesetter"


@pytest.fixture
def database(new_database_url: str) -> str:
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as db:
        manager = make_person(db, "Milo", role="manager", email="milo@example.com")
        rep = make_person(db, "Rosa", manager=manager, email="rosa@example.com")
        make_deal(db, rep, amount=3000, status="won", closed=date(2026, 2, 2))
        make_goal(db, rep, "2026-Q1", 4000)
    engine.dispose()
    return new_database_url


def _run(database: str, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PACESETTER_DATABASE_URL": database}
    command = [str(PACESETTER), "report", "scorecard", "--period", "2026-Q1", *args]
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False)


def test_json_scorecard(database: str) -> None:
    result = _run(
        database, "--as-of", "2026-02-13", "--person", "rosa@example.com", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["period"], document["as_of"]) == ("2026-Q1", "2026-02-13")
    [row] = document["rows"]
    assert (row["name"], row["revenue_won"], row["win_rate"]) == ("Rosa", 3000.0, 1.0)
    # 3000 / 4000 = 0.75; pace 0.75 / 0.5; projection 3000 / 0.5; no weight: credit 0.75
    goal = {"metric": "revenue_won", "scope": "person", "target": 4000.0, "actual": 3000.0}
    paced = {"attainment": 0.75, "pace": 1.5, "projection": 6000.0, "hybrid_credit": 0.75}
    assert row["goals"] == [goal | paced]


def test_csv_scorecard_flattens_goals_into_columns(database: str) -> None:
    result = _run(
        database, "--as-of", "2026-02-13", "--manager", "milo@example.com", "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [row["name"] for row in rows] == ["Milo", "Rosa"]
    assert rows[1]["goal.person.revenue_won.pace"] == "1.5"
    assert rows[0]["goal.person.revenue_won.pace"] == ""  # Milo has no such goal
    assert rows[0]["win_rate"] == ""  # null


def test_table_scorecard_rounds_for_display(database: str) -> None:
    result = _run(database, "--as-of", "2026-02-13")
    assert result.returncode == 0, result.stderr
    # as the pages show them (domain.formatting): whole percent rounded down, whole amounts
    assert "75%" in result.stdout and "6,000" in result.stdout
    assert "75.0%" not in result.stdout


def test_unknown_person_exits_1(database: str) -> None:
    result = _run(database, "--person", "nobody@example.com")
    assert result.returncode == 1
    assert "nobody@example.com" in result.stderr


def test_person_and_manager_together_are_refused(database: str) -> None:
    result = _run(database, "--person", "rosa@example.com", "--manager", "milo@example.com")
    assert result.returncode == 2
