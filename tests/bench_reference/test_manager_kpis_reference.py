"""The benchmark's references of the manager KPIs (bench/reference_managers.py, written from
metrics.md alone) give the product's `manager_kpis`, manager by manager and KPI by KPI, on a
small generated organisation imported through the import path (issue 10).

The generated coaching file gets, through the same import, the records a 12-rep organisation
is too small to have: upward feedback about each manager and improvement plans about half the
reps, so those KPIs are compared on values, not only on nulls.

Skipped where DuckDB or pandas are not installed: they are the harness's own dependencies
(bench/requirements.lock, `make bench`), not the product's.
"""

import csv
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("pandas")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from reference_bench import differences
from reference_managers import (
    KPIS,
    ManagerQuestion,
    Values,
    duckdb_manager_tables,
    duckdb_managers,
    load_manager_rows,
    pandas_managers,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.cli.demo import LOAD_ORDER
from pacesetter.domain.periods import parse_period
from pacesetter.ingest import import_file
from pacesetter.metrics.manager_kpis import manager_kpis
from pacesetter.metrics.manager_report import report_managers
from pacesetter.store.db import make_engine
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope
from pacesetter.synth import generate_org

pytestmark = pytest.mark.slow
AS_OF = date(2026, 2, 11)
# Days the added records are dated: the first days after the previous periods of the periods
# asked about end (2025-11, 2025-12, 2025-Q4), inside the 14 days an improvement plan counts.
PLAN_DAYS = ("2025-12-02", "2026-01-02")
FEEDBACK_DAYS = ("2025-12-03", "2026-01-05", "2026-01-06", "2026-01-07", "2026-02-02")


@pytest.fixture(scope="module")
def organisation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("org")
    generate_org(data, reps=12, months=4, seed=3, as_of=AS_OF)
    _add_coaching(data)
    return data


def _add_coaching(data: Path) -> None:
    """Upward feedback from a rep about every manager and director, rated 2 to 5, and an
    improvement plan about every other rep, by their manager."""
    with (data / "people.csv").open(newline="") as people_file:
        people = list(csv.DictReader(people_file))
    reps = [person for person in people if person["role"] == "rep"]
    bosses = [person for person in people if person["role"] in ("manager", "director")]
    added = [
        ("improvement_plan", rep["manager"], f"{day}T09:00:00", rep["email"], "")
        for rep in reps[::2]
        for day in PLAN_DAYS
    ]
    added += [
        ("upward_feedback", reps[0]["email"], f"{day}T10:00:00", boss["email"], rating)
        for boss in bosses
        for rating, day in zip((2, 4, 5, 3, 4), FEEDBACK_DAYS, strict=True)
    ]
    with (data / "coaching.csv").open("a", newline="") as coaching_file:
        writer = csv.writer(coaching_file)
        for number, (kind, author, moment, person, rating) in enumerate(added):
            writer.writerow([f"T{number:06d}", kind, author, moment, person, rating, "", "", ""])


@pytest.fixture
def loaded(new_database_url: str, organisation: Path) -> Iterator[str]:
    engine = make_engine(new_database_url)
    for kind in LOAD_ORDER:
        assert import_file(kind, organisation / f"{kind}.csv", engine=engine).accepted, kind
    engine.dispose()
    yield new_database_url


def _answers(url: str, period: str, as_of: date) -> tuple[Values, Values, Values]:
    """The manager KPIs of every manager and director: the product's, DuckDB's, pandas'."""
    asked = parse_period(period)
    question = ManagerQuestion(asked.start, asked.end, as_of)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = load_manager_rows(connection, question)
        with Session(engine) as session:
            managers = report_managers(Scope.everything(), asked, None)
            found = manager_kpis(session, managers, asked, as_of)
            identities = session.execute(select(Person.id, Person.external_id))
            external = {key: name for key, name in identities}
    finally:
        engine.dispose()
    duck = duckdb_manager_tables(rows)
    try:
        duckdb_answer = duckdb_managers(duck, question)
    finally:
        duck.close()
    product = {external[key]: values for key, values in found.items()}
    return product, duckdb_answer, pandas_managers(rows, question)


@pytest.mark.parametrize(
    ("period", "as_of"),
    [
        ("2026-Q1", AS_OF),
        ("2026-01", date(2026, 1, 31)),  # P0008 left 2025-12-19, off track at December's end
        ("2025-12", date(2026, 1, 15)),
    ],
)
def test_duckdb_and_pandas_give_the_products_manager_kpis(
    loaded: str, period: str, as_of: date
) -> None:
    product, duckdb_answer, pandas_answer = _answers(loaded, period, as_of)
    assert len(product) == 3  # the director and both managers
    assert differences(product, duckdb_answer, pandas_answer, KPIS) == []


@pytest.mark.parametrize(
    ("period", "as_of", "kpis"),
    [
        ("2026-Q1", AS_OF, ("team_attainment", "crm_compliance", "activity_standard")),
        ("2026-01", date(2026, 1, 31), ("forecast_accuracy", "upward_feedback")),
        ("2025-12", date(2026, 1, 15), ("one_on_one_cadence", "improvement_plan_rate")),
    ],
)
def test_the_comparison_meets_values_not_only_nulls(
    loaded: str, period: str, as_of: date, kpis: tuple[str, ...]
) -> None:
    asked = parse_period(period)
    question = ManagerQuestion(asked.start, asked.end, as_of)
    engine = make_engine(loaded)
    try:
        with engine.connect() as connection:
            rows = load_manager_rows(connection, question)
    finally:
        engine.dispose()
    answer = pandas_managers(rows, question)
    for kpi in kpis:
        assert any(values[kpi] is not None for values in answer.values()), kpi
