"""The goals import as one batch: history statuses, no savepoints, statements not per row.

Reps report to Max (manager); see `run` for the file's header.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_goal, make_person
from pacesetter.ingest.report import ImportReport
from pacesetter.ingest.service import run_import
from pacesetter.store.models import Goal, GoalChange, Person

HEADER = "scope,metric,period,target,kind,individual_weight,status,rationale\n"


@pytest.fixture
def manager(db: Session) -> Person:
    director = make_person(db, "Dee Director", role="director", email="dee@example.com")
    return make_person(db, "Max Manager", role="manager", manager=director, email="max@e.com")


def reps(db: Session, manager: Person, count: int, team: str = "a") -> list[Person]:
    people = [
        make_person(db, f"Rep {team}{n}", manager=manager, email=f"rep.{team}{n}@example.com")
        for n in range(count)
    ]
    for person in people:
        make_activity(db, person, date.today())
        make_deal(db, person, status="won", created=date.today(), closed=date.today())
    return people


def run(db: Session, tmp_path: Path, rows: str) -> ImportReport:
    path = tmp_path / "goals.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return run_import(db, "goals", path, file_name=str(path))


def rows_for(people: list[Person]) -> str:
    """Three goals each: a quarter's revenue and two months' calls."""
    return "".join(
        f"{p.email},revenue_won,2026-Q1,90000,,,,\n"
        f"{p.email},activities_call,2026-01,100,,,,\n"
        f"{p.email},activities_call,2026-02,100,,,,\n"
        for p in people
    )


@contextmanager
def statements(db: Session) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        statement = args[2]  # (conn, cursor, statement, parameters, context, many)
        # PostgreSQL's statistics (store/statistics.py): at most one ANALYZE per table written,
        # issued when the rows written are a tenth of the table's; never one per row.
        if not statement.startswith("ANALYZE"):
            seen.append(statement)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_rejected_and_retired_rows_bring_goal_history_along(
    db: Session, tmp_path: Path, manager: Person
) -> None:
    [rep] = reps(db, manager, 1)
    report = run(
        db,
        tmp_path,
        f"{rep.email},revenue_won,2025-Q3,90000,,,retired,\n"
        f"{rep.email},revenue_won,2025-Q4,500000,,,rejected,\n",
    )
    assert report.errors.to_list() == []
    stored = db.scalars(select(Goal).order_by(Goal.period))
    assert [(goal.period, goal.status) for goal in stored] == [
        ("2025-Q3", "retired"),
        ("2025-Q4", "rejected"),
    ]
    trail = db.scalars(select(GoalChange).order_by(GoalChange.id))
    assert [(c.field, c.old_value, c.new_value, c.reason) for c in trail] == [
        ("status", None, "retired", "import goals.csv"),
        ("status", None, "rejected", "import goals.csv"),
    ]


def test_the_import_issues_as_many_statements_for_5_reps_as_for_25(
    db: Session, tmp_path: Path, manager: Person
) -> None:
    few, many = reps(db, manager, 5), reps(db, manager, 25, "b")
    run(db, tmp_path, rows_for(reps(db, manager, 1, "c")))  # the unit of work's settings read
    with statements(db) as small:
        assert run(db, tmp_path, rows_for(few)).added == 15
    with statements(db) as large:
        assert run(db, tmp_path, rows_for(many)).added == 75
    assert len(large) == len(small)


def test_the_import_neither_writes_twice_nor_uses_savepoints(
    db: Session, tmp_path: Path, manager: Person
) -> None:
    # Per-row savepoints, rolled back but never released, exhausted PostgreSQL's lock table
    people = reps(db, manager, 10)
    with statements(db) as seen:
        run(db, tmp_path, rows_for(people))
    assert not [sql for sql in seen if "SAVEPOINT" in sql.upper()]
    goal_inserts = [sql for sql in seen if sql.startswith("INSERT INTO goals ")]
    assert len(goal_inserts) == 1  # the 30 goals in one statement


def test_a_re_import_changes_only_the_goals_whose_values_differ(
    db: Session, tmp_path: Path, manager: Person
) -> None:
    rep, other = reps(db, manager, 2)
    make_goal(db, rep, "2026-Q1", 90_000)
    make_goal(db, other, "2026-Q1", 80_000)
    report = run(
        db,
        tmp_path,
        f"{rep.email},revenue_won,2026-Q1,90000,,,,\n{other.email},revenue_won,2026-Q1,85000,,,,\n",
    )
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    change = db.scalars(select(GoalChange)).one()
    assert (change.field, change.old_value, change.new_value) == ("target", "80000", "85000")


def test_a_row_that_would_reopen_a_retired_goal_is_refused_without_writing(
    db: Session, tmp_path: Path, manager: Person
) -> None:
    [rep] = reps(db, manager, 1)
    make_goal(db, rep, "2026-Q1", 90_000, status="retired")
    report = run(
        db,
        tmp_path,
        f"{rep.email},activities_call,2026-Q1,300,,,,\n{rep.email},revenue_won,2026-Q1,95000,,,,\n",
    )
    [error] = report.errors.to_list()
    assert (error["line"], error["reason"]) == (3, "A retired goal can no longer be changed.")
    assert db.scalars(select(Goal.metric)).all() == ["revenue_won"]
