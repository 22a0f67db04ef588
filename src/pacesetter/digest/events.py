"""Event mail where a person waits on another (docs/digest.md): a proposal to decide (to the
goal owner's manager), a decision on your proposal (to its proposer), a change to your approved
goal by someone else (to the goal's owner; a team goal's owner is its manager).

`goals/service.py` calls these inside its unit of work: each writes an outbox row, sent only
once that work commits (`pacesetter digest flush`), so a refused change sends nothing. The
payload carries the names and values as they were, so the mail says what happened then.
"""

from typing import Any

from sqlalchemy.orm import Session

from pacesetter.store.models import Goal, MailOutbox, Person


def goal_proposed(session: Session, goal: Goal, proposer_id: int | None) -> None:
    """To whoever decides on the proposal: the manager above the goal's owner (above the
    manager, for a team goal)."""
    owner = session.get(Person, goal.person_id)
    decider = owner.manager_id if owner is not None else None
    if goal.scope_type == "team" and decider is not None:
        decider = _manager_of(session, decider)
    if decider is not None and decider != proposer_id:
        _queue(session, decider, "goal_proposed", goal, proposer_id)


def goal_decided(session: Session, goal: Goal, decider_id: int | None) -> None:
    """To the proposer, when their proposal is approved or rejected by someone else."""
    if goal.proposed_by_id is not None and goal.proposed_by_id != decider_id:
        _queue(
            session, goal.proposed_by_id, "goal_decided", goal, decider_id, note=goal.decision_note
        )


def goal_changed(
    session: Session, goal: Goal, actor_id: int | None, fields: list[str], reason: str | None
) -> None:
    """To the owner of an approved goal that someone else changed (or retired)."""
    if goal.person_id != actor_id:
        _queue(session, goal.person_id, "goal_changed", goal, actor_id, fields=fields, note=reason)


def _manager_of(session: Session, person_id: int) -> int | None:
    person = session.get(Person, person_id)
    return person.manager_id if person is not None else None


def _queue(
    session: Session, to: int, kind: str, goal: Goal, actor_id: int | None, **extra: Any
) -> None:
    owner, actor = session.get(Person, goal.person_id), session.get(Person, actor_id or 0)
    payload = {
        "goal_id": goal.id,
        "metric": goal.metric,
        "period": goal.period,
        "scope": goal.scope_type,
        "target": goal.target,
        "status": goal.status,
        "owner": owner.name if owner else "",
        "by": actor.name if actor else "an import",
        **extra,
    }
    session.add(MailOutbox(person_id=to, kind=kind, payload=payload))
    session.flush()
