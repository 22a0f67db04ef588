"""Who a manager's KPIs are about: their team's reps and their direct reports.

metrics.md: the team is the manager and everyone below them (the hierarchy as it is now); the
reps are the people with role `rep` in the team employed during P; the direct reports are the
people whose manager they are, employed during P. Each list is one statement for every manager.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import CTE, ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import Role
from pacesetter.store.models import Person

Ids = Select[tuple[int]]
# (part, whole) of a share KPI: its value is part / whole, null when whole is 0.
Counts = tuple[int, int]


@dataclass(frozen=True)
class Member:
    """A person a KPI counts, with the dates they were employed between (open ends: None)."""

    person_id: int
    start_date: date | None
    end_date: date | None

    def employed_between(self, start: date, end: date) -> bool:
        """Employed on some day of [start, end] (metrics.md: "employed in a month or week")."""
        started = self.start_date is None or self.start_date <= end
        return started and (self.end_date is None or self.end_date >= start)

    def employed_on(self, day: date) -> bool:
        return self.employed_between(day, day)


Members = dict[int, list[Member]]


def employed_during(start: date, end: date) -> ColumnElement[bool]:
    """A person employed on some day of [start, end]."""
    return or_(Person.start_date.is_(None), Person.start_date <= end) & or_(
        Person.end_date.is_(None), Person.end_date >= start
    )


def team_rep_ids(closure: CTE, period: Period) -> Ids:
    """The ids of the reps of every team of `closure` employed during P, each once (a rep is
    in the team of each of their managers, up to the top)."""
    statement = select(closure.c.member).join(Person, Person.id == closure.c.member)
    statement = statement.where(Person.role == Role.REP, employed_during(period.start, period.end))
    return statement.distinct()


def team_reps(session: Session, closure: CTE, period: Period) -> Members:
    """Each manager's reps employed during P."""
    statement = (
        select(closure.c.ancestor, Person.id, Person.start_date, Person.end_date)
        .join(Person, Person.id == closure.c.member)
        .where(Person.role == Role.REP, employed_during(period.start, period.end))
    )
    return _by_key(session.execute(statement))


def direct_reports(session: Session, managers: Ids, period: Period) -> Members:
    """Each manager's direct reports employed during P, whatever their role."""
    statement = select(Person.manager_id, Person.id, Person.start_date, Person.end_date).where(
        Person.manager_id.in_(managers), employed_during(period.start, period.end)
    )
    return _by_key(session.execute(statement))


def _by_key(rows: Iterable[Any]) -> Members:
    found: Members = {}
    for key, person_id, start, end in rows:
        found.setdefault(key, []).append(Member(person_id, start, end))
    return found
