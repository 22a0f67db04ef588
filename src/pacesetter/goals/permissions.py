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
from pacesetter.domain.vocab import Role
from pacesetter.goals.actor import Actor
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


def ensure_may_propose(actor: Actor, key: ScopeKey) -> None:
    if may_decide(actor, key) or about_self(actor, key):
        return
    raise Forbidden("You may propose goals for yourself only.")


def ensure_may_edit(actor: Actor, goal: Goal, key: ScopeKey) -> None:
    """A proposal may still be edited by whoever proposed it; anything else needs a decider."""
    own_proposal = goal.proposed_by_id is not None and goal.proposed_by_id == actor.person_id
    if goal.status == "proposed" and own_proposal:
        return
    ensure_may_decide(actor, key)


def ensure_not_own_proposal(actor: Actor, goal: Goal) -> None:
    if actor.is_admin or goal.proposed_by_id is None or goal.proposed_by_id != actor.person_id:
        return
    raise Forbidden("You proposed this goal, so someone else has to approve it.")
