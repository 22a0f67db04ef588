"""The leaderboard page /leaderboard?metric=&period=&as_of=&team=: the people of the viewer's
scope (or of one team in it) ranked by a catalogue metric, with attainment bars where they have
goals, movement since last week and the period's recognitions; CSV and XLSX of the same rows.

Built by `leaderboards.board.requested_leaderboard`, the same as GET /api/v1/leaderboard. A
team outside the viewer's scope answers 404, a metric the catalogue does not know 422.
"""

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from pacesetter.domain.formatting import in_unit
from pacesetter.exports.xlsx import Column, xlsx_bytes
from pacesetter.http.deps import OrgDep, SessionDep, ViewerDep
from pacesetter.http.downloads import csv_response, xlsx_response
from pacesetter.http.queries import PagingDep, TeamReportQueryDep
from pacesetter.leaderboards.board import (
    DEFAULT_METRIC,
    LeaderboardView,
    metric_choices,
    requested_leaderboard,
)
from pacesetter.leaderboards.board_page import board_page
from pacesetter.store.models import Person
from pacesetter.web.routes.quadrant import LEADER_ROLES
from pacesetter.web.templating import render

router = APIRouter()
FIELDS = ("rank", "name", "value", "attainment", "previous_rank", "movement")


def _board(
    viewer: ViewerDep, db: SessionDep, asked: TeamReportQueryDep, metric: str = DEFAULT_METRIC
) -> LeaderboardView:
    """The board the page and its downloads show, for a signed-in viewer."""
    at = (asked.period, asked.as_of, asked.team)
    return requested_leaderboard(db, asked.scope, asked.today, metric, *at)


BoardDep = Annotated[LeaderboardView, Depends(_board)]


@router.get("/leaderboard", response_class=HTMLResponse)
def leaderboard_page(
    request: Request,
    db: SessionDep,
    org: OrgDep,
    asked: TeamReportQueryDep,
    whole: BoardDep,
    paging: PagingDep,
) -> HTMLResponse:
    """A page of the ranked table with its bars and movement, and the latest recognitions
    beside it."""
    teams = select(Person.id, Person.name).where(Person.role.in_(LEADER_ROLES))
    paged = paging.of(whole.rows)
    view = board_page(whole, paged.rows)
    context = {
        "title": f"Leaderboard: {view.metric.label}",
        "view": view,
        "paged": paged,
        "recognitions_total": len(whole.recognitions),
        "query": query_of(view),
        "metrics": metric_choices(),
        "teams": db.execute(asked.scope.restrict(teams.order_by(Person.name), Person.id)).all(),
        "show": lambda value: in_unit(value, view.metric.unit.value, org.currency),
    }
    return render(request, "leaderboard/page.html", context)


@router.get("/leaderboard.csv")
def leaderboard_csv(view: BoardDep) -> Response:
    """The board's rows, unrounded (attainment as a fraction, null as an empty cell)."""
    return csv_response(FIELDS, cells(view), file_name(view))


@router.get("/leaderboard.xlsx")
def leaderboard_xlsx(view: BoardDep) -> Response:
    """The CSV's rows as a spreadsheet: the value in its metric's unit, attainment a percent."""
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
