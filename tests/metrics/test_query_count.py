"""No N+1: the number of SQL statements does not grow with the number of people.

Each rep gets a won deal, an open deal, a followed-up meeting and a goal, so every family of the
catalogue has rows to read; the same report for 5 and for 50 reps must issue as many statements.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from factories import make_account, make_activity, make_deal, make_goal, make_person
from pacesetter.domain.periods import parse_period
from pacesetter.metrics.catalogue import SCORECARD_METRICS
from pacesetter.metrics.scorecard import build_scorecard
from pacesetter.metrics.values import person_metrics, team_metrics
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope

Q1 = parse_period("2026-Q1")
AS_OF = date(2026, 2, 13)


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])  # (conn, cursor, statement, parameters, context, many)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _team_of(db: Session, size: int) -> Person:
    manager = make_person(db, role="manager")
    make_goal(db, manager, "2026-Q1", 50000, team=True)
    for _ in range(size):
        rep = make_person(db, manager=manager)
        account = make_account(db, rep, is_target=True)
        make_deal(db, rep, status="won", amount=100, closed=date(2026, 2, 2))
        make_deal(db, rep, status="open", amount=300, closed=date(2026, 3, 2))
        make_activity(db, rep, date(2026, 2, 2), type="meeting", account=account)
        make_activity(db, rep, date(2026, 2, 3), type="call", account=account)
        make_goal(db, rep, "2026-Q1", 1000, individual_weight=0.5)
    return manager


def _everyone(db: Session, manager: Person) -> None:
    people = select(Person.id).where(Person.manager_id == manager.id)
    person_metrics(db, people, Q1, AS_OF, SCORECARD_METRICS)


def _teams(db: Session, manager: Person) -> None:
    managers = select(Person.id).where(Person.id == manager.id)
    team_metrics(db, managers, Q1, AS_OF, SCORECARD_METRICS)


def _scorecard(db: Session, manager: Person) -> None:
    build_scorecard(db, Scope.everything(), Q1, AS_OF, manager_id=manager.id)


@pytest.mark.parametrize("report", [_everyone, _teams, _scorecard])
def test_statements_do_not_grow_with_people(
    db: Session, engine: Engine, report: Callable[[Session, Person], None]
) -> None:
    small, large = _team_of(db, 5), _team_of(db, 50)
    with counting(engine) as for_five:
        report(db, small)
    with counting(engine) as for_fifty:
        report(db, large)
    assert len(for_fifty) == len(for_five)
    # One per family at most (keys, closed, created, open, activities, calendar x2, follow-ups,
    # goal target) plus the scorecard's people, goals and team metrics.
    assert len(for_five) <= 20
