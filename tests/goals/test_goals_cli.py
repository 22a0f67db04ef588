"""`pacesetter lint goals` and `pacesetter suggest targets`, end to end in a subprocess.

Milo (player-coach) leads Rosa and Raj. In each of 2025-Q2..Q4 Rosa won 60k, Raj 20k and
Milo 20k (the export starts in 2024, so every quarter is history).
"""

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
        milo = make_person(
            db, "Milo", role="manager", manager_type="player_coach", email="milo@example.com"
        )
        rosa = make_person(db, "Rosa", manager=milo, email="rosa@example.com")
        raj = make_person(db, "Raj", manager=milo, email="raj@example.com")
        make_deal(db, raj, status="lost", created=date(2024, 11, 4), closed=date(2024, 12, 2))
        for closed in (date(2025, 5, 5), date(2025, 8, 4), date(2025, 11, 3)):
            for person, amount in ((rosa, 60_000), (raj, 20_000), (milo, 20_000)):
                make_deal(
                    db, person, amount=amount, status="won", created=date(2025, 1, 6), closed=closed
                )
        make_goal(db, rosa, "2026-Q1", 200_000)  # beyond 1.5 x 60k = 90k
        make_goal(db, raj, "2026-Q1", 30_000)
    engine.dispose()
    return new_database_url


def _run(database: str, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PACESETTER_DATABASE_URL": database}
    command = [str(PACESETTER), *args]
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False)


def test_lint_goals_lists_findings_as_json(database: str) -> None:
    result = _run(
        database,
        "lint",
        "goals",
        "--period",
        "2026-q1",
        "--as-of",
        "2026-01-12",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    rosa = [f for f in findings if f["goal"]["scope"] == "rosa@example.com"]
    assert {f["rule"] for f in rosa} == {"unrealistic", "outcome_only", "data_no_longer_flows"}
    unrealistic = next(f for f in rosa if f["rule"] == "unrealistic")
    assert unrealistic["severity"] == "warning"
    assert unrealistic["evidence"]["limit"] == 90_000
    assert unrealistic["goal"]["target"] == 200_000


def test_lint_goals_prints_text_grouped_by_goal(database: str) -> None:
    result = _run(database, "lint", "goals", "--period", "2026-Q1", "--as-of", "2026-01-12")
    assert result.returncode == 0, result.stderr
    assert "Rosa (rosa@example.com): revenue_won 2026-Q1 target 200,000 [approved]" in result.stdout
    assert "warning unrealistic:" in result.stdout


def test_suggest_targets_splits_and_accepts(database: str) -> None:
    # weights 60 : 20 : 20 of 100k x 1.1 = 110k -> 66k, 22k, 22k; Milo's part is 22% of 100k.
    # Rosa's and Raj's approved goals for the quarter exist: with a reason they are updated.
    result = _run(
        database,
        "suggest", "targets", "--manager", "milo@example.com", "--period", "2026-Q1",
        "--team-target", "100000", "--over-assign", "10", "--accept", "--format", "json",
        "--reason", "new quarter plan",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    parts = [(p["person"], p["target"], p["personal"]) for p in document["parts"]]
    assert parts == [("Raj", 22_000, False), ("Rosa", 66_000, False), ("Milo", 22_000, True)]
    assert document["total"] == 110_000
    assert document["personal_share"] == 0.22
    outcomes = [(a["scope"], a["outcome"], a["status"]) for a in document["accepted"]]
    assert outcomes == [
        ("Raj", "updated", "approved"),
        ("Rosa", "updated", "approved"),
        ("Milo", "added", "approved"),
        ("Milo's team", "added", "approved"),
    ]


def test_an_unknown_manager_is_an_error(database: str) -> None:
    result = _run(
        database, "suggest", "targets", "--manager", "nobody@example.com",
        "--period", "2026-Q2", "--team-target", "1000",
    )  # fmt: skip
    assert result.returncode == 1
    assert "No person" in result.stderr


def test_an_unreadable_as_of_date_is_an_error(database: str) -> None:
    result = _run(database, "lint", "goals", "--period", "2026-Q1", "--as-of", "2026-13-01")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ")


def test_a_ramp_that_is_not_percentages_is_a_usage_error(database: str) -> None:
    result = _run(
        database, "suggest", "targets", "--manager", "milo@example.com",
        "--period", "2026-Q2", "--team-target", "1000", "--ramp", "a,b",
    )  # fmt: skip
    assert result.returncode == 2
    assert "not a list of percentages" in result.stderr
