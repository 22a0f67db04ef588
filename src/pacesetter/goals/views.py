"""What each goals page shows, as plain data for its template: the goals service and the
metrics layer put together per page, so the page handlers only parse, call and render."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import PERSON, ScopeKey
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import GoalStatus
from pacesetter.goals import permissions
from pacesetter.goals.actor import Actor
from pacesetter.goals.audit import last_target_changes
from pacesetter.goals.catalogue import goal_metrics
from pacesetter.goals.detail import goal_detail, people_names
from pacesetter.goals.presenting import metric_label, pacing_chart
from pacesetter.goals.progress import GoalProgress, goals_progress
from pacesetter.goals.queries import GoalFilter, goals_page, key_of
from pacesetter.goals.review import reviews
from pacesetter.goals.share import player_coach_share
from pacesetter.metrics.scorecard import default_as_of
from pacesetter.store.models import Goal


def metric_choices() -> list[tuple[str, str]]:
    """The metrics a goal may be set on, with their labels, in catalogue order."""
    return [(slug, metric_label(slug)) for slug in goal_metrics()]


def person_goals_view(
    session: Session, actor: Actor, person_id: int, period: Period, *, today: date, currency: str
) -> dict[str, Any]:
    """A person's goals of the period; each approved one with its progress and chart."""
    person = actor.scope.person(session, person_id)
    goals = goals_page(session, actor.scope, GoalFilter(period.name, person.id, limit=200))
    as_of = default_as_of(period, today)
    progress = _approved_progress(session, goals, as_of)
    share = player_coach_share(session, person, period.name)
    key = ScopeKey(PERSON, person.id)
    return {
        "person": person,
        **_adjustments(session, goals),
        "period": period,
        "as_of": as_of,
        "goals": goals,
        "progress": progress,
        "charts": {goal_id: pacing_chart(done, currency) for goal_id, done in progress.items()},
        "share": share.share if share else None,
        "not_started": today < period.start,
        "may_propose": permissions.may_propose(actor, key),
        "sets_approved": permissions.may_decide(actor, key),
        "metrics": metric_choices(),
    }


def goal_view(
    session: Session, actor: Actor, goal_id: int, *, as_of: date | None, today: date, currency: str
) -> dict[str, Any]:
    """One goal, its review (lint and history) and which decisions the actor may take."""
    detail = goal_detail(session, actor.scope, goal_id, as_of=as_of, today=today)
    goal = detail.goal
    return {
        "detail": detail,
        "goal": goal,
        "review": reviews(session, [goal], today=today, scope=actor.scope)[goal.id],
        "chart": pacing_chart(detail.progress, currency),
        # A period still ahead has no gap and no pace yet, whatever the as-of date asked for.
        "not_started": today < detail.progress.period.start,
        "may_decide": goal.status == GoalStatus.PROPOSED and permissions.may_approve(actor, goal),
        "may_manage": goal.status == GoalStatus.APPROVED
        and permissions.may_decide(actor, key_of(goal)),
    }


def proposals_view(session: Session, actor: Actor, *, today: date) -> dict[str, Any]:
    """The proposals the actor decides on (not their own), each with its review."""
    wanted = GoalFilter(status=GoalStatus.PROPOSED, limit=500)
    proposed = goals_page(session, actor.scope, wanted)
    theirs = [goal for goal in proposed if permissions.may_approve(actor, goal)]
    return {"goals": theirs, "reviews": reviews(session, theirs, today=today, scope=actor.scope)}


def _approved_progress(
    session: Session, goals: Sequence[Goal], as_of: date
) -> dict[int, GoalProgress]:
    """All the approved goals' progress at once: one set of statements for the page."""
    approved = [goal for goal in goals if goal.status == GoalStatus.APPROVED]
    return goals_progress(session, approved, as_of)


def _adjustments(session: Session, goals: Sequence[Goal]) -> dict[str, Any]:
    """The latest change of target of each goal, and the names of who made them."""
    adjustments = last_target_changes(session, [goal.id for goal in goals])
    changers = {change.changed_by_id for change in adjustments.values() if change.changed_by_id}
    return {"adjustments": adjustments, "names": people_names(session, changers)}
