"""What each goals page shows, as plain data for its template: the goals service and the
metrics layer put together per page, so the page handlers only parse, call and render."""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import PERSON, ScopeKey
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import GoalStatus, ManagerType
from pacesetter.goals import permissions
from pacesetter.goals.actor import Actor
from pacesetter.goals.audit import last_target_changes
from pacesetter.goals.catalogue import goal_metrics
from pacesetter.goals.detail import goal_detail, people_names
from pacesetter.goals.presenting import metric_label, pacing_chart
from pacesetter.goals.progress import goal_progress
from pacesetter.goals.queries import GoalFilter, key_of, list_goals
from pacesetter.goals.review import reviews
from pacesetter.goals.share import personal_share
from pacesetter.metrics.scorecard import default_as_of
from pacesetter.store.models import Person


def metric_choices() -> list[tuple[str, str]]:
    """The metrics a goal may be set on, with their labels, in catalogue order."""
    return [(slug, metric_label(slug)) for slug in goal_metrics()]


def person_goals_view(
    session: Session, actor: Actor, person_id: int, period: Period, *, today: date, currency: str
) -> dict[str, Any]:
    """A person's goals of the period; each approved one with its progress and chart."""
    person = actor.scope.person(session, person_id)
    _, goals = list_goals(session, actor.scope, GoalFilter(period.name, person.id, limit=200))
    as_of = default_as_of(period, today)
    progress = {
        goal.id: goal_progress(session, goal, as_of)
        for goal in goals
        if goal.status == GoalStatus.APPROVED
    }
    key = ScopeKey(PERSON, person.id)
    adjustments = last_target_changes(session, [goal.id for goal in goals])
    changers = {change.changed_by_id for change in adjustments.values() if change.changed_by_id}
    return {
        "person": person,
        "adjustments": adjustments,
        "names": people_names(session, changers),
        "period": period,
        "as_of": as_of,
        "goals": goals,
        "progress": progress,
        "charts": {goal_id: pacing_chart(done, currency) for goal_id, done in progress.items()},
        "share": _personal_share(session, person, period),
        "may_propose": permissions.about_self(actor, key) or permissions.may_decide(actor, key),
        "sets_approved": permissions.may_decide(actor, key),
        "metrics": metric_choices(),
    }


def goal_view(
    session: Session, actor: Actor, goal_id: int, *, as_of: date | None, today: date, currency: str
) -> dict[str, Any]:
    """One goal, its review (lint and history) and which decisions the actor may take."""
    detail = goal_detail(session, actor.scope, goal_id, as_of=as_of, today=today)
    goal = detail.goal
    decides = permissions.may_decide(actor, key_of(goal))
    own = goal.proposed_by_id == actor.person_id and not actor.is_admin
    return {
        "detail": detail,
        "goal": goal,
        "review": reviews(session, [goal], today=today)[goal.id],
        "chart": pacing_chart(detail.progress, currency),
        "may_decide": decides and goal.status == GoalStatus.PROPOSED and not own,
        "may_manage": decides and goal.status == GoalStatus.APPROVED,
    }


def proposals_view(session: Session, actor: Actor, *, today: date) -> dict[str, Any]:
    """The proposals the actor decides on (not their own), each with its review."""
    wanted = GoalFilter(status=GoalStatus.PROPOSED, limit=500)
    _, proposed = list_goals(session, actor.scope, wanted)
    theirs = [
        goal
        for goal in proposed
        if permissions.may_decide(actor, key_of(goal))
        and (goal.proposed_by_id != actor.person_id or actor.is_admin)
    ]
    return {"goals": theirs, "reviews": reviews(session, theirs, today=today)}


def _personal_share(session: Session, person: Person, period: Period) -> float | None:
    if person.manager_type != ManagerType.PLAYER_COACH:
        return None
    return personal_share(session, person.id, period.name).share
