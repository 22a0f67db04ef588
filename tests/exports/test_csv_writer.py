"""The one CSV writer: unrounded values, empty nulls, and no formula ever reaches a spreadsheet.

docs/importing.md promises that a name imported as `=HYPERLINK(...)` is stored as written but
neutralised in every CSV export; the scorecard's CSV is the first export to prove it end to end.
"""

import csv
import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from factories import make_person
from pacesetter.exports.csv import csv_text, write_csv
from pacesetter.store.db import make_engine, unit_of_work

PACESETTER = Path(sys.executable).parent / "pacesetter"
PAYLOAD = '=HYPERLINK("http://evil.example","Click")'


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (date(2026, 3, 31), "2026-03-31"),
        (0.8555, "0.8555"),  # unrounded: a file is for further work
        (12, "12"),
        (-5.0, "-5.0"),  # a number is never a formula
        ("-5", "-5"),  # nor is a number written as text
        ("Rob Rep", "Rob Rep"),
        (PAYLOAD, "'" + PAYLOAD),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-- call back", "'-- call back"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ],
)
def test_each_value_becomes_one_safe_cell(value: object, cell: str) -> None:
    [_, row] = list(csv.reader(io.StringIO(csv_text(["value"], [[value]]))))
    assert row == [cell]


def test_header_and_rows_are_quoted_only_where_needed() -> None:
    out = io.StringIO()
    write_csv(out, ["name", "amount"], [["Lee, Sam", 1500.5], ["=1+1", None]])
    assert out.getvalue() == 'name,amount\n"Lee, Sam",1500.5\n\'=1+1,\n'


@pytest.mark.slow
def test_the_scorecard_csv_neutralises_a_formula_in_a_name(new_database_url: str) -> None:
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as db:
        make_person(db, PAYLOAD, email="mallory@example.com")
    engine.dispose()
    environment = {**os.environ, "PACESETTER_DATABASE_URL": new_database_url}
    command = [str(PACESETTER), "report", "scorecard", "--period", "2026-Q1", "--format", "csv"]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["name"] for row in rows] == ["'" + PAYLOAD]
