"""`pacesetter report review` end to end, in a subprocess on a database of its own: the team of
`incentive_helpers` after Q1 2026 has closed (the organisation's today is later than that)."""

import csv
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from incentive_helpers import commit_at_one_on_one, make_team

from factories import make_activity
from pacesetter.store.db import make_engine, unit_of_work

pytestmark = pytest.mark.slow
PACESETTER = Path(sys.executable).parent / "pacesetter"


@pytest.fixture
def database(new_database_url: str) -> str:
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as db:
        team = make_team(db)
        # Ann commits 2 calls and a meeting for January at a 1:1, and makes the calls alone.
        commit_at_one_on_one(db, team, date(2026, 1, 5), "2026-01", {"call": 2, "meeting": 1})
        make_activity(db, team["ann"], date(2026, 1, 14), type="call")
        make_activity(db, team["ann"], date(2026, 1, 15), type="call")
    engine.dispose()
    return new_database_url


def _run(database: str, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PACESETTER_DATABASE_URL": database}
    command = [str(PACESETTER), "report", "review", "--period", "2026-Q1", *args]
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False)


def test_review_as_json_csv_and_table(database: str) -> None:
    document = json.loads(_run(database, "--format", "json").stdout)
    [review] = document["reviews"]
    assert (review["manager"]["name"], review["goals_hit"], review["goals_missed"]) == ("Mia", 2, 1)
    ben = next(p for p in review["people"] if p["name"] == "Ben")
    assert ben["goals"][0]["by"] == -10
    ann = next(p for p in review["people"] if p["name"] == "Ann")
    assert (ann["commitments_made"], ann["commitments_kept"]) == (2, 1)
    lines = list(csv.DictReader(_run(database, "--format", "csv").stdout.splitlines()))
    kept = ("commitments_made", "commitments_kept", "commitments_kept_share")
    assert [(line["person"], line["hit"], *(line[k] for k in kept)) for line in lines] == [
        ("Ann", "true", "2", "1", "0.5"),
        ("Ben", "false", "0", "0", ""),
        ("Cal", "true", "0", "0", ""),
        ("Mia", "true", "", "", ""),
    ]
    table = _run(database).stdout
    assert "Review 2026-Q1: Mia's team. 2 goals hit, 1 missed." in table
    assert "99%  missed" in table  # 99.99% rounds down, as every table does
    assert "1 of 2" in table  # Ann's commitments kept of made
