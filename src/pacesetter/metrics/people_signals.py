"""The signals about a manager's direct reports: reps without goals, new hires without a recent
1:1, and the months a report had no 1:1 (the evidence of `lapsed_one_on_ones`).

Direct reports are the people whose manager is the manager, employed during P, whatever their
role (the same population as `one_on_one_cadence`). Two statements for every manager at once:
the reports with two EXISTS flags, and the 1:1s the managers held in the months of P.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from pacesetter.domain.overload import missed_months
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import CoachingType, GoalStatus, Role
from pacesetter.metrics.grouping import PERSON_SCOPE
from pacesetter.metrics.player_coach import Ids, Ref, employed_during, person_ref
from pacesetter.metrics.sql import unindexed
from pacesetter.store.models import CoachingRecord, Goal, OrgSettings, Person

# (manager, report) -> first days of the months a 1:1 was held in
Held = dict[tuple[int, int], set[date]]


@dataclass
class Reports:
    """A manager's direct reports employed during P, and the evidence lists they feed."""

    count: int = 0
    without_goals: list[Ref] = field(default_factory=list)
    new_hires: list[Ref] = field(default_factory=list)
    missed_one_on_ones: list[Ref] = field(default_factory=list)


def direct_reports(
    session: Session, managers: Ids, period: Period, as_of: date, settings: OrgSettings
) -> dict[int, Reports]:
    """Each manager's direct reports employed during P, with the reps employed at d without an
    approved goal for P, the new hires without a recent 1:1 by them, and the missed 1:1s."""
    since = as_of - timedelta(days=settings.signal_new_hire_one_on_one_days)
    statement = (
        select(Person.manager_id, Person.id, Person.external_id, Person.email, Person.name)
        .add_columns(Person.role, Person.start_date, Person.end_date)
        .add_columns(_has_goal(period).label("has_goal"), _met_since(since, as_of).label("met"))
        .where(Person.manager_id.in_(managers), employed_during(period))
        .order_by(Person.manager_id, Person.name, Person.external_id)
    )
    reader = _Reader(
        as_of, settings, period.months(), one_on_ones(session, managers, period, as_of)
    )
    found: dict[int, Reports] = {}
    for row in session.execute(statement).mappings():
        reader.add(found.setdefault(row["manager_id"], Reports()), row)
    return found


@dataclass(frozen=True)
class _Reader:
    as_of: date
    settings: OrgSettings
    months: list[Period]
    held: Held

    def add(self, reports: Reports, row: Mapping[str, Any]) -> None:
        """Count one direct report and add them to the evidence lists they belong in."""
        reports.count += 1
        ref = person_ref(row["external_id"], row["email"], row["name"])
        start, end = row["start_date"], row["end_date"]
        held = self.held.get((row["manager_id"], row["id"]), set())
        missed = missed_months((start, end), self.months, held, self.as_of)
        if missed:
            reports.missed_one_on_ones.append({**ref, "months": missed})
        if (start is not None and start > self.as_of) or (end is not None and end < self.as_of):
            return  # not employed at d
        if row["role"] == Role.REP and not row["has_goal"]:
            reports.without_goals.append(ref)
        days = None if start is None else (self.as_of - start).days
        if days is not None and days < self.settings.signal_new_hire_days and not row["met"]:
            reports.new_hires.append({**ref, "start_date": start.isoformat(), "days_in_role": days})


def one_on_ones(session: Session, managers: Ids, period: Period, as_of: date) -> Held:
    """The 1:1s each manager held about someone, by month, in the months of P up to d."""
    statement = select(
        CoachingRecord.author_id, CoachingRecord.person_id, CoachingRecord.occurred_on
    ).where(
        CoachingRecord.author_id.in_(managers),
        CoachingRecord.type == CoachingType.ONE_ON_ONE,
        CoachingRecord.person_id.is_not(None),
        CoachingRecord.occurred_on.between(period.months()[0].start, as_of),
    )
    held: Held = {}
    for author, person, day in session.execute(statement):
        held.setdefault((author, person), set()).add(day.replace(day=1))
    return held


def _has_goal(period: Period) -> Any:
    """An approved goal for P, on any metric, whose scope is the person. `unindexed` keeps
    SQLite on the person's goals rather than on every goal of the period (measured: 90 s
    against 0.1 s for 5,000 reps)."""
    return exists().where(
        Goal.person_id == Person.id,
        Goal.scope_type == PERSON_SCOPE,
        Goal.status == GoalStatus.APPROVED,
        unindexed(Goal.period_start) == period.start,
        unindexed(Goal.period_end) == period.end,
    )


def _met_since(since: date, as_of: date) -> Any:
    """A 1:1 by the person's manager about them, dated in [since, d]."""
    return exists().where(
        CoachingRecord.author_id == Person.manager_id,
        CoachingRecord.person_id == Person.id,
        CoachingRecord.type == CoachingType.ONE_ON_ONE,
        CoachingRecord.occurred_on.between(since, as_of),
    )
