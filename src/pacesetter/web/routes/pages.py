"""The home page and a person's page: the same tree and numbers as `GET /api/v1/org/tree`."""

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pacesetter.coaching.recognitions import team_recognitions
from pacesetter.coaching.week import build_manager_week
from pacesetter.domain.periods import parse_period
from pacesetter.domain.vocab import Role
from pacesetter.http.deps import CurrentUser, ReportDep, ViewerDep
from pacesetter.http.validation import IdPath
from pacesetter.org.overview import build_overview
from pacesetter.org.people import manager_of, visible_subtree_ids
from pacesetter.schemas.org import Bar, Overview, TrendPoint
from pacesetter.store.org_settings import today_in
from pacesetter.web.templating import render

router = APIRouter()

HOME_TITLES = {
    Role.REP: "Your numbers",
    Role.MANAGER: "Your team",
    Role.DIRECTOR: "Your organisation",
    Role.ADMIN: "Everyone",
}


@router.get("/", response_class=HTMLResponse)
def home(request: Request, viewer: ViewerDep, user: CurrentUser, report: ReportDep) -> HTMLResponse:
    overview = build_overview(report.db, report.scope.people_ids(), report.org, report.as_of)
    title = HOME_TITLES[Role(viewer.role)]
    # The manager's week and the team's recognitions are about today, whatever the as-of date.
    today = today_in(report.org.timezone)
    leads = Role(viewer.role) in (Role.MANAGER, Role.DIRECTOR)
    coaching = {
        "week": build_manager_week(report.db, user, today) if leads else None,
        "recognitions": team_recognitions(report.db, user, today),
    }
    return _render_overview(request, "home.html", overview, title=title, **coaching)


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(
    request: Request, person_id: IdPath, viewer: ViewerDep, report: ReportDep
) -> HTMLResponse:
    db, scope = report.db, report.scope
    person = scope.person(db, person_id)
    team = visible_subtree_ids(db, scope, person.id)
    overview = build_overview(db, team, report.org, report.as_of)
    manager = manager_of(db, person)
    context = {
        "node": overview.roots[0],
        "manager": manager,
        "manager_visible": manager is not None and scope.sees(db, manager.id),
        "is_self": person.id == viewer.person_id,
    }
    return _render_overview(request, "person.html", overview, title=person.name, **context)


def _render_overview(
    request: Request, template: str, overview: Overview, **context: Any
) -> HTMLResponse:
    bars = _chart(overview, [b.label for b in overview.bars], overview.bars)
    months = [f"{parse_period(p.month).start:%b %Y}" for p in overview.trend]
    trend = _chart(overview, months, overview.trend)
    return render(
        request,
        template,
        {"overview": overview, "charts": {"bars": bars, "trend": trend}, **context},
    )


def _chart(
    overview: Overview, labels: list[str], points: Sequence[Bar | TrendPoint]
) -> dict[str, Any]:
    """The data a chart script reads from the page: no second request, no inline script."""
    values = [p.revenue_won for p in points]
    targets = [p.target for p in points]
    return {"labels": labels, "values": values, "targets": targets, "currency": overview.currency}
