"""Pages of incentives and the period review: a person's earnings (linked from their goals
page, which loads it as an HTMX partial), a team's earnings (from the team board), the what-if
on a goal (a GET form; HTMX swaps only the result) and a team's review of a closed period.

Each page is the same data the API and the CLI give (incentives/views.py, what_if.py,
review.py). People and goals outside the viewer's scope are not found, as everywhere.
"""

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from pacesetter.domain.errors import Invalid
from pacesetter.domain.periods import Period, PeriodKind, period_of
from pacesetter.http.deps import OrgDep, ScopeDep, SessionDep, ViewerDep
from pacesetter.http.validation import AsOf, IdPath, IdQuery
from pacesetter.incentives.review import ReviewView, build_review, next_team_target
from pacesetter.incentives.views import earnings_view
from pacesetter.incentives.what_if import what_if
from pacesetter.metrics.org_settings import fiscal_year_start_month
from pacesetter.metrics.quadrant import requested_period
from pacesetter.store.models import Person
from pacesetter.store.org_settings import today_in
from pacesetter.store.scope import subtree_ids
from pacesetter.web.templating import render

router = APIRouter()


def _quarter(db: SessionDep, today: date, name: str | None) -> Period:
    """The period named, or by default the quarter holding `today`."""
    if name:
        return requested_period(db, today, name)
    return period_of(today, PeriodKind.QUARTER, fiscal_year_start_month(db))


def _page(request: Request, full: str, partial: str, context: dict[str, Any]) -> HTMLResponse:
    """The partial alone for HTMX, the whole page otherwise (so every link works without JS)."""
    return render(request, partial if request.headers.get("HX-Request") else full, context)


@router.get("/incentives/people/{person_id}", response_class=HTMLResponse)
def person_earnings(
    request: Request,
    person_id: IdPath,
    viewer: ViewerDep,
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    period: str | None = None,
    as_of: AsOf = None,
) -> HTMLResponse:
    """What the person earns per rule, so far and at the current pace, with the working."""
    person = scope.person(db, person_id)
    today = today_in(org.timezone)
    view = earnings_view(db, scope, _quarter(db, today, period), as_of or today)
    context = {
        "title": f"Earnings: {person.name}",
        "subject": person,
        "view": view,
        "rows": view.of_person(person.id),
    }
    return _page(request, "incentives/earnings.html", "incentives/_earnings.html", context)


@router.get("/incentives/team/{manager_id}", response_class=HTMLResponse)
def team_earnings(
    request: Request,
    manager_id: IdPath,
    viewer: ViewerDep,
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    period: str | None = None,
    as_of: AsOf = None,
) -> HTMLResponse:
    """Everyone in the manager's team: their earnings per rule, so far and at pace."""
    lead = scope.person(db, manager_id)
    today = today_in(org.timezone)
    view = earnings_view(db, scope, _quarter(db, today, period), as_of or today)
    team = set(db.scalars(select(Person.id).where(Person.id.in_(subtree_ids(lead.id)))))
    rows = [row for row in view.rows if row.person_id in team]
    context = {
        "title": f"Earnings: {lead.name}'s team",
        "subject": lead,
        "view": view,
        "rows": rows,
        "team": True,
    }
    return _page(request, "incentives/earnings.html", "incentives/_earnings.html", context)


@router.get("/incentives/what-if", response_class=HTMLResponse)
def what_if_page(
    request: Request,
    viewer: ViewerDep,
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    goal_id: IdQuery = None,
    deal_id: IdQuery = None,
    as_of: AsOf = None,
) -> HTMLResponse:
    """Pick an open deal: the goal's attainment and bonus as they would be with it won."""
    if goal_id is None:
        raise Invalid("Choose a goal for the what-if.")
    result = what_if(db, scope, goal_id, deal_id, as_of or today_in(org.timezone))
    context = {"title": "What if I close this deal?", "w": result}
    return _page(request, "incentives/what_if.html", "incentives/_what_if.html", context)


@router.get("/review/team/{manager_id}", response_class=HTMLResponse)
def review_page(
    request: Request,
    manager_id: IdPath,
    viewer: ViewerDep,
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    period: str | None = None,
) -> HTMLResponse:
    """The review of a closed period (by default the last quarter that has closed)."""
    lead = scope.person(db, manager_id)
    today = today_in(org.timezone)
    span = _quarter(db, today, period) if period else _last_closed_quarter(db, today)
    try:
        view, error = build_review(db, scope, lead, span, today=today), None
    except Invalid as refused:
        view, error = None, str(refused)
    context = {
        "title": f"Review {span.name}: {lead.name}'s team",
        "lead": lead,
        "period": span,
        "view": view,
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


def _last_closed_quarter(db: SessionDep, today: date) -> Period:
    current = period_of(today, PeriodKind.QUARTER, fiscal_year_start_month(db))
    return period_of(
        current.start - timedelta(days=1), PeriodKind.QUARTER, fiscal_year_start_month(db)
    )
