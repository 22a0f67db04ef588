"""Pages of incentives and the period review: a person's earnings (linked from their goals
page, which loads it as an HTMX partial), a team's earnings (from the team board), the what-if
on a goal (a GET form; HTMX swaps only the result) and a team's review of a closed period.

Each page is the same data the API and the CLI give (incentives/views.py, what_if.py,
review.py). People and goals outside the viewer's scope are not found, as everywhere.
"""

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pacesetter.domain.errors import Invalid
from pacesetter.domain.periods import period_of
from pacesetter.http.context import ContextDep
from pacesetter.http.deps import SessionDep, ViewerDep
from pacesetter.http.queries import OrderQuery, PagingDep, ReportQuery, ReportQueryDep
from pacesetter.http.validation import AsOf, IdPath, IdQuery
from pacesetter.incentives.review import ReviewView, build_review, next_team_target
from pacesetter.incentives.review_order import ordered_people
from pacesetter.incentives.screens import (
    EarningsScreen,
    requested_earnings,
    requested_what_if,
    review_period,
)
from pacesetter.web.routes import reward_rules
from pacesetter.web.templating import render

router = APIRouter()
router.include_router(reward_rules.router)  # the reward rules' pages


def _page(request: Request, full: str, partial: str, context: dict[str, Any]) -> HTMLResponse:
    """The partial alone for HTMX, the whole page otherwise (so every link works without JS)."""
    return render(request, partial if request.headers.get("HX-Request") else full, context)


@router.get("/incentives/people/{person_id}", response_class=HTMLResponse)
def person_earnings(
    request: Request, person_id: IdPath, viewer: ViewerDep, db: SessionDep, asked: ReportQueryDep
) -> HTMLResponse:
    """What the person earns per rule, so far and at the current pace, with the working."""
    screen = _earnings(db, asked, person_id, team=False)
    return _earnings_page(request, screen, f"Earnings: {screen.subject.name}")


@router.get("/incentives/team/{manager_id}", response_class=HTMLResponse)
def team_earnings(
    request: Request, manager_id: IdPath, viewer: ViewerDep, db: SessionDep, asked: ReportQueryDep
) -> HTMLResponse:
    """Everyone in the manager's team: their earnings per rule, so far and at pace."""
    screen = _earnings(db, asked, manager_id, team=True)
    return _earnings_page(request, screen, f"Earnings: {screen.subject.name}'s team")


def _earnings(db: SessionDep, asked: ReportQuery, person_id: int, *, team: bool) -> EarningsScreen:
    """The screen the JSON twin answers too, from the same query parameters."""
    return requested_earnings(db, asked.ctx, person_id, asked.period, asked.as_of, team=team)


def _earnings_page(request: Request, screen: EarningsScreen, title: str) -> HTMLResponse:
    context = {
        "title": title,
        "subject": screen.subject,
        "view": screen.view,
        "rows": screen.rows,
        "team": screen.team,
    }
    return _page(request, "incentives/earnings.html", "incentives/_earnings.html", context)


@router.get("/incentives/what-if", response_class=HTMLResponse)
def what_if_page(
    request: Request,
    viewer: ViewerDep,
    db: SessionDep,
    ctx: ContextDep,
    goal_id: IdQuery = None,
    deal_id: IdQuery = None,
    as_of: AsOf = None,
) -> HTMLResponse:
    """Pick an open deal: the goal's attainment and bonus as they would be with it won."""
    result = requested_what_if(db, ctx, goal_id, deal_id, as_of)
    context = {"title": "What if I close this deal?", "w": result}
    return _page(request, "incentives/what_if.html", "incentives/_what_if.html", context)


@router.get("/review/team/{manager_id}", response_class=HTMLResponse)
def review_page(
    request: Request,
    manager_id: IdPath,
    viewer: ViewerDep,
    db: SessionDep,
    ctx: ContextDep,
    paging: PagingDep,
    period: str | None = None,
    order: OrderQuery = "attention",
) -> HTMLResponse:
    """The review of a closed period (by default the last quarter that has closed): the
    team's numbers, then a page of its people, the goals missed by the most first."""
    lead = ctx.scope.person(db, manager_id)
    span = review_period(ctx, period)
    try:
        view, error = build_review(db, ctx.scope, lead, span, today=ctx.today), None
    except Invalid as refused:
        view, error = None, str(refused)
    context = {
        "title": f"Review {span.name}: {lead.name}'s team",
        "lead": lead,
        "period": span,
        "view": view,
        "paged": paging.of(ordered_people(view.people, order)) if view else None,
        "order": order,
        "error": error,
        "next_link": _next_link(view) if view else None,
    }
    return render(request, "incentives/review.html", context)


def _next_link(view: ReviewView) -> str:
    """The next period's suggested targets, seeded by the review: the suggestion page with the
    review's team target filled in, where the manager edits it and accepts it as goals
    (approved where they decide, proposed to their manager for their own)."""
    span = view.period
    following = period_of(span.end + timedelta(days=1), span.kind, span.fiscal_year_start_month)
    seed = _plain(next_team_target(view))
    query = {"manager_id": view.manager_id, "period": following.name, "team_target": seed}
    return f"/goals/suggest?{urlencode(query)}"


def _plain(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"
