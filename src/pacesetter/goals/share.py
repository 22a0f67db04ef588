"""A player-coach's personal target as a share of their team's (domain.md: always shown)."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import PERSON, TEAM
from pacesetter.domain.vocab import GoalStatus, ManagerType
from pacesetter.store.models import Goal, Person


@dataclass(frozen=True)
class PersonalShare:
    manager_id: int
    period: str
    metric: str
    personal_target: float | None
    team_target: float | None

    @property
    def share(self) -> float | None:
        """Personal target / team target; None unless both are set (and the team's is > 0)."""
        if self.personal_target is None or not self.team_target:
            return None
        return self.personal_target / self.team_target


def personal_share(
    session: Session, manager_id: int, period: str, metric: str = "revenue_won"
) -> PersonalShare:
    """From the manager's approved personal and team goals on `metric` for `period`."""
    rows = session.execute(
        select(Goal.scope_type, Goal.target).where(
            Goal.person_id == manager_id,
            Goal.metric == metric,
            Goal.period == period,
            Goal.status == GoalStatus.APPROVED,
        )
    )
    targets = dict(rows.all())
    return PersonalShare(manager_id, period, metric, targets.get(PERSON), targets.get(TEAM))


def player_coach_share(
    session: Session, person: Person, period: str, metric: str = "revenue_won"
) -> PersonalShare | None:
    """The personal share of a player-coach; None for anyone else (a leader, or someone who
    leads no team, carries no share of a team target)."""
    if person.manager_type != ManagerType.PLAYER_COACH:
        return None
    return personal_share(session, person.id, period, metric)
