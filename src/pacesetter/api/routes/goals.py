"""Goals: the scoped list, one goal with its pacing and trail, and the workflow (create,
change with a reason, approve, reject, retire), plus suggested targets for a team.

A goal the lint refuses answers 422 with the findings: `{"detail": ..., "findings": [...]}`.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse

from pacesetter.domain.periods import PeriodKind
from pacesetter.domain.vocab import GoalStatus
from pacesetter.goals import service
from pacesetter.goals.actor import Actor, Channel
from pacesetter.goals.detail import goal_detail
from pacesetter.goals.queries import GoalFilter, list_goals, period_named
from pacesetter.goals.suggestions import SuggestionRequest, accept_suggestion, suggest_for_team
from pacesetter.goals.views import person_goals_view, proposals_view
from pacesetter.http.context import ContextDep
from pacesetter.http.deps import CurrentUser, OrgDep, ScopeDep, SessionDep
from pacesetter.http.queries import PeriodQuery
from pacesetter.http.validation import MAX_ID, Amount, AsOf, IdPath, IdQuery, Offset
from pacesetter.schemas.goal_screens import (
    PersonGoalsOut,
    ProposalsOut,
    person_goals_out,
    proposals_out,
)
from pacesetter.schemas.goals import (
    Approval,
    GoalCreate,
    GoalDetailOut,
    GoalOut,
    GoalPatch,
    GoalResultOut,
    GoalsPage,
    Rejection,
    Retirement,
    SuggestionIn,
    SuggestionOut,
    detail_out,
    finding_out,
    result_out,
    suggestion_out,
)
from pacesetter.store.org_settings import today_in

router = APIRouter(prefix="/goals", tags=["goals"])

_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such goal, or not in your scope"},
    422: {"description": "Refused: the message says why; lint errors come with `findings`"},
}
Result = GoalResultOut | JSONResponse


@router.get("", response_model=GoalsPage)
def goals(
    db: SessionDep,
    scope: ScopeDep,
    period: PeriodQuery = None,
    person_id: IdQuery = None,
    goal_status: Annotated[GoalStatus | None, Query(alias="status")] = None,
    scope_type: str | None = None,
    metric: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Offset = 0,
) -> GoalsPage:
    """The goals of the people (and teams) you may see, latest period first."""
    canonical = period_named(db, period).name if period else None
    wanted = GoalFilter(canonical, person_id, goal_status, scope_type, metric, limit, offset)
    total, page = list_goals(db, scope, wanted)
    items = [GoalOut.model_validate(goal) for goal in page]
    return GoalsPage(total=total, limit=limit, offset=offset, items=items)


@router.get("/proposals", response_model=ProposalsOut)
def proposals(db: SessionDep, user: CurrentUser, ctx: ContextDep) -> ProposalsOut:
    """The JSON twin of the proposals page: the proposals you decide on (not your own), each
    with the lint's findings and the proposer's trailing results beside their peers' (named
    only when you may see them all, else the team's unnamed spread)."""
    return proposals_out(proposals_view(db, _actor(user), today=ctx.today))


@router.get(
    "/people/{person_id}",
    response_model=PersonGoalsOut,
    responses={404: {"description": "No such person, or not in your scope"}},
)
def person_goals(
    person_id: IdPath,
    db: SessionDep,
    user: CurrentUser,
    org: OrgDep,
    ctx: ContextDep,
    period: PeriodQuery = None,
) -> PersonGoalsOut:
    """The JSON twin of a person's goals page: their goals of the period (default: the
    current quarter), each approved one with its pacing, milestones and chart at today
    clipped to the period, and the latest change of its target."""
    span = ctx.period(period, PeriodKind.QUARTER)
    view = person_goals_view(
        db, _actor(user), person_id, span, today=ctx.today, currency=org.currency
    )
    return person_goals_out(view)


@router.get("/suggestions", response_model=SuggestionOut, responses=_RESPONSES)
def suggestion(
    db: SessionDep,
    user: CurrentUser,
    ctx: ContextDep,
    manager_id: Annotated[int, Query(ge=1, le=MAX_ID)],
    team_target: Annotated[Amount, Query(gt=0)],
    period: PeriodQuery = None,
    over_assign_pct: Annotated[Amount, Query(ge=0)] = Decimal(0),
    metric: str = "revenue_won",
) -> SuggestionOut:
    """A team target spread over the manager's people (nothing is saved): the JSON twin of
    the suggestion page (default period: the current quarter)."""
    span = ctx.period(period, PeriodKind.QUARTER).name
    wanted = SuggestionRequest(manager_id, span, team_target, over_assign_pct, metric)
    team = suggest_for_team(db, _actor(user), wanted, today=ctx.today)
    return suggestion_out(team, [])


@router.post("/suggestions", response_model=SuggestionOut, responses=_RESPONSES)
def suggest_and_accept(
    body: SuggestionIn, db: SessionDep, user: CurrentUser, org: OrgDep
) -> SuggestionOut:
    """The suggestion; with `accept` its parts and the team target become goals (approved
    where you decide on them, proposals to your manager for your own). An approved goal with
    another target changes only with `approved_reason`."""
    actor, today = _actor(user), today_in(org.timezone)
    team = suggest_for_team(db, actor, body.as_request(), today=today)
    accepted = []
    if body.accept:
        why = body.approved_reason
        accepted = accept_suggestion(db, actor, team, today=today, approved_reason=why)
    return suggestion_out(team, accepted)


@router.post(
    "", response_model=GoalResultOut, status_code=status.HTTP_201_CREATED, responses=_RESPONSES
)
def create(body: GoalCreate, db: SessionDep, user: CurrentUser, org: OrgDep) -> Result:
    """A new goal, with the lint's warnings."""
    data = body.as_input()
    return _refused_or(
        lambda: service.create_goal(db, _actor(user), data, today=today_in(org.timezone))
    )


@router.get("/{goal_id}", response_model=GoalDetailOut, responses=_RESPONSES)
def goal(
    goal_id: IdPath,
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    as_of: AsOf = None,
) -> GoalDetailOut:
    """The goal with its pacing at `as_of`, milestones, chart points and audit trail."""
    return detail_out(goal_detail(db, scope, goal_id, as_of=as_of, today=today_in(org.timezone)))


@router.patch("/{goal_id}", response_model=GoalResultOut, responses=_RESPONSES)
def change(
    goal_id: IdPath, body: GoalPatch, db: SessionDep, user: CurrentUser, org: OrgDep
) -> Result:
    """Change the fields sent; an approved goal only with a `reason`, kept in its trail."""
    changes = body.model_dump(exclude_unset=True, exclude={"reason"})

    def act() -> service.GoalResult:
        return service.update_goal(
            db, _actor(user), goal_id, changes, reason=body.reason, today=today_in(org.timezone)
        )

    return _refused_or(act)


@router.post("/{goal_id}/approve", response_model=GoalResultOut, responses=_RESPONSES)
def approve(
    goal_id: IdPath, body: Approval, db: SessionDep, user: CurrentUser, org: OrgDep
) -> Result:
    """Approve a proposal, optionally with an adjusted target and the reason for it."""

    def act() -> service.GoalResult:
        return service.approve_goal(
            db,
            _actor(user),
            goal_id,
            target=body.target,
            reason=body.reason,
            note=body.note,
            today=today_in(org.timezone),
        )

    return _refused_or(act)


@router.post("/{goal_id}/reject", response_model=GoalResultOut, responses=_RESPONSES)
def reject(goal_id: IdPath, body: Rejection, db: SessionDep, user: CurrentUser) -> GoalResultOut:
    """Reject a proposal, with a note to the proposer."""
    return result_out(service.reject_goal(db, _actor(user), goal_id, note=body.note))


@router.post("/{goal_id}/retire", response_model=GoalResultOut, responses=_RESPONSES)
def retire(goal_id: IdPath, body: Retirement, db: SessionDep, user: CurrentUser) -> GoalResultOut:
    """Take an approved goal out of the reports, with the reason."""
    return result_out(service.retire_goal(db, _actor(user), goal_id, reason=body.reason))


def _actor(user: CurrentUser) -> Actor:
    return Actor.of(user, Channel.API)


def _refused_or(act: Callable[[], service.GoalResult]) -> Result:
    """The result of `act`, or 422 with the lint's findings when its errors refuse the goal.

    Nothing was written when the lint refuses, so the request's unit of work may commit."""
    try:
        return result_out(act())
    except service.GoalLintError as error:
        findings = [finding_out(finding).model_dump() for finding in error.findings]
        return JSONResponse(
            {"detail": str(error), "findings": findings},
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )
