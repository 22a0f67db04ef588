"""A goals import that adds, changes, approves and retires issues as many SQL statements for
200 goals as for 20: every check and write is set-based over the file, none per goal.

Each rep of Max's team brings four rows (see `stored_goals` and `rows_for`).
"""

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from test_goal_import_batch import reps, run, statements

from factories import make_goal, make_person
from pacesetter.store.models import Goal, GoalChange, MailOutbox, Person

IMPORTED = ("import goals.csv", "import")  # the reason and the channel of an import's change


@pytest.fixture
def manager(db: Session) -> Person:
    director = make_person(db, "Dee Director", role="director", email="dee@example.com")
    return make_person(db, "Max Manager", role="manager", manager=director, email="max@e.com")


def stored_goals(db: Session, people: list[Person]) -> None:
    """Each rep's own proposal for Q1's revenue, and approved call goals for January and
    February."""
    for person in people:
        proposal = make_goal(db, person, "2026-Q1", 90_000, status="proposed")
        proposal.proposed_by_id = person.id
        make_goal(db, person, "2026-01", 100, metric="activities_call", kind="activity")
        make_goal(db, person, "2026-02", 100, metric="activities_call", kind="activity")
    db.flush()


def rows_for(people: list[Person]) -> str:
    """The proposal approved at a higher target, January's calls raised, February's retired,
    and a new meeting goal for January."""
    return "".join(
        f"{p.email},revenue_won,2026-Q1,95000,,,approved,\n"
        f"{p.email},activities_call,2026-01,120,,,,\n"
        f"{p.email},activities_call,2026-02,100,,,retired,\n"
        f"{p.email},activities_meeting,2026-01,20,,,,\n"
        for p in people
    )


def counted(db: Session, model: type) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


def test_changing_200_goals_takes_as_many_statements_as_changing_20(
    db: Session, tmp_path: Path, manager: Person
) -> None:
    few, many = reps(db, manager, 5), reps(db, manager, 50, "b")
    warm_up = reps(db, manager, 1, "c")
    stored_goals(db, [*few, *many, *warm_up])
    run(db, tmp_path, rows_for(warm_up))  # the unit of work's settings read
    with statements(db) as small:
        report = run(db, tmp_path, rows_for(few))
    assert (report.added, report.updated, report.errors.to_list()) == (5, 15, [])
    with statements(db) as large:
        report = run(db, tmp_path, rows_for(many))
    assert (report.added, report.updated, report.errors.to_list()) == (50, 150, [])
    assert len(large) == len(small)


def test_a_bulk_import_keeps_the_trail_and_the_mail_of_each_change(
    db: Session, tmp_path: Path, manager: Person
) -> None:
    [rep] = reps(db, manager, 1)
    stored_goals(db, [rep])
    run(db, tmp_path, rows_for([rep]))
    trail = db.execute(
        select(Goal.metric, Goal.period, GoalChange.field, GoalChange.old_value)
        .add_columns(GoalChange.new_value, GoalChange.reason, GoalChange.channel)
        .join(Goal, Goal.id == GoalChange.goal_id)
        .order_by(GoalChange.id)
    ).all()
    assert [tuple(row) for row in trail] == [
        ("activities_meeting", "2026-01", "status", None, "approved", *IMPORTED),
        ("revenue_won", "2026-Q1", "target", "90000", "95000", *IMPORTED),
        ("revenue_won", "2026-Q1", "status", "proposed", "approved", *IMPORTED),
        ("activities_call", "2026-01", "target", "100", "120", *IMPORTED),
        ("activities_call", "2026-02", "status", "approved", "retired", *IMPORTED),
    ]
    approved = db.scalars(select(Goal).where(Goal.period == "2026-Q1")).one()
    assert (approved.status, approved.decision_note, approved.decided_at is not None) == (
        "approved",
        "import goals.csv",
        True,
    )
    mail = db.scalars(select(MailOutbox).order_by(MailOutbox.id)).all()
    assert [(m.person_id, m.kind, m.payload["by"], m.payload.get("fields")) for m in mail] == [
        (rep.id, "goal_decided", "an import", None),
        (rep.id, "goal_changed", "an import", ["target"]),
        (rep.id, "goal_changed", "an import", ["status"]),
    ]
    assert mail[0].payload["owner"] == rep.name
    assert counted(db, Goal) == 4


def test_a_second_import_of_the_same_file_changes_nothing(
    db: Session, tmp_path: Path, manager: Person
) -> None:
    people = reps(db, manager, 3)
    stored_goals(db, people)
    run(db, tmp_path, rows_for(people))
    trail, mail = counted(db, GoalChange), counted(db, MailOutbox)
    report = run(db, tmp_path, rows_for(people))
    assert (report.added, report.updated, report.unchanged) == (0, 0, 12)
    assert (counted(db, GoalChange), counted(db, MailOutbox)) == (trail, mail)
