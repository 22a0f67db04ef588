"""Goals by natural key (scope, metric, period): what an import row does to the goal it names.

A new key becomes a goal (approved unless the row says otherwise). An existing goal takes the
row's target, kind and weight (a blank kind is the metric's, a blank weight none; a blank
rationale keeps the one there), then moves to the row's status if one is given. Both go
through the service, so the lint, the workflow and the audit trail apply as everywhere else.
"""

from dataclasses import replace
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from pacesetter.domain.periods import PeriodError
from pacesetter.domain.vocab import GoalStatus
from pacesetter.goals.actor import Actor
from pacesetter.goals.catalogue import default_kind
from pacesetter.goals.linting import Linter, lint_drafts
from pacesetter.goals.queries import find_goal, period_named
from pacesetter.goals.service import (
    GoalInput,
    GoalResult,
    approve_goal,
    create_goal,
    reject_goal,
    retire_goal,
    update_goal,
)
from pacesetter.goals.workflow import check_transition
from pacesetter.store.models import Goal


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def upsert_goal(
    session: Session,
    actor: Actor,
    data: GoalInput,
    *,
    reason: str,
    today: date,
    linter: Linter = lint_drafts,
) -> tuple[Outcome, GoalResult]:
    """Create the goal the row names, or bring the existing one to the row's values."""
    existing = _existing(session, data)
    if existing is None:
        new = replace(data, status=data.status or GoalStatus.APPROVED.value)
        created = create_goal(session, actor, new, today=today, reason=reason, linter=linter)
        return Outcome.ADDED, created
    changes = _changes(existing, data)
    result = GoalResult(existing)
    if changes:
        result = update_goal(
            session, actor, existing.id, changes, today=today, reason=reason, linter=linter
        )
    moved = _move(session, actor, existing, data.status, reason=reason, today=today, linter=linter)
    return (Outcome.UPDATED if changes or moved else Outcome.UNCHANGED), result


def _existing(session: Session, data: GoalInput) -> Goal | None:
    if not data.metric or not data.period:
        return None
    try:
        period = period_named(session, data.period)
    except PeriodError:
        return None  # creating it reports the unreadable period
    return find_goal(session, data.scope, data.metric, period.name)


def _changes(goal: Goal, data: GoalInput) -> dict[str, object]:
    wanted = {
        "target": data.target,
        "kind": data.kind or default_kind(goal.metric) or goal.kind,
        "individual_weight": data.individual_weight,
        "rationale": data.rationale or goal.rationale,
    }
    return {name: value for name, value in wanted.items() if getattr(goal, name) != value}


def _move(
    session: Session,
    actor: Actor,
    goal: Goal,
    status: str | None,
    *,
    reason: str,
    today: date,
    linter: Linter,
) -> bool:
    """Move the goal to the row's status; False when it is there already (or none is given)."""
    if status is None or status == goal.status:
        return False
    # Checked first: the row may ask for a status no move leads to ("proposed" again).
    check_transition(goal.status, status)
    if status == GoalStatus.APPROVED:
        approve_goal(session, actor, goal.id, today=today, note=reason, linter=linter)
    elif status == GoalStatus.REJECTED:
        reject_goal(session, actor, goal.id, note=reason)
    else:
        retire_goal(session, actor, goal.id, reason=reason)
    return True
