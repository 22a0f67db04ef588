"""Reward rules (define, change with a reason, their versions and trail) and earnings: each
person's earnings per rule so far and at pace, and the period's payout statement (CSV/XLSX)."""

from dataclasses import replace
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, status
from fastapi.responses import Response

from pacesetter.exports.xlsx import XLSX_MEDIA_TYPE, Column, xlsx_bytes
from pacesetter.goals.actor import Actor, Channel
from pacesetter.goals.queries import period_named
from pacesetter.http.context import ContextDep
from pacesetter.http.deps import CurrentUser, OrgDep, ScopeDep, SessionDep
from pacesetter.http.downloads import CSV_MEDIA_TYPE, csv_response, xlsx_response
from pacesetter.http.queries import (
    OrderQuery,
    PagingDep,
    PeriodQuery,
    ReportQuery,
    ReportQueryDep,
    RequiredPeriodQuery,
)
from pacesetter.http.validation import AsOf, IdPath, IdQuery
from pacesetter.incentives import rules
from pacesetter.incentives.review import build_review
from pacesetter.incentives.review_order import ordered_people
from pacesetter.incentives.screens import requested_earnings, requested_what_if, review_period
from pacesetter.incentives.views import (
    STATEMENT_HEADER,
    EarningsView,
    earnings_view,
    statement_rows,
)
from pacesetter.schemas.incentives import (
    EarningsOut,
    RuleChange,
    RuleChangeOut,
    RuleCreate,
    RuleOut,
    VersionOut,
    WhatIfOut,
    earnings_out,
    what_if_out,
)
from pacesetter.store.models import RewardRule
from pacesetter.store.org_settings import today_in

router = APIRouter(prefix="/incentives", tags=["incentives"])
_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such rule, or not in your scope"},
    422: {"description": "Refused: the message says why"},
}
AMOUNTS = frozenset({"earned_so_far", "at_current_pace"})


@router.get("/rules", response_model=list[RuleOut])
def rule_list(db: SessionDep, user: CurrentUser) -> list[RuleOut]:
    """The rules about everyone and about the teams you see, with every version."""
    found = rules.visible_rules(db, _actor(user))
    versions = rules.versions_of(db, [rule.id for rule in found])
    return [_rule_out(rule, versions[rule.id]) for rule in found]


@router.post(
    "/rules", response_model=RuleOut, status_code=status.HTTP_201_CREATED, responses=_RESPONSES
)
def rule_create(body: RuleCreate, db: SessionDep, user: CurrentUser) -> RuleOut:
    """A new rule (managers for their team, admins for any team or everyone)."""
    data = rules.RuleInput(
        body.name,
        body.kind,
        body.metric,
        body.period_kind,
        body.team_manager_id,
        body.params,
        body.effective_from,
    )
    rule = rules.create_rule(db, _actor(user), data, reason=body.reason)
    return _rule_out(rule, rules.versions_of(db, [rule.id])[rule.id])


@router.put("/rules/{rule_id}", response_model=RuleOut, responses=_RESPONSES)
def rule_change(rule_id: IdPath, body: RuleChange, db: SessionDep, user: CurrentUser) -> RuleOut:
    """New terms from `effective_from`; the periods before keep the old ones."""
    actor = _actor(user)
    rules.change_rule(
        db, actor, rule_id, body.params, effective_from=body.effective_from, reason=body.reason
    )
    rule = rules.get_rule(db, actor, rule_id)
    return _rule_out(rule, rules.versions_of(db, [rule.id])[rule.id])


@router.get("/rules/{rule_id}", response_model=RuleOut, responses=_RESPONSES)
def rule_one(rule_id: IdPath, db: SessionDep, user: CurrentUser) -> RuleOut:
    """One rule with every version of its terms (the page /incentives/rules/<id>)."""
    rule = rules.get_rule(db, _actor(user), rule_id)
    return _rule_out(rule, rules.versions_of(db, [rule.id])[rule.id])


@router.get("/rules/{rule_id}/changes", response_model=list[RuleChangeOut], responses=_RESPONSES)
def rule_trail(rule_id: IdPath, db: SessionDep, user: CurrentUser) -> list[RuleChangeOut]:
    """Who changed the rule, when, from what to what, and why."""
    rule = rules.get_rule(db, _actor(user), rule_id)
    return [RuleChangeOut.model_validate(change) for change in rules.trail_of(db, rule.id)]


@router.get("/earnings", response_model=EarningsOut)
def earnings(
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    period: RequiredPeriodQuery,
    as_of: AsOf = None,
    person_id: IdQuery = None,
) -> EarningsOut:
    """Each visible person's earnings per rule, so far and at the current pace, with the working."""
    view = _view(db, scope, org, period, as_of)
    return earnings_out(view, view.of_person(person_id) if person_id else None)


@router.get("/statement", responses={200: {"content": {CSV_MEDIA_TYPE: {}, XLSX_MEDIA_TYPE: {}}}})
def statement(
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    period: RequiredPeriodQuery,
    as_of: AsOf = None,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "csv",
) -> Response:
    """The period's payout statement: one line per person and rule."""
    view = _view(db, scope, org, period, as_of)
    name = f"payouts-{view.period.name}-{view.as_of.isoformat()}"
    if format == "xlsx":
        columns = [
            Column(field, "money" if field in AMOUNTS else None) for field in STATEMENT_HEADER
        ]
        return xlsx_response(xlsx_bytes("Payouts", columns, statement_rows(view, float)), name)
    return csv_response(STATEMENT_HEADER, statement_rows(view, _cents), name)


@router.get("/people/{person_id}", response_model=EarningsOut, responses=_RESPONSES)
def person_earnings(person_id: IdPath, db: SessionDep, asked: ReportQueryDep) -> EarningsOut:
    """The person's earnings per rule, so far and at pace (the page /incentives/people/<id>;
    default period: the current quarter)."""
    return _earnings_out(db, asked, person_id, team=False)


@router.get("/team/{manager_id}", response_model=EarningsOut, responses=_RESPONSES)
def team_earnings(manager_id: IdPath, db: SessionDep, asked: ReportQueryDep) -> EarningsOut:
    """Everyone's earnings in the manager's team (the page /incentives/team/<id>)."""
    return _earnings_out(db, asked, manager_id, team=True)


@router.get("/what-if", response_model=WhatIfOut, responses=_RESPONSES)
def what_if_answer(
    db: SessionDep,
    ctx: ContextDep,
    goal_id: IdQuery = None,
    deal_id: IdQuery = None,
    as_of: AsOf = None,
) -> WhatIfOut:
    """The goal's attainment and bonus now and, with `deal_id`, as they would be with that open
    deal won (the page /incentives/what-if; nothing is saved)."""
    return what_if_out(requested_what_if(db, ctx, goal_id, deal_id, as_of))


@router.get("/reviews/{manager_id}", responses=_RESPONSES)
def review(
    manager_id: IdPath,
    db: SessionDep,
    ctx: ContextDep,
    paging: PagingDep,
    period: PeriodQuery = None,
    order: OrderQuery = "attention",
) -> dict[str, Any]:
    """The review of the manager's team for a closed period (default: the last closed
    quarter): goals hit and missed and by how much, forecast against actual (the whole
    team's), then a page of its people (`people`: the lowest attainment first unless
    `order=name`; `paging` says where it sits) with quadrant, QDQ, 1:1s, ride-alongs and
    commitments kept and the lint's warnings (the page's and `pacesetter report review`'s
    data, which holds everyone; 422 while the period is open)."""
    lead = ctx.scope.person(db, manager_id)
    view = build_review(db, ctx.scope, lead, review_period(ctx, period), today=ctx.today)
    paged = paging.of(ordered_people(view.people, order))
    people = replace(view, people=paged.rows).as_dict()["people"]
    return view.as_dict() | {"people": people, "paging": paged.as_dict()}


def _earnings_out(db: SessionDep, asked: ReportQuery, person_id: int, *, team: bool) -> EarningsOut:
    """The earnings screen the page shows, from the same query parameters, as JSON."""
    screen = requested_earnings(db, asked.ctx, person_id, asked.period, asked.as_of, team=team)
    return earnings_out(screen.view, screen.rows)


def _cents(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _view(db: SessionDep, scope: ScopeDep, org: OrgDep, period: str, as_of: AsOf) -> EarningsView:
    return earnings_view(db, scope, period_named(db, period), as_of or today_in(org.timezone))


def _rule_out(rule: RewardRule, versions: list[Any]) -> RuleOut:
    return RuleOut(
        id=rule.id,
        name=rule.name,
        kind=rule.kind,
        metric=rule.metric,
        period_kind=rule.period_kind,
        team_manager_id=rule.team_manager_id,
        versions=[VersionOut.model_validate(version) for version in versions],
    )


def _actor(user: CurrentUser) -> Actor:
    return Actor.of(user, Channel.API)
