"""Who may do what to whose goals.

- Anyone may propose goals for themselves (their own person, or their own team).
- A manager or director decides (creates approved, approves, adjusts, rejects, retires) goals
  of the people and teams below them. Goals about themselves or their own team are decided by
  someone above them, so nobody sets or approves their own number.
- Nobody approves their own proposal, unless they are an admin (or the change comes through an
  import or the CLI, which whoever administers the database runs).
- A person or team outside the actor's scope is not found, never forbidden.
"""

from sqlalchemy.orm import Session

from pacesetter.domain.errors import Forbidden, Invalid
from pacesetter.domain.goal_lint import TEAM, ScopeKey
from pacesetter.domain.vocab import GoalStatus, Role
from pacesetter.goals.actor import Actor
from pacesetter.goals.queries import key_of
from pacesetter.store.models import Goal, Person

TEAM_LEADERS = frozenset({Role.MANAGER.value, Role.DIRECTOR.value, Role.ADMIN.value})


def scope_person(session: Session, actor: Actor, key: ScopeKey) -> Person:
    """The person behind a scope, if the actor may see them (`NotFound` otherwise)."""
    person = actor.scope.person(session, key.person_id)
    if key.scope_type == TEAM and person.role not in TEAM_LEADERS:
        raise Invalid(f"{person.name} leads no team, so a team goal cannot be set for them.")
    return person


def about_self(actor: Actor, key: ScopeKey) -> bool:
    return actor.person_id is not None and actor.person_id == key.person_id


def may_decide(actor: Actor, key: ScopeKey) -> bool:
    """May approve, adjust, reject or retire goals of this (visible) scope."""
    if actor.is_admin:
        return True
    leads = actor.scope.role in (Role.MANAGER, Role.DIRECTOR)
    return leads and not about_self(actor, key)


def ensure_may_decide(actor: Actor, key: ScopeKey) -> None:
    if may_decide(actor, key):
        return
    if about_self(actor, key):
        raise Forbidden("Goals about you or your own team are decided by your manager.")
    raise Forbidden("Only a manager above this person decides on their goals.")


def may_propose(actor: Actor, key: ScopeKey) -> bool:
    return may_decide(actor, key) or about_self(actor, key)


def ensure_may_propose(actor: Actor, key: ScopeKey) -> None:
    if not may_propose(actor, key):
        raise Forbidden("You may propose goals for yourself only.")


def is_own_proposal(actor: Actor, goal: Goal) -> bool:
    """The actor proposed the goal (whatever its status since)."""
    return goal.proposed_by_id is not None and goal.proposed_by_id == actor.person_id


def may_approve(actor: Actor, goal: Goal) -> bool:
    """May decide on the goal, and did not propose it (an admin may approve their own)."""
    return may_decide(actor, key_of(goal)) and (actor.is_admin or not is_own_proposal(actor, goal))


def ensure_not_own_proposal(actor: Actor, goal: Goal) -> None:
    if is_own_proposal(actor, goal) and not actor.is_admin:
        raise Forbidden("You proposed this goal, so someone else has to approve it.")


def may_edit(actor: Actor, goal: Goal) -> bool:
    return _edits_own_proposal(actor, goal) or may_decide(actor, key_of(goal))


def ensure_may_edit(actor: Actor, goal: Goal) -> None:
    """A proposal may still be edited by whoever proposed it; anything else needs a decider."""
    if not _edits_own_proposal(actor, goal):
        ensure_may_decide(actor, key_of(goal))


def _edits_own_proposal(actor: Actor, goal: Goal) -> bool:
    return goal.status == GoalStatus.PROPOSED and is_own_proposal(actor, goal)
