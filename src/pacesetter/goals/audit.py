"""The audit trail of goals: every change to a goal, with who, when, old, new and why."""

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Invalid
from pacesetter.goals.actor import Actor
from pacesetter.store.models import Goal, GoalChange


def require_reason(reason: str | None, what: str = "Changing an approved goal") -> str:
    """The reason, stripped; `Invalid` when there is none: the trail must say why."""
    text = (reason or "").strip()
    if not text:
        raise Invalid(f"{what} needs a reason, so the change can be understood later.")
    return text


def record(
    session: Session, goal: Goal, actor: Actor, field: str, old: Any, new: Any, reason: str
) -> GoalChange:
    entry = GoalChange(**change(goal.id, actor, field, old, new, reason))
    session.add(entry)
    session.flush()
    return entry


def add(session: Session, changes: Sequence[dict[str, Any]]) -> None:
    """Add trail rows made by `change` to the session, and write them."""
    session.add_all(GoalChange(**values) for values in changes)
    session.flush()


def change(
    goal_id: int, actor: Actor, field: str, old: Any, new: Any, reason: str
) -> dict[str, Any]:
    """One entry of the trail as column values (an import inserts thousands at once)."""
    return {
        "goal_id": goal_id,
        "changed_by_id": actor.person_id,
        "channel": actor.channel.value,
        "field": field,
        "old_value": as_text(old),
        "new_value": as_text(new),
        "reason": reason,
    }


def as_text(value: Any) -> str | None:
    """A value as the trail keeps it: numbers plainly, milestone weights as JSON."""
    if value is None:
        return None
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def changes_of(session: Session, goal_id: int) -> list[GoalChange]:
    """A goal's trail, oldest first."""
    statement = (
        select(GoalChange)
        .where(GoalChange.goal_id == goal_id)
        .order_by(GoalChange.changed_at, GoalChange.id)
    )
    return list(session.scalars(statement))


def last_target_changes(session: Session, goal_ids: Sequence[int]) -> dict[int, GoalChange]:
    """The latest change of target of each goal that has one, by goal id (one query)."""
    statement = (
        select(GoalChange)
        .where(GoalChange.goal_id.in_(goal_ids), GoalChange.field == "target")
        .order_by(GoalChange.changed_at, GoalChange.id)
    )
    return {change.goal_id: change for change in session.scalars(statement)}
