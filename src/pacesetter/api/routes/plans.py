"""Activity plans: the JSON twin of the plans pages. A manager sets a rep's month (PUT, every
line at once), the rep proposes changes (POST), the manager approves or rejects them.

A refused plan answers 422 with every refused line: `{"detail", "problems": {field: reason}}`,
and nothing is written; a person outside your scope is 404.
"""

from typing import Any

from fastapi import APIRouter, status
from fastapi.responses import JSONResponse

from pacesetter.domain.errors import Forbidden
from pacesetter.domain.periods import PeriodKind, period_of
from pacesetter.http.deps import CurrentUser, OrgDep, ScopeDep, SessionDep
from pacesetter.http.queries import MonthQuery, OrderQuery, PagingDep
from pacesetter.http.validation import IdPath
from pacesetter.plans import service
from pacesetter.plans.plan_order import ordered_plans
from pacesetter.plans.views import MonthPlan, month_plan, team_plans
from pacesetter.schemas.paging import PageOut
from pacesetter.schemas.plans import (
    DecisionIn,
    MonthPlanOut,
    OriginOut,
    PlanIn,
    ProposalIn,
    ProposalOut,
    TeamPlanOut,
    TeamPlansOut,
)
from pacesetter.store.models import OrgSettings, Person
from pacesetter.store.org_settings import today_in

router = APIRouter(prefix="/plans", tags=["coaching"])
_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {"description": "Only the rep's own manager sets their plan; a rep proposes their own"},
    404: {"description": "No such person or proposal, or not in your scope"},
    422: {"description": "Refused: `problems` names every refused line"},
}


def _month(org: OrgSettings, month: str | None) -> str:
    if month:
        return service.month_of(month).name
    return period_of(today_in(org.timezone), PeriodKind.MONTH).name


@router.get("", response_model=TeamPlansOut, responses=_RESPONSES)
def plans(
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    paging: PagingDep,
    month: MonthQuery = None,
    order: OrderQuery = "attention",
) -> TeamPlansOut:
    """A page of the plans of the reps you may see who are employed during the month (those
    with proposals waiting, then those without a plan, first unless `order=name`; `paging`
    says where it sits, and the CSV and XLSX downloads of /plans hold every rep)."""
    span = service.month_of(_month(org, month))
    paged = paging.of(ordered_plans(team_plans(db, scope, span), order))
    rows = [
        TeamPlanOut(
            person_id=row.person.id,
            name=row.person.name,
            email=row.person.email,
            lines=row.lines,
            proposals_waiting=row.waiting,
        )
        for row in paged.rows
    ]
    return TeamPlansOut(month=span.name, paging=PageOut(**paged.as_dict()), rows=rows)


@router.get("/people/{person_id}", response_model=MonthPlanOut, responses=_RESPONSES)
def person_plan(
    person_id: IdPath, db: SessionDep, user: CurrentUser, org: OrgDep, month: MonthQuery = None
) -> MonthPlanOut:
    """A rep's plan for the month, where each line came from, and its proposals."""
    return _plan_out(month_plan(db, user, person_id, _month(org, month)))


@router.put("/people/{person_id}", response_model=MonthPlanOut, responses=_RESPONSES)
def set_plan(
    person_id: IdPath,
    body: PlanIn,
    db: SessionDep,
    user: CurrentUser,
    org: OrgDep,
    month: MonthQuery = None,
) -> MonthPlanOut | JSONResponse:
    """Set the month's plan of one of your reps: every line at once, a line left out dropped."""
    name = _month(org, month)
    try:
        service.save_plan(db, user, person_id, name, body.lines)
    except service.PlanFormError as refused:
        return _refused(refused)
    return _plan_out(month_plan(db, user, person_id, name))


@router.post(
    "/people/{person_id}/proposals",
    response_model=MonthPlanOut,
    status_code=status.HTTP_201_CREATED,
    responses=_RESPONSES | {409: {"description": "A proposal for the month is waiting"}},
)
def propose(
    person_id: IdPath,
    body: ProposalIn,
    db: SessionDep,
    user: CurrentUser,
    org: OrgDep,
    month: MonthQuery = None,
) -> MonthPlanOut | JSONResponse:
    """Propose your own plan for the month; the lines that differ wait for your manager."""
    name = _month(org, month)
    if not month_plan(db, user, person_id, name).may_propose:
        raise Forbidden("A rep proposes changes to their own plan only.")
    try:
        service.propose(db, user, name, body.lines, body.note)
    except service.PlanFormError as refused:
        return _refused(refused)
    return _plan_out(month_plan(db, user, person_id, name))


@router.post(
    "/proposals/{proposal_id}/decision",
    response_model=MonthPlanOut,
    responses=_RESPONSES | {409: {"description": "The proposal was decided already"}},
)
def decide(
    proposal_id: IdPath, body: DecisionIn, db: SessionDep, user: CurrentUser
) -> MonthPlanOut | JSONResponse:
    """Approve a proposal (its lines become the plan) or reject it with the reason."""
    approve = body.decision == "approve"
    try:
        decided = service.decide(db, user, proposal_id, approve, body.note)
    except service.PlanFormError as refused:
        return _refused(refused)
    return _plan_out(month_plan(db, user, decided.person_id, decided.month))


def _refused(refused: service.PlanFormError) -> JSONResponse:
    """422 with every refused field; nothing was written."""
    return JSONResponse(
        {"detail": str(refused), "problems": refused.problems},
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
    )


def _plan_out(plan: MonthPlan) -> MonthPlanOut:
    person: Person = plan.person
    return MonthPlanOut(
        person_id=person.id,
        name=person.name,
        month=plan.month.name,
        lines=plan.lines,
        origins={line: OriginOut(**vars(o)) for line, o in plan.origins.items()},
        last_month=plan.last_month,
        proposals=[ProposalOut(person_id=person.id, **vars(p)) for p in plan.proposals],
        may_set=plan.may_set,
        may_propose=plan.may_propose,
    )
