"""Creating, changing and deciding goals: the one path every surface takes.

Each function checks who may act (permissions.py), what the workflow allows (workflow.py) and
what may be written (values.py), runs the lint on the goal as it would stand (errors block,
the rest comes back with the result) and writes the audit trail. Functions flush; the caller
commits.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from pacesetter.digest import events
from pacesetter.domain.errors import Conflict, Invalid
from pacesetter.domain.goal_lint import Finding, GoalDraft, ScopeKey, blocking
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import GoalStatus
from pacesetter.goals import audit, permissions
from pacesetter.goals.actor import Actor, Channel
from pacesetter.goals.linting import Linter, lint_drafts
from pacesetter.goals.queries import find_goal, get_goal, key_of, period_named
from pacesetter.goals.values import (
    EDITABLE,
    Values,
    distribution_fits,
    draft,
    draft_of,
    editable_values,
    validated,
)
from pacesetter.goals.workflow import check_open, check_transition
from pacesetter.store.models import Goal, GoalChange, utcnow

NEW_STATUSES = (GoalStatus.PROPOSED.value, GoalStatus.APPROVED.value)
# The columns an import's change may set on a stored goal: its values and its decision.
WRITTEN = (
    "target",
    "kind",
    "individual_weight",
    "rationale",
    "status",
    "decided_by_id",
    "decided_at",
    "decision_note",
)


class GoalLintError(Invalid):
    """The lint found errors: the goal is not saved. `findings` holds all of them."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__(" ".join(finding.message for finding in blocking(findings)))


@dataclass(frozen=True)
class GoalInput:
    """A new goal, as any surface hands it in."""

    scope: ScopeKey
    metric: str | None
    period: str | None
    target: float | None
    kind: str | None = None
    individual_weight: float | None = None
    rationale: str | None = None
    distribution: dict[str, Any] | None = None
    status: str | None = None  # proposed | approved; by default what the actor may do


@dataclass(frozen=True)
class GoalResult:
    goal: Goal
    findings: list[Finding] = field(default_factory=list)


def create_goal(
    session: Session,
    actor: Actor,
    data: GoalInput,
    *,
    today: date,
    reason: str | None = None,
    linter: Linter = lint_drafts,
) -> GoalResult:
    """A new goal, approved when the actor may decide on it, proposed otherwise."""
    permissions.scope_person(session, actor, data.scope)
    status = data.status or (
        GoalStatus.APPROVED if permissions.may_decide(actor, data.scope) else GoalStatus.PROPOSED
    )
    _ensure_may_create(actor, data.scope, status)
    values = validated(data.scope, editable_values(data))
    new = draft_for(data, status)
    findings = _checked(session, new, today, linter)
    goal = _new_goal(session, actor, new, _unclaimed_period(session, data), values)
    default = "proposed" if status == GoalStatus.PROPOSED else "set"
    audit.record(session, goal, actor, "status", None, status, reason or data.rationale or default)
    if status == GoalStatus.PROPOSED:
        events.goal_proposed(session, goal, actor.person_id)
    return GoalResult(goal, findings)


def create_goals(
    session: Session, actor: Actor, inputs: Sequence[GoalInput], *, reason: str
) -> None:
    """Many new goals at once, for an import that has checked each as `create_goal` would
    (every scope visible, no goal there yet, values valid, no lint error: `GoalBatch`).

    The goals, then their audit rows, go in as one bulk insert each (executemany), rather
    than a round trip per goal."""
    periods = {name: period_named(session, name) for name in {str(d.period) for d in inputs}}
    rows = []
    for data in inputs:
        new = draft_for(data)
        _ensure_may_create(actor, data.scope, new.status)
        values = validated(data.scope, editable_values(data))
        rows.append(_goal_values(actor, new, periods[str(data.period)], values))
    if not rows:
        return
    _insert(session, Goal, rows)
    ids = _ids_by_key(session, rows)
    trail = [
        audit.change(ids[_key(row)], actor, "status", None, row["status"], reason) for row in rows
    ]
    _insert(session, GoalChange, trail)
    # A proposal waits on someone, however it arrived: the same mail as `create_goal` sends,
    # written from the inserted values (transient goals, never added to the session).
    waiting = [
        Goal(id=ids[_key(row)], **row) for row in rows if row["status"] == GoalStatus.PROPOSED
    ]
    if waiting:
        events.queue(session, events.proposed(session, waiting, actor.person_id))


@dataclass(frozen=True)
class GoalUpdate:
    """What an import row does to a stored goal: its editable values, then its status."""

    goal: Goal
    changes: Mapping[str, Any]
    status: str | None = None


def update_goals(
    session: Session, actor: Actor, updates: Sequence[GoalUpdate], *, reason: str
) -> None:
    """Many stored goals changed at once, for an import that has checked each as `update_goal`
    and the decision functions would (`GoalBatch`: visible, open, valid, allowed by the
    workflow, no lint error), with the same trail and mail as they write.

    The goals are changed in memory, then written by one executemany (the ORM's flush would
    send one UPDATE per goal), their trail rows and mails by one insert each."""
    trail: list[dict[str, Any]] = []
    mail: list[events.Event | None] = []
    for wanted in updates:
        goal = wanted.goal
        changed = _checked_changes(actor, goal, wanted.changes) if wanted.changes else {}
        if changed:
            why = _change_reason(goal, reason)
            trail += _changed(actor, goal, changed, why)
            if goal.status == GoalStatus.APPROVED:
                mail.append(events.changed(goal, actor.person_id, sorted(changed), why))
        if wanted.status is not None and wanted.status != goal.status:
            moved, sent = _moved_by_import(
                actor, goal, check_transition(goal.status, wanted.status), reason
            )
            trail.append(moved)
            mail.append(sent)
    goals = [wanted.goal for wanted in updates]
    with session.no_autoflush:
        if goals:
            session.execute(update(Goal), [_written(goal) for goal in goals])
        for goal in goals:  # written: nothing left for a flush (reloaded if read again)
            session.expire(goal)
    if trail:
        _insert(session, GoalChange, trail)
    events.queue(session, mail)


def _written(goal: Goal) -> dict[str, Any]:
    """What `update_goals` writes of a goal: the columns a change or a decision sets."""
    return {"id": goal.id} | {name: getattr(goal, name) for name in WRITTEN}


def update_goal(
    session: Session,
    actor: Actor,
    goal_id: int,
    changes: Mapping[str, Any],
    *,
    today: date,
    reason: str | None = None,
    linter: Linter = lint_drafts,
) -> GoalResult:
    """Change a proposed or approved goal; an approved one only with a reason."""
    goal = get_goal(session, actor.scope, goal_id)
    check_open(goal.status)
    permissions.ensure_may_edit(actor, goal)
    return _apply(session, actor, goal, changes, today=today, reason=reason, linter=linter)


def approve_goal(
    session: Session,
    actor: Actor,
    goal_id: int,
    *,
    today: date,
    target: float | None = None,
    reason: str | None = None,
    note: str | None = None,
    linter: Linter = lint_drafts,
) -> GoalResult:
    """Approve a proposal, optionally adjusting its target (which then needs a reason)."""
    goal = _decidable(session, actor, goal_id, GoalStatus.APPROVED)
    permissions.ensure_not_own_proposal(actor, goal)
    changes = {"target": target} if target is not None else {}
    if changes and target != goal.target:
        reason = audit.require_reason(reason, "Adjusting a proposed target")
    result = _apply(session, actor, goal, changes, today=today, reason=reason, linter=linter)
    _decide(session, actor, goal, GoalStatus.APPROVED, note, note or reason or "approved")
    return result


def reject_goal(session: Session, actor: Actor, goal_id: int, *, note: str | None) -> GoalResult:
    """Reject a proposal, with a note to its proposer saying why."""
    goal = _decidable(session, actor, goal_id, GoalStatus.REJECTED)
    text = audit.require_reason(note, "Rejecting a proposal")
    _decide(session, actor, goal, GoalStatus.REJECTED, text, text)
    return GoalResult(goal, [])


def retire_goal(session: Session, actor: Actor, goal_id: int, *, reason: str | None) -> GoalResult:
    """Take an approved goal out of the reports, saying why."""
    goal = _decidable(session, actor, goal_id, GoalStatus.RETIRED)
    why = audit.require_reason(reason, "Retiring a goal")
    _move(session, actor, goal, GoalStatus.RETIRED, why)
    session.flush()
    events.goal_changed(session, goal, actor.person_id, ["status"], why)
    return GoalResult(goal, [])


def draft_for(data: GoalInput, status: str | None = None) -> GoalDraft:
    """The goal a new input describes, as the lint reads it (kind inferred from the metric)."""
    status = status or data.status or GoalStatus.APPROVED.value
    return draft(data.scope, data.metric, data.period, editable_values(data), status)


def _ensure_may_create(actor: Actor, key: ScopeKey, status: str) -> None:
    # An import may bring goals already decided elsewhere (history from another system).
    if status not in NEW_STATUSES and actor.channel is not Channel.IMPORT:
        raise Invalid(f"A new goal is proposed or approved, not {status}.")
    if status == GoalStatus.APPROVED:
        permissions.ensure_may_decide(actor, key)
    else:
        permissions.ensure_may_propose(actor, key)


def _decidable(session: Session, actor: Actor, goal_id: int, wanted: GoalStatus) -> Goal:
    goal = get_goal(session, actor.scope, goal_id)
    check_transition(goal.status, wanted)
    permissions.ensure_may_decide(actor, key_of(goal))
    return goal


def _decide(
    session: Session, actor: Actor, goal: Goal, status: GoalStatus, note: str | None, why: str
) -> None:
    _move(session, actor, goal, status, why)
    _decided_by(actor, goal, note)
    session.flush()
    events.goal_decided(session, goal, actor.person_id)


def _decided_by(actor: Actor, goal: Goal, note: str | None) -> None:
    goal.decided_by_id = actor.person_id
    goal.decided_at = utcnow()
    goal.decision_note = note


def _move(session: Session, actor: Actor, goal: Goal, status: GoalStatus, why: str) -> None:
    """Move the goal to `status`, saying why in its trail."""
    audit.add(session, [_status_change(actor, goal, status, why)])


def _status_change(actor: Actor, goal: Goal, status: GoalStatus, why: str) -> dict[str, Any]:
    """Move the goal to `status`; the trail row saying why."""
    change = audit.change(goal.id, actor, "status", goal.status, status, why)
    goal.status = status.value
    return change


def _apply(
    session: Session,
    actor: Actor,
    goal: Goal,
    changes: Mapping[str, Any],
    *,
    today: date,
    reason: str | None,
    linter: Linter,
) -> GoalResult:
    """Validate, lint and write `changes`, one audit row per field that really changes."""
    values = _new_values(goal, changes)
    findings = _checked(session, draft_of(goal, values), today, linter)
    changed = _differences(goal, values)
    if changed:
        why = _change_reason(goal, reason)
        distribution_fits(values["distribution"], period_named(session, goal.period))
        audit.add(session, _changed(actor, goal, changed, why))
        if goal.status == GoalStatus.APPROVED:
            events.goal_changed(session, goal, actor.person_id, sorted(changed), why)
    return GoalResult(goal, findings)


def _new_values(goal: Goal, changes: Mapping[str, Any]) -> Values:
    """The goal's editable values with `changes`, checked and normalised."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise Invalid(f"These cannot be changed on a goal: {', '.join(unknown)}.")
    return validated(key_of(goal), editable_values(goal) | dict(changes))


def _checked_changes(actor: Actor, goal: Goal, changes: Mapping[str, Any]) -> Values:
    """What `update_goal` would change (checked as it checks, without the lint's queries)."""
    check_open(goal.status)
    permissions.ensure_may_edit(actor, goal)
    return _differences(goal, _new_values(goal, changes))


def _differences(goal: Goal, values: Values) -> Values:
    """The values that differ from the goal's own."""
    current = editable_values(goal)
    return {name: value for name, value in values.items() if value != current[name]}


def _change_reason(goal: Goal, reason: str | None) -> str:
    """Why the values change: an approved goal's change must say."""
    if goal.status == GoalStatus.APPROVED:
        return audit.require_reason(reason)
    return reason or "edited"


def _changed(actor: Actor, goal: Goal, changed: Values, reason: str) -> list[dict[str, Any]]:
    """Set the changed values on the goal; the trail row of each."""
    trail = []
    for name, value in changed.items():
        trail.append(audit.change(goal.id, actor, name, getattr(goal, name), value, reason))
        setattr(goal, name, value)
    return trail


def _moved_by_import(
    actor: Actor, goal: Goal, status: GoalStatus, reason: str
) -> tuple[dict[str, Any], events.Event | None]:
    """Move the goal as the decision functions would with `reason` as the note; its trail row
    and its mail."""
    permissions.ensure_may_decide(actor, key_of(goal))
    if status == GoalStatus.RETIRED:
        moved = _status_change(actor, goal, status, reason)
        return moved, events.changed(goal, actor.person_id, ["status"], reason)
    if status == GoalStatus.APPROVED:
        permissions.ensure_not_own_proposal(actor, goal)
    moved = _status_change(actor, goal, status, reason)
    _decided_by(actor, goal, reason)
    return moved, events.decided(goal, actor.person_id)


def _checked(session: Session, draft: GoalDraft, today: date, linter: Linter) -> list[Finding]:
    findings = linter(session, [draft], today=today)
    if blocking(findings):
        raise GoalLintError(findings)
    return findings


def _unclaimed_period(session: Session, data: GoalInput) -> Period:
    """The new goal's period, unless a goal of the same scope and metric holds it already."""
    period = period_named(session, str(data.period))
    if find_goal(session, data.scope, str(data.metric), period.name) is not None:
        raise Conflict(f"There is already a {data.metric} goal for this scope in {period.name}.")
    return period


def _new_goal(
    session: Session, actor: Actor, new: GoalDraft, period: Period, values: Values
) -> Goal:
    """The goal `new` describes, saved."""
    goal = _goal_row(actor, new, period, values)
    session.add(goal)
    session.flush()
    return goal


def _goal_row(actor: Actor, new: GoalDraft, period: Period, values: Values) -> Goal:
    return Goal(**_goal_values(actor, new, period, values))


def _goal_values(actor: Actor, new: GoalDraft, period: Period, values: Values) -> dict[str, Any]:
    """The columns of the goal `new` describes; decided at once unless it is a proposal."""
    distribution_fits(values["distribution"], period)
    proposed = new.status == GoalStatus.PROPOSED
    return {
        "scope_type": new.scope.scope_type,
        "person_id": new.scope.person_id,
        "metric": new.metric,
        "period": period.name,
        "period_start": period.start,
        "period_end": period.end,
        "target": float(values["target"]),
        "kind": new.kind,
        "status": new.status,
        "individual_weight": new.individual_weight,
        "rationale": values["rationale"],
        "distribution": values["distribution"],
        "proposed_by_id": actor.person_id if proposed else None,
        "decided_by_id": None if proposed else actor.person_id,
        "decided_at": None if proposed else utcnow(),
    }


def _insert(session: Session, model: type[Goal | GoalChange], rows: list[dict[str, Any]]) -> None:
    """Many rows in one executemany through Core: the ORM's bulk insert costs several times
    as much per row (an import inserts tens of thousands)."""
    session.connection().execute(insert(model.__table__), rows)


def _key(row: Mapping[str, Any]) -> tuple[str, int, str, str]:
    return row["scope_type"], row["person_id"], row["metric"], row["period"]


def _ids_by_key(session: Session, rows: Sequence[Mapping[str, Any]]) -> dict[tuple, int]:
    """The ids of the goals just inserted, by natural key (one query per 500 people)."""
    people = sorted({row["person_id"] for row in rows})
    periods = sorted({row["period"] for row in rows})
    key_columns = (Goal.scope_type, Goal.person_id, Goal.metric, Goal.period)
    found = {}
    for start in range(0, len(people), 500):
        chunk = people[start : start + 500]
        statement = select(Goal.id, *key_columns).where(
            Goal.person_id.in_(chunk), Goal.period.in_(periods)
        )
        found.update({tuple(key): goal_id for goal_id, *key in session.execute(statement)})
    return found
