"""The leaderboard page /leaderboard?metric=&period=&as_of=&team=: the people of the viewer's
scope (or of one team in it) ranked by a catalogue metric, with attainment bars where they have
goals, movement since last week and the period's recognitions; CSV and XLSX of the same rows.

Built by `leaderboards.board.requested_leaderboard`, the same as GET /api/v1/leaderboard. A
team outside the viewer's scope answers 404, a metric the catalogue does not know 422.
"""

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from pacesetter.domain.formatting import in_unit
from pacesetter.exports.xlsx import Column, xlsx_bytes
from pacesetter.http.deps import OrgDep, ScopeDep, SessionDep, ViewerDep
from pacesetter.http.downloads import csv_response, xlsx_response
from pacesetter.http.validation import AsOf
from pacesetter.leaderboards.board import (
    DEFAULT_METRIC,
    LeaderboardView,
    metric_choices,
    requested_leaderboard,
)
from pacesetter.store.models import Person
from pacesetter.store.org_settings import today_in
from pacesetter.web.routes.quadrant import LEADER_ROLES, TeamQuery
from pacesetter.web.templating import render

router = APIRouter()
FIELDS = ("rank", "name", "value", "attainment", "previous_rank", "movement")


@router.get("/leaderboard", response_class=HTMLResponse)
def leaderboard_page(
    request: Request,
    viewer: ViewerDep,
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    metric: str = DEFAULT_METRIC,
    period: str | None = None,
    as_of: AsOf = None,
    team: TeamQuery = None,
) -> HTMLResponse:
    """The ranked table with its bars and movement, and the recognitions beside it."""
    view = requested_leaderboard(db, scope, today_in(org.timezone), metric, period, as_of, team)
    teams = select(Person.id, Person.name).where(Person.role.in_(LEADER_ROLES))
    context = {
        "title": f"Leaderboard: {view.metric.label}",
        "view": view,
        "query": query_of(view),
        "metrics": metric_choices(),
        "teams": db.execute(scope.restrict(teams.order_by(Person.name), Person.id)).all(),
        "show": lambda value: in_unit(value, view.metric.unit.value, org.currency),
    }
    return render(request, "leaderboard/page.html", context)


@router.get("/leaderboard.csv")
def leaderboard_csv(
    viewer: ViewerDep,
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    metric: str = DEFAULT_METRIC,
    period: str | None = None,
    as_of: AsOf = None,
    team: TeamQuery = None,
) -> Response:
    """The board's rows, unrounded (attainment as a fraction, null as an empty cell)."""
    view = requested_leaderboard(db, scope, today_in(org.timezone), metric, period, as_of, team)
    return csv_response(FIELDS, cells(view), file_name(view))


@router.get("/leaderboard.xlsx")
def leaderboard_xlsx(
    viewer: ViewerDep,
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    metric: str = DEFAULT_METRIC,
    period: str | None = None,
    as_of: AsOf = None,
    team: TeamQuery = None,
) -> Response:
    """The CSV's rows as a spreadsheet: the value in its metric's unit, attainment a percent."""
    view = requested_leaderboard(db, scope, today_in(org.timezone), metric, period, as_of, team)
    units = {"value": view.metric.unit.value, "attainment": "share"}
    columns = [Column(name, units.get(name, "count")) for name in FIELDS]
    columns[1] = Column("name")
    return xlsx_response(xlsx_bytes("Leaderboard", columns, cells(view)), file_name(view))


def cells(view: LeaderboardView) -> Iterator[list[Any]]:
    for row in view.rows:
        found = vars(row) | {"movement": row.movement}
        yield [found[name] for name in FIELDS]


def query_of(view: LeaderboardView) -> str:
    query = f"metric={view.metric.slug}&period={view.period.name}&as_of={view.as_of}"
    return query if view.team_id is None else f"{query}&team={view.team_id}"


def file_name(view: LeaderboardView) -> str:
    return f"leaderboard-{view.metric.slug}-{view.period.name}-{view.as_of}"
