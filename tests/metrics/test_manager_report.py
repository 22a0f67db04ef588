"""The manager report (docs/managers.md): one row per manager and director employed during P,
JSON keys and values on a hand-worked organisation, Q1 2026 as of Tue 31 March (P has ended).

    Dana (director)
    ├── Milo (manager, player-coach)  team goal 10000, personal goal 6000; won 4000 (20 Jan);
    │   │                             forecast 8000 on 1 Feb; one team meeting (5 Jan)
    │   ├── Rosa (rep)                goal 3000, won 3000 (2 Feb)
    │   └── Raj (rep)                 goal 3000, won 1000 (20 Feb)
    └── Mina (manager)                no team, no forecast
    Not rows: Olga (manager, left 31 Dec), Adam (admin), the reps.
"""

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from factories import make_coaching, make_deal, make_forecast, make_goal, make_person
from pacesetter.domain.periods import parse_period
from pacesetter.metrics.manager_kpis import KPI_KEYS
from pacesetter.metrics.manager_report import CSV_FIELDS, ManagerReport, build_manager_report
from pacesetter.store.db import make_engine, unit_of_work
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope

PACESETTER = Path(sys.executable).parent / "pacesetter"
Q1 = parse_period("2026-Q1")
END = date(2026, 3, 31)


@pytest.fixture
def org(db: Session) -> dict[str, Person]:
    return build_org(db)


def build_org(db: Session) -> dict[str, Person]:
    dana = make_person(db, "Dana", role="director", email="dana@example.com")
    milo = make_person(
        db, "Milo", role="manager", manager=dana, email="milo@example.com",
        manager_type="player_coach",
    )  # fmt: skip
    mina = make_person(db, "Mina", role="manager", manager=dana, email="mina@example.com")
    rosa = make_person(db, "Rosa", manager=milo)
    raj = make_person(db, "Raj", manager=milo)
    make_person(db, "Olga", role="manager", manager=dana, end_date=date(2025, 12, 31))
    make_person(db, "Adam", role="admin")
    make_goal(db, milo, "2026-Q1", 10_000, team=True)
    make_goal(db, milo, "2026-Q1", 6000)
    for person, target, amount, closed in [
        (milo, None, 4000, date(2026, 1, 20)),
        (rosa, 3000, 3000, date(2026, 2, 2)),
        (raj, 3000, 1000, date(2026, 2, 20)),
    ]:
        make_deal(db, person, amount=amount, status="won", closed=closed)
        if target:
            make_goal(db, person, "2026-Q1", target)
    make_forecast(db, milo, "2026-Q1", 8000, date(2026, 2, 1))
    make_coaching(db, milo, "team_meeting", date(2026, 1, 5))
    return {"dana": dana, "milo": milo, "mina": mina}


def report(db: Session, manager: Person | None = None) -> ManagerReport:
    manager_id = manager.id if manager else None
    return build_manager_report(db, Scope.everything(), Q1, END, manager_id)


def test_rows_are_the_managers_and_directors_employed_during_the_period(
    db: Session, org: dict[str, Person]
) -> None:
    assert [row.name for row in report(db).rows] == ["Dana", "Milo", "Mina"]
    assert [row.name for row in report(db, org["milo"]).rows] == ["Milo"]


def test_json_document_has_exactly_the_documented_keys(db: Session, org: dict[str, Person]) -> None:
    document = report(db).as_dict()
    assert list(document) == ["period", "as_of", "rows"]
    assert (document["period"], document["as_of"]) == ("2026-Q1", "2026-03-31")
    keys = ["external_id", "email", *KPI_KEYS, "time_to_first_goal_waiting"]
    keys += ["personal_target_share", "top_account_share", "selling_time_share"]
    assert all(list(row) == [*keys, "signals", "recommendation"] for row in document["rows"])


def test_milos_row(db: Session, org: dict[str, Person]) -> None:
    row = report(db, org["milo"]).as_dict()["rows"][0]
    # team 4000 + 3000 + 1000 = 8000 of 10000; Rosa at goal, Raj not; forecast 8000 = A
    assert (row["team_attainment"], row["pct_reps_at_goal"], row["forecast_accuracy"]) == (
        0.8,
        0.5,
        1.0,
    )
    # Rosa and Raj, 3 months each, no 1:1; 13 weeks each, no check-in; one team meeting
    assert (row["one_on_one_cadence"], row["check_in_cadence"], row["team_meetings"]) == (0, 0, 1)
    assert (row["rep_retention"], row["crm_compliance"]) == (1.0, None)
    # personal target 6000 of the team's 10000
    assert row["personal_target_share"] == 0.6
    names = [signal["name"] for signal in row["signals"]]
    # 1:1 cadence 0 < 0.7; one meeting in 90 days; Milo closed 4000 / 8000 > 40%
    assert names == ["lapsed_one_on_ones", "irregular_team_meetings", "single_closer_dependency"]
    assert all(isinstance(signal["evidence"], dict) for signal in row["signals"])
    # three overload signals: leadership KPIs only
    assert row["recommendation"]["value"] == "leadership_only"
    assert row["recommendation"]["reasons"]


def test_a_manager_without_team_or_forecast_has_nulls(db: Session, org: dict[str, Person]) -> None:
    row = next(r for r in report(db).as_dict()["rows"] if r["email"] == "mina@example.com")
    nulls = ["team_attainment", "pct_reps_at_goal", "forecast_accuracy", "one_on_one_cadence"]
    assert [row[name] for name in nulls] == [None] * 4
    assert (row["ride_alongs"], row["time_to_first_goal_waiting"]) == (0, 0)


def test_csv_has_one_row_per_manager_with_signal_names(db: Session, org: dict[str, Person]) -> None:
    rows = [row.csv_cells() for row in report(db).rows]
    milo = dict(zip(CSV_FIELDS, rows[1], strict=True))
    assert milo["signals"] == "lapsed_one_on_ones;irregular_team_meetings;single_closer_dependency"
    assert (milo["recommendation"], milo["team_attainment"]) == ("leadership_only", 0.8)


@pytest.fixture
def database(new_database_url: str) -> str:
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as db:
        build_org(db)
    engine.dispose()
    return new_database_url


def run(database: str, output: str, *args: str) -> str:
    environment = {**os.environ, "PACESETTER_DATABASE_URL": database}
    command = [str(PACESETTER), "report", "manager", "--period", "2026-Q1", "--as-of"]
    command += ["2026-03-31", "--format", output, *args]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.slow
def test_cli_prints_json_csv_and_table(database: str) -> None:
    document = json.loads(run(database, "json", "--manager", "milo@example.com"))
    assert [(row["email"], row["team_attainment"]) for row in document["rows"]] == [
        ("milo@example.com", 0.8)
    ]
    rows = list(csv.DictReader(io.StringIO(run(database, "csv"))))
    assert [(row["email"], row["recommendation"]) for row in rows][1] == (
        "milo@example.com",
        "leadership_only",
    )
    assert rows[2]["forecast_accuracy"] == ""  # Mina: null is an empty cell
    table = run(database, "table")
    assert "Team revenue" in table and "leadership_only" in table
