"""The quadrant page: each rep's activity pace against their results pace, the four regions in
a manager's words, the QDQ plan score, and where each rep stood at the end of last period.

The numbers are `metrics.quadrant.requested_quadrant`, the same as GET /api/v1/quadrant and
`pacesetter report quadrant`; the CSV download (the one CSV writer) has the report's columns.
"""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.quadrant import ADVICE, Quadrant
from pacesetter.domain.vocab import Role
from pacesetter.http.deps import SessionDep, ViewerDep
from pacesetter.http.downloads import csv_response
from pacesetter.http.queries import (
    ManagerReportQueryDep,
    OrderQuery,
    Paged,
    PagingDep,
    ReportQuery,
)
from pacesetter.metrics.quadrant import ROW_FIELDS, QuadrantRow, QuadrantView, requested_quadrant
from pacesetter.metrics.screen_order import quadrant_rows
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope
from pacesetter.web.templating import render

router = APIRouter()
LEADER_ROLES = (Role.MANAGER, Role.DIRECTOR)

# The regions as the chart lays them out: results up, activity across.
LAYOUT = (Quadrant.RESULTS_ONLY, Quadrant.ON_TRACK, Quadrant.OFF_TRACK, Quadrant.ACTIVITY_ONLY)


@router.get("/quadrant", response_class=HTMLResponse)
def quadrant_page(
    request: Request,
    viewer: ViewerDep,
    db: SessionDep,
    asked: ManagerReportQueryDep,
    paging: PagingDep,
    order: OrderQuery = "attention",
) -> HTMLResponse:
    """The four regions with what to do and how many reps are in each, then a page of reps
    (the furthest behind first) as dots and as the table; the CSV has every rep."""
    view = quadrant_of(db, asked)
    paged = paging.of(quadrant_rows(view.rows, order))
    context = {
        "title": "Activity vs results",
        "view": view,
        "paged": paged,
        "order": order,
        "chart": _chart(paged),
        "regions": [(q.value, ADVICE[q], _count(view, q)) for q in LAYOUT],
        "titles": {quadrant.value: ADVICE[quadrant].short for quadrant in Quadrant},
        "csv_query": _query(view, asked.team),
        "leaders": _leaders(db, asked.scope),
        "manager": asked.team,
    }
    return render(request, "quadrant/page.html", context)


@router.get("/quadrant.csv")
def quadrant_csv(viewer: ViewerDep, db: SessionDep, asked: ManagerReportQueryDep) -> Response:
    """The table as CSV: the report's columns, unrounded, null as an empty cell."""
    view = quadrant_of(db, asked)
    rows = [[row.name, *(row.as_dict()[field] for field in ROW_FIELDS)] for row in view.rows]
    name = f"quadrant-{view.period.name}-{view.as_of.isoformat()}"
    return csv_response(["name", *ROW_FIELDS], rows, name)


def quadrant_of(db: Session, asked: ReportQuery) -> QuadrantView:
    """The quadrant the page, its CSV and its XLSX show."""
    return requested_quadrant(db, asked.scope, asked.today, asked.period, asked.as_of, asked.team)


def _leaders(db: Session, scope: Scope) -> list[tuple[int, str]]:
    """The managers and directors the viewer may narrow the page to, by name."""
    statement = select(Person.id, Person.name).where(Person.role.in_(LEADER_ROLES))
    statement = statement.order_by(Person.name, Person.id)
    return [(row.id, row.name) for row in db.execute(scope.restrict(statement, Person.id))]


def _count(view: QuadrantView, quadrant: Quadrant) -> int:
    return sum(row.placement.quadrant == quadrant for row in view.rows)


def _query(view: QuadrantView, manager: int | None) -> str:
    query = f"period={view.period.name}&as_of={view.as_of.isoformat()}"
    return query if manager is None else f"{query}&manager={manager}"


def _chart(paged: Paged[QuadrantRow]) -> dict[str, Any]:
    """The dots the page's script draws: the page's placed reps, each linking to their page."""
    points = [
        {
            "x": row.placement.activity_pace,
            "y": row.placement.results_pace,
            "name": row.name,
            "href": f"/people/{row.person_id}",
            "quadrant": row.placement.quadrant,
        }
        for row in paged.rows
        if row.placement.quadrant is not None
    ]
    labels = {quadrant.value: ADVICE[quadrant].short for quadrant in Quadrant}
    return {"points": points, "labels": labels}
