"""Changing a rep's monthly plan: the one path the pages and the API take.

A rep's own manager sets the month's plan (the form holds every line; a blank line is dropped).
The rep proposes changes to their own plan; their manager approves them (the changes become
plan lines, which QDQ reads) or rejects them with a reason. Nothing is written until the whole
request has been checked, and functions only flush: the caller commits.
"""

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Conflict, Forbidden, Invalid, NotFound
from pacesetter.domain.periods import Period, PeriodError, PeriodKind, parse_period
from pacesetter.domain.vocab import GoalStatus
from pacesetter.plans import lines as plan_lines
from pacesetter.plans.lines import Changes, Lines, Problems
from pacesetter.store.models import Person, PlanLine, PlanProposal, utcnow
from pacesetter.store.scope import Scope

NOTE_LIMIT = 2_000


class PlanFormError(Invalid):
    """The plan cannot be saved; `problems` names every refused field and why."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        super().__init__(" ".join(problems.values()))


def month_of(name: str) -> Period:
    """The month a plan is for, written like 2026-03."""
    try:
        month = parse_period(name)
    except PeriodError as error:
        raise Invalid(str(error)) from None
    if month.kind is not PeriodKind.MONTH:
        raise Invalid("A plan is for a month, written like 2026-03.")
    return month


def stored_lines(session: Session, person_id: int, month: str) -> Lines:
    statement = select(PlanLine.line, PlanLine.planned).where(
        PlanLine.person_id == person_id, PlanLine.month == month
    )
    return {line: planned for line, planned in session.execute(statement)}


def save_plan(
    session: Session, manager: Person, person_id: int, month: str, wanted: Mapping[str, float]
) -> Lines:
    """Set the rep's plan for the month to `wanted`, line by line (a line not in it is
    dropped). Only the rep's own manager may."""
    rep = _managed_rep(session, manager, person_id)
    span = month_of(month)
    _refuse_problems(plan_lines.check(wanted))
    current = stored_lines(session, rep.id, span.name)
    _apply(session, rep.id, span, plan_lines.changes(current, wanted))
    return dict(wanted)


def propose(
    session: Session, rep: Person, month: str, wanted: Mapping[str, float], note: str | None
) -> PlanProposal:
    """The rep's own plan as they would have it: the lines that differ from the plan now are
    kept as a proposal for their manager. One proposal per month waits at a time."""
    if rep.manager_id is None:
        raise Invalid("You have no manager to approve a proposal.")
    span = month_of(month)
    problems = plan_lines.check(wanted) | _note_problem(note)
    _refuse_problems(problems)
    change = plan_lines.changes(stored_lines(session, rep.id, span.name), wanted)
    if not change:
        raise Invalid("The proposal changes nothing: it is the plan as it stands.")
    if _waiting(session, rep.id, span.name) is not None:
        raise Conflict(f"Your proposal for {span.name} is waiting for your manager's decision.")
    proposal = PlanProposal(person_id=rep.id, month=span.name, changes=change, note=_text(note))
    proposal.status, proposal.proposed_by_id = GoalStatus.PROPOSED.value, rep.id
    session.add(proposal)
    session.flush()
    return proposal


def decide(
    session: Session, manager: Person, proposal_id: int, approve: bool, note: str | None
) -> PlanProposal:
    """Approve the proposal (its changes become the month's plan lines) or reject it, with the
    reason. Only the rep's own manager decides, once."""
    proposal = _visible_proposal(session, Scope.of(manager), proposal_id)
    _managed_rep(session, manager, proposal.person_id)
    if proposal.status != GoalStatus.PROPOSED:
        raise Conflict(f"This proposal was {proposal.status} already.")
    problems = _note_problem(note)
    if not approve and not _text(note):
        problems["note"] = "Say why you reject it: the rep reads your reason."
    _refuse_problems(problems)
    if approve:
        _apply(session, proposal.person_id, month_of(proposal.month), proposal.changes)
    proposal.status = (GoalStatus.APPROVED if approve else GoalStatus.REJECTED).value
    proposal.decided_by_id, proposal.decided_at = manager.id, utcnow()
    proposal.decision_note = _text(note)
    session.flush()
    return proposal


def may_set(viewer: Person, rep: Person) -> bool:
    """Whether the viewer sets this person's plan: they are the person's own manager."""
    return rep.manager_id == viewer.id


def _managed_rep(session: Session, manager: Person, person_id: int) -> Person:
    rep = Scope.of(manager).person(session, person_id)
    if not may_set(manager, rep):
        raise Forbidden("A rep's plan is set by their own manager.")
    return rep


def _visible_proposal(session: Session, scope: Scope, proposal_id: int) -> PlanProposal:
    proposal = session.get(PlanProposal, proposal_id)
    if proposal is None or not scope.sees(session, proposal.person_id):
        raise NotFound(f"No plan proposal {proposal_id}")
    return proposal


def _waiting(session: Session, person_id: int, month: str) -> PlanProposal | None:
    return session.scalar(
        select(PlanProposal).where(
            PlanProposal.person_id == person_id,
            PlanProposal.month == month,
            PlanProposal.status == GoalStatus.PROPOSED,
        )
    )


def _apply(session: Session, person_id: int, month: Period, change: Changes) -> None:
    """Write the changes as plan lines: a new value replaces the line's, None drops it."""
    statement = select(PlanLine).where(
        PlanLine.person_id == person_id, PlanLine.month == month.name
    )
    stored = {line.line: line for line in session.scalars(statement)}
    for line, planned in change.items():
        if planned is None:
            if line in stored:
                session.delete(stored[line])
        elif line in stored:
            stored[line].planned = float(planned)
        else:
            new = PlanLine(person_id=person_id, month=month.name, line=line, planned=planned)
            new.month_start = month.start
            session.add(new)
    session.flush()


def _note_problem(note: str | None) -> Problems:
    if len(note or "") > NOTE_LIMIT:
        return {"note": f"Keep the note under {NOTE_LIMIT:,} characters."}
    return {}


def _refuse_problems(problems: Problems) -> None:
    if problems:
        raise PlanFormError(problems)


def _text(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None
