"""The scorecard page: every person the viewer may see, their metrics to date and their goals,
with period and as-of pickers, its JSON twin (GET /api/v1/scorecard) and CSV and XLSX downloads.

Page, JSON, CSV and XLSX render the one `requested_scorecard`; the files have the columns of
`pacesetter report scorecard --format csv` (one row per person, goals spread into columns).
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from pacesetter.domain.formatting import in_unit
from pacesetter.exports.xlsx import Column, xlsx_bytes
from pacesetter.http.deps import SessionDep, ViewerDep
from pacesetter.http.downloads import csv_response, xlsx_response
from pacesetter.http.queries import OrderQuery, PagingDep, ReportQuery, ReportQueryDep
from pacesetter.metrics.catalogue import ACTIVITY_METRICS, OUTCOME_METRICS, REGISTRY
from pacesetter.metrics.scorecard import Scorecard
from pacesetter.metrics.scorecard_export import flat_header, flat_rows
from pacesetter.metrics.scorecard_view import flat_units, requested_scorecard
from pacesetter.metrics.screen_order import scorecard_rows
from pacesetter.web.templating import render

router = APIRouter()


@router.get("/scorecard", response_class=HTMLResponse)
def scorecard_page(
    request: Request,
    viewer: ViewerDep,
    db: SessionDep,
    asked: ReportQueryDep,
    paging: PagingDep,
    order: OrderQuery = "attention",
) -> HTMLResponse:
    """Outcomes, activities and goals of everyone in the viewer's scope, a page of people at a
    time, the lowest pace first."""
    view = scorecard_of(db, asked)
    context = {
        "title": "Scorecard",
        "view": view,
        "paged": paging.of(scorecard_rows(view.rows, order)),
        "order": order,
        "groups": (("Outcomes", OUTCOME_METRICS), ("Activities", ACTIVITY_METRICS)),
        "show": in_unit,
        "units": {slug: metric.unit.value for slug, metric in REGISTRY.items()},
        "query": _query(view),
    }
    return render(request, "scorecard/page.html", context)


@router.get("/scorecard.csv")
def scorecard_csv(viewer: ViewerDep, db: SessionDep, asked: ReportQueryDep) -> Response:
    """The CLI's CSV: one row per person, each goal in columns goal.<scope>.<metric>.<field>."""
    view = scorecard_of(db, asked)
    return csv_response(flat_header(view), flat_rows(view), _file_name(view))


@router.get("/scorecard.xlsx")
def scorecard_xlsx(viewer: ViewerDep, db: SessionDep, asked: ReportQueryDep) -> Response:
    """The CSV's columns, each number in its unit's format."""
    view = scorecard_of(db, asked)
    columns = [Column(*pair) for pair in zip(flat_header(view), flat_units(view), strict=True)]
    return xlsx_response(xlsx_bytes("Scorecard", columns, flat_rows(view)), _file_name(view))


def scorecard_of(db: Session, asked: ReportQuery) -> Scorecard:
    return requested_scorecard(db, asked.ctx, asked.period, asked.as_of)


def _query(view: Scorecard) -> str:
    return f"period={view.period.name}&as_of={view.as_of.isoformat()}"


def _file_name(view: Scorecard) -> str:
    return f"scorecard-{view.period.name}-{view.as_of.isoformat()}"
