"""One goal as its pages and the API show it: the goal, whom it is about, its progress at an
as-of date, its audit trail, and (for a player-coach) the personal target's share of the team's."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.goals.audit import changes_of
from pacesetter.goals.progress import GoalProgress, goal_progress
from pacesetter.goals.queries import get_goal, period_named
from pacesetter.goals.share import PersonalShare, player_coach_share
from pacesetter.metrics.scorecard import default_as_of
from pacesetter.store.models import Goal, GoalChange, Person
from pacesetter.store.scope import Scope


@dataclass(frozen=True)
class GoalDetail:
    goal: Goal
    person: Person
    progress: GoalProgress
    changes: list[GoalChange]
    names: dict[int, str]  # the people named in the goal and its trail, by id
    share: PersonalShare | None


def goal_detail(
    session: Session, scope: Scope, goal_id: int, *, as_of: date | None, today: date
) -> GoalDetail:
    """The goal (NotFound outside the scope) at `as_of`, by default today within its period."""
    goal = get_goal(session, scope, goal_id)
    period = period_named(session, goal.period)
    progress = goal_progress(session, goal, as_of or default_as_of(period, today))
    changes = changes_of(session, goal.id)
    names = people_names(session, _named(goal, changes))
    person = session.get_one(Person, goal.person_id)
    share = player_coach_share(session, person, goal.period, goal.metric)
    return GoalDetail(goal, person, progress, changes, names, share)


def people_names(session: Session, ids: set[int]) -> dict[int, str]:
    found = session.execute(select(Person.id, Person.name).where(Person.id.in_(ids)))
    return {person_id: name for person_id, name in found}


def _named(goal: Goal, changes: list[GoalChange]) -> set[int]:
    ids = {goal.person_id, goal.proposed_by_id, goal.decided_by_id}
    ids |= {change.changed_by_id for change in changes}
    return {person_id for person_id in ids if person_id is not None}
