"""The `goals` import kind: rows go through the goals service (lint, workflow, audit trail)."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_goal, make_person
from pacesetter.ingest.report import ImportReport
from pacesetter.ingest.service import run_import
from pacesetter.store.models import Goal, GoalChange, Person

HEADER = "scope,metric,period,target,kind,individual_weight,status,rationale\n"


@pytest.fixture
def team(db: Session) -> dict[str, Person]:
    director = make_person(db, "Dee Director", role="director", email="dee@example.com")
    manager = make_person(
        db, "Max Manager", role="manager", manager=director, email="max@example.com"
    )
    ann = make_person(db, "Ann Rep", manager=manager, email="ann@example.com")
    make_activity(db, ann, date.today())
    make_deal(db, ann, status="won", created=date.today(), closed=date.today())
    return {"director": director, "manager": manager, "ann": ann}


def run(db: Session, tmp_path: Path, rows: str, *, dry_run: bool = False) -> ImportReport:
    path = tmp_path / "goals.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return run_import(db, "goals", path, file_name=str(path), dry_run=dry_run)


def goals(db: Session) -> list[Goal]:
    return list(db.scalars(select(Goal).order_by(Goal.id)))


def test_rows_become_approved_goals_for_people_and_teams(
    db: Session, tmp_path: Path, team: dict[str, Person]
) -> None:
    report = run(
        db,
        tmp_path,
        "ann@example.com,revenue_won,2026-q1,90000,,,,steady\n"
        "ann@example.com,activities_call,2026-Q1,300,,,,\n"
        "team:max@example.com,revenue_won,2026-Q1,400000,,,,\n",
    )
    assert report.errors.to_list() == []
    assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
    stored = goals(db)
    assert [(g.scope_type, g.metric, g.period, g.status) for g in stored] == [
        ("person", "revenue_won", "2026-Q1", "approved"),
        ("person", "activities_call", "2026-Q1", "approved"),
        ("team", "revenue_won", "2026-Q1", "approved"),
    ]
    # the kind is inferred from the metric when the file leaves it blank
    assert [g.kind for g in stored] == ["outcome", "activity", "outcome"]


def test_importing_the_same_file_twice_changes_nothing(
    db: Session, tmp_path: Path, team: dict[str, Person]
) -> None:
    rows = "ann@example.com,revenue_won,2026-Q1,90000,,,,\n"
    run(db, tmp_path, rows)
    again = run(db, tmp_path, rows)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)


def test_a_changed_target_is_audited_with_the_file_as_reason(
    db: Session, tmp_path: Path, team: dict[str, Person]
) -> None:
    goal = make_goal(db, team["ann"], "2026-Q1", 90_000)
    report = run(db, tmp_path, "ann@example.com,revenue_won,2026-Q1,95000,,,,\n")
    assert report.updated == 1
    change = db.scalars(select(GoalChange).where(GoalChange.goal_id == goal.id)).one()
    assert (change.field, change.old_value, change.new_value) == ("target", "90000", "95000")
    assert (change.channel, change.changed_by_id) == ("import", None)
    assert change.reason == "import goals.csv"


def test_a_status_column_moves_goals_through_the_workflow(
    db: Session, tmp_path: Path, team: dict[str, Person]
) -> None:
    proposed = make_goal(db, team["ann"], "2026-Q1", 90_000, status="proposed")
    approved = make_goal(db, team["ann"], "2026-Q1", 200, metric="deals_won")
    report = run(
        db,
        tmp_path,
        "ann@example.com,revenue_won,2026-Q1,90000,,,approved,\n"
        "ann@example.com,deals_won,2026-Q1,200,,,retired,\n",
    )
    assert report.errors.to_list() == []
    assert (proposed.status, approved.status) == ("approved", "retired")


def test_lint_errors_and_refused_moves_reject_the_whole_file(
    db: Session, tmp_path: Path, team: dict[str, Person]
) -> None:
    make_goal(db, team["ann"], "2026-Q1", 5, metric="deals_won", status="retired")
    report = run(
        db,
        tmp_path,
        "ann@example.com,revenu_won,2026-Q1,1000,,,,\n"
        "ann@example.com,activities_call,2026-Q1,0,,,,\n"
        "ann@example.com,deals_won,2026-Q1,5,,,approved,\n"
        "team:ann@example.com,revenue_won,2026-Q1,1000,,,,\n"
        "nobody@example.com,revenue_won,2026-Q1,1000,,,,\n",
    )
    errors = [(e["line"], e["column"], e["reason"]) for e in report.errors.to_list()]
    assert [(line, column) for line, column, _ in errors] == [
        (2, "metric"),
        (3, "target"),
        (4, None),
        (5, None),
        (6, "scope"),
    ]
    reasons = [reason for _, _, reason in errors]
    assert reasons[0].startswith("error (not_specific): 'revenu_won' is not a metric")
    assert reasons[1].startswith("error (not_measurable): A target of 0 cannot")
    assert reasons[2].startswith("A retired goal cannot become approved")
    assert reasons[3].startswith("Ann Rep leads no team")
    assert reasons[4].startswith("unknown person")
    assert [g.status for g in goals(db)] == ["retired"]


def test_lint_warnings_are_listed_with_the_row(
    db: Session, tmp_path: Path, team: dict[str, Person]
) -> None:
    report = run(db, tmp_path, "ann@example.com,revenue_won,2026-Q1,90000,,0.5,,\n")
    reasons = [w["reason"] for w in report.warnings.to_list()]
    assert any(r.startswith("warning (hybrid_without_team_goal)") for r in reasons)
    assert any(r.startswith("warning (outcome_only)") for r in reasons)
    assert report.added == 1


def test_an_activity_goal_further_down_the_file_answers_the_outcome_only_warning(
    db: Session, tmp_path: Path, team: dict[str, Person]
) -> None:
    report = run(
        db,
        tmp_path,
        "ann@example.com,revenue_won,2026-Q1,90000,,,,\n"
        "ann@example.com,activities_call,2026-Q1,300,,,,\n",
    )
    assert not any("outcome_only" in w["reason"] for w in report.warnings.to_list())


def test_a_dry_run_counts_and_writes_nothing(
    db: Session, tmp_path: Path, team: dict[str, Person]
) -> None:
    report = run(db, tmp_path, "ann@example.com,revenue_won,2026-Q1,90000,,,,\n", dry_run=True)
    assert report.added == 1
    assert goals(db) == []
