"""What the whole organisation's digests read for one week, gathered once for everyone: a
fixed number of queries whatever the number of people (each digest then picks its part).

- goals: every approved goal line whose period holds the week's last day, paced at that day
  (the scorecard's rows, one scorecard per period in use);
- placements now and a week earlier (the quadrant of the month each day falls in);
- signals now and a week earlier (the manager report of the week's quarter);
- the week's coaching: 1:1s of the month so far, check-ins and recognitions of the week;
- the plan lines of the month ending in the coming week (the 1:1 commitments falling due);
- each person's earnings at the week's last day, when a source of them is handed in
  (digest/earnings.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.digest.earnings import EarningLine, EarningsSource, by_person
from pacesetter.digest.week import DigestWeek
from pacesetter.domain.overload import signal_changes
from pacesetter.domain.periods import Period, parse_period
from pacesetter.domain.vocab import CoachingType, GoalStatus, Role
from pacesetter.metrics.manager_report import build_manager_report
from pacesetter.metrics.quadrant import placements
from pacesetter.metrics.scorecard import GoalLine, build_scorecard
from pacesetter.store.models import CoachingRecord, Goal, Person, PlanLine
from pacesetter.store.scope import Scope

COACHING_TYPES = (CoachingType.ONE_ON_ONE, CoachingType.CHECK_IN, CoachingType.RECOGNITION)


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str
    email: str
    role: str
    manager_id: int | None


@dataclass
class WeekFacts:
    week: DigestWeek
    people: dict[int, PersonRef]
    goals: dict[int, list[tuple[Period, GoalLine]]] = field(default_factory=dict)
    quadrant_now: dict[int, str | None] = field(default_factory=dict)
    quadrant_before: dict[int, str | None] = field(default_factory=dict)
    new_signals: dict[int, list[str]] = field(default_factory=dict)
    coaching: list[CoachingRecord] = field(default_factory=list)
    plan_lines: list[PlanLine] = field(default_factory=list)
    earnings: dict[int, list[EarningLine]] = field(default_factory=dict)

    @cached_property
    def children(self) -> dict[int | None, list[int]]:
        """Each person's direct reports (built once: every manager's digest walks it)."""
        found: dict[int | None, list[int]] = defaultdict(list)
        for person in self.people.values():
            found[person.manager_id].append(person.id)
        return found

    def subtree(self, root: int) -> set[int]:
        """`root` and everyone below them, from the people already loaded."""
        found, stack = set(), [root]
        while stack:
            current = stack.pop()
            found.add(current)
            stack.extend(child for child in self.children.get(current, []) if child not in found)
        return found

    def reports_of(self, manager_id: int) -> list[PersonRef]:
        reports = [self.people[i] for i in self.children.get(manager_id, [])]
        return sorted(reports, key=lambda p: p.name)


def gather(session: Session, week: DigestWeek, earnings: EarningsSource | None = None) -> WeekFacts:
    """Everything the week's digests show, for the whole organisation (earnings: when their
    source is given)."""
    facts = WeekFacts(week, _people(session, week.as_of))
    facts.goals = _goal_lines(session, week)
    facts.quadrant_now = _quadrants(session, week.month(), week.as_of)
    facts.quadrant_before = _quadrants(session, week.month(week.before), week.before)
    facts.new_signals = _new_signals(session, week)
    facts.coaching = _coaching(session, week)
    facts.plan_lines = _plan_lines(session, week)
    facts.earnings = by_person(earnings(session, week.as_of)) if earnings else {}
    return facts


def _people(session: Session, day: date) -> dict[int, PersonRef]:
    """Everyone employed on the week's last day (the digest goes to them, and is about them)."""
    rows = session.scalars(select(Person).order_by(Person.name))
    return {
        p.id: PersonRef(p.id, p.name, p.email, p.role, p.manager_id)
        for p in rows
        if p.employed_on(day)
    }


def _goal_lines(session: Session, week: DigestWeek) -> dict[int, list[tuple[Period, GoalLine]]]:
    """Each person's goal lines (their own and, for a manager, their team's), paced at the
    week's last day, for every period an approved goal holding that day is set for."""
    lines: dict[int, list[tuple[Period, GoalLine]]] = defaultdict(list)
    ids = {p.external_id: p.id for p in session.scalars(select(Person))}
    for period in _goal_periods(session, week):
        scorecard = build_scorecard(session, Scope.everything(), period, week.as_of)
        for row in scorecard.rows:
            lines[ids[row.external_id]].extend((period, goal) for goal in row.goals)
    return lines


def _goal_periods(session: Session, week: DigestWeek) -> list[Period]:
    names = session.scalars(
        select(Goal.period)
        .where(
            Goal.status == GoalStatus.APPROVED,
            Goal.period_start <= week.as_of,
            Goal.period_end >= week.as_of,
        )
        .distinct()
    )
    return sorted(parse_period(name, week.fiscal_start) for name in names)


def _quadrants(session: Session, month: Period, as_of: date) -> dict[int, str | None]:
    reps = select(Person.id).where(Person.role == Role.REP)
    return {key: placed.quadrant for key, placed in placements(session, reps, month, as_of).items()}


def _new_signals(session: Session, week: DigestWeek) -> dict[int, list[str]]:
    """Each manager's signals that fire at the week's end but did not a week earlier."""
    quarter, everyone = week.quarter(), Scope.everything()
    now = build_manager_report(session, everyone, quarter, week.as_of).rows
    earlier = max(week.before, quarter.start)
    before = {
        r.person_id: r.signals
        for r in build_manager_report(session, everyone, quarter, earlier).rows
    }
    found = {}
    for row in now:
        was = [s.name for s in before.get(row.person_id, [])] if earlier < week.as_of else []
        changes = signal_changes([s.name for s in row.signals], was)
        found[row.person_id] = [name for name, change in changes.items() if change == "new"]
    return found


def _coaching(session: Session, week: DigestWeek) -> list[CoachingRecord]:
    """1:1s of the month so far, check-ins and recognitions of the week (filtered later)."""
    start = min(week.month().start, week.week.start)
    return list(
        session.scalars(
            select(CoachingRecord)
            .where(
                CoachingRecord.type.in_(COACHING_TYPES),
                CoachingRecord.occurred_on >= start,
                CoachingRecord.occurred_on <= week.as_of,
            )
            .order_by(CoachingRecord.occurred_on, CoachingRecord.id)
        )
    )


def _plan_lines(session: Session, week: DigestWeek) -> list[PlanLine]:
    month = week.month_falling_due()
    if month is None:
        return []
    statement = select(PlanLine).where(PlanLine.month == month.name)
    return list(session.scalars(statement.order_by(PlanLine.person_id, PlanLine.line)))
