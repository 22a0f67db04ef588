"""Event mail where a person waits on another (docs/digest.md): a proposal to decide (to the
goal owner's manager), a decision on your proposal (to its proposer), a change to your approved
goal by someone else (to the goal's owner; a team goal's owner is its manager).

`goals/service.py` calls these inside its unit of work: each writes an outbox row, sent only
once that work commits (`pacesetter digest flush`), so a refused change sends nothing. The
payload carries the names and values as they were, so the mail says what happened then.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pacesetter.store.models import Goal, MailOutbox, Person


def goal_proposed(session: Session, goal: Goal, proposer_id: int | None) -> None:
    """To whoever decides on the proposal (see `proposed`)."""
    queue(session, proposed(session, [goal], proposer_id))


def goal_decided(session: Session, goal: Goal, decider_id: int | None) -> None:
    """To the proposer, when their proposal is approved or rejected by someone else."""
    queue(session, [decided(goal, decider_id)])


def goal_changed(
    session: Session, goal: Goal, actor_id: int | None, fields: list[str], reason: str | None
) -> None:
    """To the owner of an approved goal that someone else changed (or retired)."""
    queue(session, [changed(goal, actor_id, fields, reason)])


@dataclass(frozen=True)
class Event:
    """One mail to queue: to whom, what kind, and the goal as it was when it happened."""

    to: int
    kind: str
    owner_id: int
    actor_id: int | None
    payload: dict[str, Any]


def decided(goal: Goal, decider_id: int | None) -> Event | None:
    """`goal_decided`'s mail, if there is someone to tell."""
    if goal.proposed_by_id is None or goal.proposed_by_id == decider_id:
        return None
    return _event(goal.proposed_by_id, "goal_decided", goal, decider_id, note=goal.decision_note)


def changed(
    goal: Goal, actor_id: int | None, fields: list[str], reason: str | None
) -> Event | None:
    """`goal_changed`'s mail, if there is someone to tell."""
    if goal.person_id == actor_id:
        return None
    return _event(goal.person_id, "goal_changed", goal, actor_id, fields=fields, note=reason)


def proposed(session: Session, goals: Sequence[Goal], proposer_id: int | None) -> list[Event]:
    """`goal_proposed`'s mails for new proposals, to whoever decides on each: the manager of
    the goal's owner (of the team's manager, for a team goal: goals about your own team are
    decided by your manager). The managers are read in one query, so an import that adds many
    proposals asks once."""
    owners = {goal.person_id for goal in goals}
    manager_of = dict(
        session.execute(select(Person.id, Person.manager_id).where(Person.id.in_(owners))).all()
    )
    found = []
    for goal in goals:
        decider = manager_of.get(goal.person_id)
        if decider is not None and decider != proposer_id:
            found.append(_event(decider, "goal_proposed", goal, proposer_id))
    return found


def queue(session: Session, events: Iterable[Event | None]) -> None:
    """Write the mails in the outbox: the people they name read once, the rows inserted
    together (an import queues one per goal it changes)."""
    found = [event for event in events if event is not None]
    if not found:
        return
    ids = {event.owner_id for event in found} | {event.actor_id or 0 for event in found}
    names = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(ids))).all())
    rows = [
        {
            "person_id": event.to,
            "kind": event.kind,
            "payload": {
                **event.payload,
                "owner": names.get(event.owner_id, ""),
                "by": names.get(event.actor_id or 0, "an import"),
            },
        }
        for event in found
    ]
    session.execute(insert(MailOutbox), rows)


def _event(to: int, kind: str, goal: Goal, actor_id: int | None, **extra: Any) -> Event:
    """The mail about `goal`, with its values as they are now."""
    payload = {
        "goal_id": goal.id,
        "metric": goal.metric,
        "period": goal.period,
        "scope": goal.scope_type,
        "target": goal.target,
        "status": goal.status,
        **extra,
    }
    return Event(to, kind, goal.person_id, actor_id, payload)
