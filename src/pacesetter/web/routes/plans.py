"""The activity plans pages: the plans of the reps you may see for a month (and its CSV, in
the `plans` import format), and one rep's month: their manager's form with every line (copy
last month's plan, then adjust), the rep's proposal form, and the proposals to decide.

Every page reads and writes through `plans.views` and `plans.service`, as the API does. A form
the service refuses comes back with every refused field; nothing was written.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Forbidden
from pacesetter.domain.periods import Period, PeriodKind, period_of
from pacesetter.domain.plan_lines import LINES
from pacesetter.domain.vocab import Role
from pacesetter.http.deps import CurrentUser, OrgDep, ScopeDep, SessionDep, ViewerDep
from pacesetter.http.downloads import csv_response
from pacesetter.http.queries import OrderQuery, PagingDep
from pacesetter.http.validation import IdPath
from pacesetter.plans import lines as plan_lines
from pacesetter.plans import service
from pacesetter.plans.plan_order import ordered_plans
from pacesetter.plans.views import MonthPlan, line_order, month_plan, team_plans
from pacesetter.store.models import OrgSettings
from pacesetter.store.org_settings import today_in
from pacesetter.store.scope import Scope
from pacesetter.web.templating import render

router = APIRouter(prefix="/plans")
CSV_COLUMNS = ("person", "month", "line", "planned")


async def _posted(request: Request) -> dict[str, str]:
    return {name: value for name, value in (await request.form()).items() if isinstance(value, str)}


Posted = Annotated[dict[str, str], Depends(_posted)]


def _month(org: OrgSettings, month: str | None) -> str:
    """The month asked for, or the current one in the organisation's time zone."""
    if month:
        return service.month_of(month).name
    return period_of(today_in(org.timezone), PeriodKind.MONTH).name


@router.get("", response_class=HTMLResponse, response_model=None)
def index(
    request: Request, viewer: ViewerDep, user: CurrentUser, db: SessionDep, scope: ScopeDep,
    org: OrgDep, paging: PagingDep, month: str | None = None, order: OrderQuery = "attention",
) -> Response:  # fmt: skip
    """Every rep's plan for the month, a page of reps at a time (those with proposals to
    decide, then those without a plan, first); a rep goes straight to their own."""
    name = _month(org, month)
    if user.role == Role.REP:
        return RedirectResponse(f"/plans/people/{user.id}?month={name}", status_code=303)
    span = service.month_of(name)
    context = {"title": "Activity plans", "month": span, "lines": LINES}
    paged = paging.of(ordered_plans(team_plans(db, scope, span), order))
    context |= {"paged": paged, "order": order, "user_id": user.id}
    return render(request, "plans/index.html", context)


@router.get(".csv")
def plans_csv(
    user: CurrentUser, db: SessionDep, scope: ScopeDep, org: OrgDep, month: str | None = None
) -> Response:
    """The table as the `plans` import kind reads it: one row per (rep, month, line)."""
    span, rows = plan_table(db, scope, org, month)
    return csv_response(CSV_COLUMNS, rows, f"plans-{span.name}")


def plan_table(
    db: Session, scope: Scope, org: OrgSettings, month: str | None
) -> tuple[Period, list[list[Any]]]:
    """The month asked for and its team table as the `plans` import kind reads it: the rows of
    the CSV and of the XLSX (web/routes/spreadsheets.py)."""
    span = service.month_of(_month(org, month))
    return span, [
        [row.person.email, span.name, line, planned]
        for row in team_plans(db, scope, span)
        for line, planned in line_order(row.lines)
    ]


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(
    request: Request, person_id: IdPath, viewer: ViewerDep, user: CurrentUser, db: SessionDep,
    org: OrgDep, month: str | None = None, copy: bool = False,
) -> HTMLResponse:  # fmt: skip
    """The rep's month: lines with where they came from, the form for whoever may change it."""
    plan = month_plan(db, user, person_id, _month(org, month))
    filled = plan.last_month if copy else plan.lines
    return _page(request, plan, filled, {}, copied=copy)


@router.post("/people/{person_id}", response_class=HTMLResponse, response_model=None)
def save(
    request: Request, person_id: IdPath, fields: Posted, viewer: ViewerDep, user: CurrentUser,
    db: SessionDep, org: OrgDep, month: str | None = None,
) -> Response:  # fmt: skip
    """The manager saves the month's plan: every line at once, a blank line dropped."""
    name = _month(org, month)
    wanted, problems = plan_lines.read_fields(fields)
    try:
        if problems:
            raise service.PlanFormError(problems | plan_lines.check(wanted))
        service.save_plan(db, user, person_id, name, wanted)
    except service.PlanFormError as refused:
        plan = month_plan(db, user, person_id, name)
        return _page(request, plan, fields, refused.problems, status=422)
    return RedirectResponse(f"/plans/people/{person_id}?month={name}&saved=1", status_code=303)


@router.post("/people/{person_id}/proposals", response_class=HTMLResponse, response_model=None)
def propose(
    request: Request, person_id: IdPath, fields: Posted, viewer: ViewerDep, user: CurrentUser,
    db: SessionDep, org: OrgDep, month: str | None = None,
) -> Response:  # fmt: skip
    """The rep proposes their own plan for the month; their manager decides."""
    name = _month(org, month)
    plan = month_plan(db, user, person_id, name)
    if not plan.may_propose:
        raise Forbidden("A rep proposes changes to their own plan only.")
    wanted, problems = plan_lines.read_fields(fields)
    try:
        if problems:
            raise service.PlanFormError(problems | plan_lines.check(wanted))
        service.propose(db, user, name, wanted, fields.get("note"))
    except service.PlanFormError as refused:
        return _page(request, plan, fields, refused.problems, status=422)
    return RedirectResponse(f"/plans/people/{person_id}?month={name}&saved=1", status_code=303)


@router.post("/proposals/{proposal_id}/decision", response_class=HTMLResponse, response_model=None)
def decide(
    request: Request, proposal_id: IdPath, fields: Posted, viewer: ViewerDep, user: CurrentUser,
    db: SessionDep,
) -> Response:  # fmt: skip
    """Approve or reject a proposal; a rejection without its reason is refused (422)."""
    approve = fields.get("decision") == "approve"
    decided = service.decide(db, user, proposal_id, approve, fields.get("note"))
    where = f"/plans/people/{decided.person_id}?month={decided.month}&saved=1"
    return RedirectResponse(where, status_code=303)


def _page(
    request: Request,
    plan: MonthPlan,
    filled: dict[str, Any],
    problems: dict[str, str],
    *,
    status: int = 200,
    copied: bool = False,
) -> HTMLResponse:
    values = {
        line: _shown(filled.get(line), filled.get(plan_lines.FIELD_PREFIX + line)) for line in LINES
    }
    context = {
        "title": f"{plan.person.name}: plan for {plan.month.name}",
        "plan": plan,
        "lines": LINES,
        "values": values,
        "problems": problems,
        "copied": copied,
        "saved": "saved" in request.query_params,
        "plain": _plain,
    }
    return render(request, "plans/person.html", context, status_code=status)


def _shown(value: float | None, posted: str | None) -> str:
    """What a field shows: what was posted (refused forms), else the stored value."""
    if posted is not None:
        return posted
    return "" if value is None else _plain(value)


def _plain(value: float) -> str:
    """A number as a form field holds it: 55, 0.35, never 55.0."""
    return f"{value:f}".rstrip("0").rstrip(".")
