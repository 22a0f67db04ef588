"""A rep's plan for a month as the page and the API show it, and the plans of the reps a viewer
may see (the team table and its CSV), always through the viewer's scope.

Where a line came from is read from what is recorded: the latest 1:1 that committed this line
for this month, or the latest approved proposal that changed it, when the line still holds that
value. A line set on the plans page or imported has no recorded origin and shows none.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pacesetter.domain.periods import Period
from pacesetter.domain.plan_lines import LINES
from pacesetter.domain.vocab import CoachingType, GoalStatus, Role
from pacesetter.plans.service import may_set, month_of, stored_lines
from pacesetter.store.models import CoachingRecord, Person, PlanLine, PlanProposal
from pacesetter.store.scope import Scope

# How far before its month a 1:1 may have committed it (a 1:1 reviews the month before).
COMMITMENT_WINDOW = timedelta(days=92)


@dataclass(frozen=True)
class Origin:
    label: str  # "1:1 of 2026-03-03", "proposal approved 2026-03-05"
    href: str | None


@dataclass(frozen=True)
class ProposalView:
    id: int
    month: str
    changes: dict[str, float | None]
    note: str | None
    status: str
    proposed_by: str
    proposed_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None


@dataclass(frozen=True)
class MonthPlan:
    """One rep's plan for one month, with what the viewer may do to it."""

    person: Person
    month: Period
    lines: dict[str, float]
    origins: dict[str, Origin]
    last_month: dict[str, float]
    proposals: list[ProposalView]
    may_set: bool  # the viewer is the rep's manager: edits, decides proposals
    may_propose: bool  # the viewer is the rep

    @property
    def waiting(self) -> ProposalView | None:
        return next((p for p in self.proposals if p.status == GoalStatus.PROPOSED), None)


@dataclass(frozen=True)
class TeamRow:
    person: Person
    lines: dict[str, float] = field(default_factory=dict)
    waiting: int = 0


def month_plan(session: Session, viewer: Person, person_id: int, month: str) -> MonthPlan:
    """The rep's plan for the month as the viewer may see it; `NotFound` outside the scope."""
    person = Scope.of(viewer).person(session, person_id)
    span = month_of(month)
    lines = stored_lines(session, person.id, span.name)
    return MonthPlan(
        person=person,
        month=span,
        lines=lines,
        origins=_origins(session, person.id, span, lines),
        last_month=stored_lines(session, person.id, span.previous().name),
        proposals=_proposals(session, person.id, span.name),
        may_set=may_set(viewer, person),
        may_propose=viewer.id == person.id and person.manager_id is not None,
    )


def team_plans(session: Session, scope: Scope, month: Period) -> list[TeamRow]:
    """Every rep the viewer may see who is employed during the month, by name, with their
    plan lines and how many proposals wait: three statements whatever the team's size."""
    employed = (Person.start_date.is_(None) | (Person.start_date <= month.end)) & (
        Person.end_date.is_(None) | (Person.end_date >= month.start)
    )
    people = select(Person).where(Person.role == Role.REP, employed).order_by(Person.name)
    rows = {p.id: TeamRow(p) for p in session.scalars(scope.restrict(people, Person.id))}
    ids = list(rows)
    planned = select(PlanLine.person_id, PlanLine.line, PlanLine.planned).where(
        PlanLine.person_id.in_(ids), PlanLine.month == month.name
    )
    for person_id, line, value in session.execute(planned):
        rows[person_id].lines[line] = value
    waiting = (
        select(PlanProposal.person_id, func.count())
        .where(PlanProposal.person_id.in_(ids), PlanProposal.month == month.name)
        .where(PlanProposal.status == GoalStatus.PROPOSED)
        .group_by(PlanProposal.person_id)
    )
    counts = {person_id: count for person_id, count in session.execute(waiting)}
    return [TeamRow(row.person, row.lines, counts.get(row.person.id, 0)) for row in rows.values()]


def line_order(lines: dict[str, float]) -> list[tuple[str, float]]:
    """The lines in the one order every surface shows them: activity types, direction, quality."""
    return [(line, lines[line]) for line in LINES if line in lines]


def _origins(
    session: Session, person_id: int, month: Period, lines: dict[str, float]
) -> dict[str, Origin]:
    """Each line's latest recorded source, if the line still holds the value it set."""
    events: list[tuple[datetime, str, float | None, Origin]] = []
    for record in _one_on_ones(session, person_id, month):
        origin = Origin(f"1:1 of {record.occurred_on.isoformat()}", f"/coaching/{record.id}")
        for line, value in (record.details or {}).get("commitments", {}).items():
            events.append((record.occurred_at, line, value, origin))
    for proposal in _approved(session, person_id, month.name):
        day = proposal.decided_at or proposal.proposed_at
        origin = Origin(f"proposal approved {day.date().isoformat()}", None)
        events.extend((day, line, value, origin) for line, value in proposal.changes.items())
    latest: dict[str, tuple[float | None, Origin]] = {}
    for _, line, value, origin in sorted(events, key=lambda event: event[0]):
        latest[line] = (value, origin)
    return {
        line: origin
        for line, (value, origin) in latest.items()
        if line in lines and value == lines[line]
    }


def _one_on_ones(session: Session, person_id: int, month: Period) -> list[CoachingRecord]:
    statement = select(CoachingRecord).where(
        CoachingRecord.person_id == person_id,
        CoachingRecord.type == CoachingType.ONE_ON_ONE,
        CoachingRecord.occurred_on.between(month.start - COMMITMENT_WINDOW, month.end),
    )
    return [
        record
        for record in session.scalars(statement)
        if (record.details or {}).get("plan_month") == month.name
    ]


def _approved(session: Session, person_id: int, month: str) -> list[PlanProposal]:
    statement = select(PlanProposal).where(
        PlanProposal.person_id == person_id,
        PlanProposal.month == month,
        PlanProposal.status == GoalStatus.APPROVED,
    )
    return list(session.scalars(statement))


def _proposals(session: Session, person_id: int, month: str) -> list[ProposalView]:
    """The month's proposals, newest first, with who proposed and decided by name."""
    statement = (
        select(PlanProposal)
        .where(PlanProposal.person_id == person_id, PlanProposal.month == month)
        .order_by(PlanProposal.proposed_at.desc(), PlanProposal.id.desc())
    )
    proposals = list(session.scalars(statement))
    ids = {i for p in proposals for i in (p.proposed_by_id, p.decided_by_id) if i is not None}
    rows = session.execute(select(Person.id, Person.name).where(Person.id.in_(ids)))
    names = {person_id: name for person_id, name in rows}
    return [
        ProposalView(
            id=p.id,
            month=p.month,
            changes=p.changes,
            note=p.note,
            status=p.status,
            proposed_by=names.get(p.proposed_by_id, ""),
            proposed_at=p.proposed_at,
            decided_by=names.get(p.decided_by_id) if p.decided_by_id else None,
            decided_at=p.decided_at,
            decision_note=p.decision_note,
        )
        for p in proposals
    ]
