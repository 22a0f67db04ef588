"""Suggested targets for a manager's team (domain/suggest.py) over stored data, and accepting
them as goals through the service.

The members are the manager's direct reports employed during the period, plus the manager's
own part when they are a player-coach (a leader carries no personal target). Each member's
trailing results come through the metrics layer, as the lint's do.

Accepting never changes an approved goal behind its manager's back: `approved_changes` lists the
approved goals the suggestion would change, for the page to show before accepting, and an
approved goal is changed only when the one accepting gives a reason, which its trail records.
Without one it is kept, and the result says so.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Invalid
from pacesetter.domain.goal_lint import PERSON, TEAM, Finding, ScopeKey
from pacesetter.domain.periods import Period
from pacesetter.domain.suggest import Member, Ramp, Suggestion, Trailing, suggest_targets
from pacesetter.domain.vocab import GoalStatus, ManagerType, Role
from pacesetter.goals.actor import Actor
from pacesetter.goals.catalogue import goal_metrics
from pacesetter.goals.history import TrailingHistory, trailing_history
from pacesetter.goals.permissions import may_edit, scope_person
from pacesetter.goals.queries import find_goal, period_named
from pacesetter.goals.service import GoalInput, GoalResult, create_goal, update_goal
from pacesetter.goals.workflow import is_open
from pacesetter.store.models import Goal, Person


@dataclass(frozen=True)
class SuggestionRequest:
    manager_id: int
    period: str
    team_target: Decimal
    over_assign_pct: Decimal = Decimal(0)
    metric: str = "revenue_won"
    trailing_periods: int = 3
    ramp: Ramp = field(default_factory=Ramp)


@dataclass(frozen=True)
class TeamSuggestion:
    manager: Person
    metric: str
    suggestion: Suggestion


@dataclass(frozen=True)
class _Wanted:
    """One goal accepting asks for: whose, as the result names it, the target and why."""

    scope: ScopeKey
    name: str
    target: float
    why: str


@dataclass(frozen=True)
class Accepted:
    """What accepting did to one goal: `outcome` is added, updated, unchanged or kept;
    `previous` is the target it had when accepting changed it or kept it."""

    scope: ScopeKey
    name: str
    target: float
    outcome: str
    status: str
    findings: list[Finding]
    previous: float | None = None


@dataclass(frozen=True)
class ApprovedChange:
    """An approved goal the suggestion would change: whose, its target now and suggested."""

    scope: ScopeKey
    name: str
    approved: float
    suggested: float


def suggest_for_team(
    session: Session, actor: Actor, request: SuggestionRequest, *, today: date
) -> TeamSuggestion:
    """The suggested split of the team target over the manager's people, from the trailing
    periods over by `today`."""
    if request.metric not in goal_metrics():
        raise Invalid(f"{request.metric!r} is not a metric a goal can be set on.")
    manager = scope_person(session, actor, ScopeKey(TEAM, request.manager_id))
    period = period_named(session, request.period)
    members = _members_with_history(session, manager, request, period, today)
    suggestion = suggest_targets(
        members,
        period,
        request.team_target,
        over_assign_pct=request.over_assign_pct,
        ramp=request.ramp,
    )
    return TeamSuggestion(manager, request.metric, suggestion)


def _members_with_history(
    session: Session, manager: Person, request: SuggestionRequest, period: Period, today: date
) -> list[Member]:
    """Who gets a part, each with their trailing results on the request's metric."""
    people = _members(session, manager, period)
    if not people:
        raise Invalid(f"{manager.name} has nobody employed in {period.name} to spread it over.")
    keys = [ScopeKey(PERSON, person.id) for person in people]
    history = trailing_history(
        session, keys, [request.metric], period, request.trailing_periods, today=today
    )
    return [_member(person, manager, history, request.metric) for person in people]


def _member(person: Person, manager: Person, history: TrailingHistory, metric: str) -> Member:
    values = history.values[(ScopeKey(PERSON, person.id), metric)]
    trailing = tuple(
        Trailing(past.name, past.start, value)
        for past, value in zip(history.periods, values, strict=True)
    )
    return Member(person.id, person.name, person.start_date, trailing, person.id == manager.id)


def approved_changes(session: Session, team: TeamSuggestion) -> list[ApprovedChange]:
    """The approved goals accepting would change, to be shown (and given a reason) first."""
    period = team.suggestion.period.name
    found = ((w, find_goal(session, w.scope, team.metric, period)) for w in _wanted(team, ""))
    return [
        ApprovedChange(wanted.scope, wanted.name, goal.target, wanted.target)
        for wanted, goal in found
        if goal is not None and _changes_approved(goal, wanted)
    ]


def accept_suggestion(
    session: Session,
    actor: Actor,
    team: TeamSuggestion,
    *,
    today: date,
    approved_reason: str | None = None,
) -> list[Accepted]:
    """Each part as a person goal and the team target as the team goal, through the service.

    Goals the actor may decide on are approved; their own part and their own team's goal
    become proposals for their manager, and goals of theirs already decided are kept as are.
    An approved goal with another target changes only with `approved_reason`, recorded in its
    trail; without one it is kept.
    """
    reason = f"accepted suggested targets for {team.suggestion.period.name}"
    given = (approved_reason or "").strip()
    approved_why = f"{given} ({reason})" if given else None
    return [
        _accept_one(
            session, actor, team, wanted, reason=reason, approved_why=approved_why, today=today
        )
        for wanted in _wanted(team, reason)
    ]


def _wanted(team: TeamSuggestion, reason: str) -> list[_Wanted]:
    """A person goal per part, then the team goal (its rationale is the acceptance itself)."""
    suggestion = team.suggestion
    parts = [
        _Wanted(
            ScopeKey(PERSON, part.member.person_id),
            part.member.name,
            float(part.amount),
            part.reason,
        )
        for part in suggestion.parts
    ]
    whole = _Wanted(
        ScopeKey(TEAM, team.manager.id),
        f"{team.manager.name}'s team",
        float(suggestion.team_target),
        reason,
    )
    return [*parts, whole]


def _accept_one(
    session: Session,
    actor: Actor,
    team: TeamSuggestion,
    wanted: _Wanted,
    *,
    reason: str,
    approved_why: str | None,
    today: date,
) -> Accepted:
    period = team.suggestion.period.name
    existing = find_goal(session, wanted.scope, team.metric, period)
    if existing is None:
        data = GoalInput(wanted.scope, team.metric, period, wanted.target, rationale=wanted.why)
        created = create_goal(session, actor, data, today=today, reason=reason)
        return _accepted(wanted, "added", created)
    if existing.target == wanted.target:
        return Accepted(wanted.scope, wanted.name, wanted.target, "unchanged", existing.status, [])
    approved = _changes_approved(existing, wanted)
    if not (is_open(existing.status) and may_edit(actor, existing)) or (
        approved and approved_why is None
    ):
        kept = existing.target
        return Accepted(wanted.scope, wanted.name, kept, "kept", existing.status, [], kept)
    previous, changes = existing.target, {"target": wanted.target}
    why = approved_why if approved else reason
    updated = update_goal(session, actor, existing.id, changes, today=today, reason=why)
    return _accepted(wanted, "updated", updated, previous=previous)


def _changes_approved(goal: Goal | None, wanted: _Wanted) -> bool:
    return goal is not None and goal.status == GoalStatus.APPROVED and goal.target != wanted.target


def _accepted(
    wanted: _Wanted, outcome: str, result: GoalResult, previous: float | None = None
) -> Accepted:
    goal = result.goal
    status, findings = goal.status, result.findings
    return Accepted(wanted.scope, wanted.name, wanted.target, outcome, status, findings, previous)


def _members(session: Session, manager: Person, period: Period) -> list[Person]:
    """Direct reports employed during the period, then the player-coach manager."""
    reports = session.scalars(
        select(Person)
        .where(Person.manager_id == manager.id, Person.role != Role.ADMIN)
        .where(or_(Person.start_date.is_(None), Person.start_date <= period.end))
        .where(or_(Person.end_date.is_(None), Person.end_date >= period.start))
        .order_by(Person.name, Person.id)
    )
    people = list(reports)
    if manager.manager_type == ManagerType.PLAYER_COACH:
        people.append(manager)
    return people
