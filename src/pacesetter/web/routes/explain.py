"""The page behind a figure: /explain?person=&metric=&period=&as_of=[&team=1][&page=N], the
formula in words with the values put in, the pace against the goal, and the rows behind it,
a page at a time; the whole list as CSV (the one CSV writer) or XLSX (the one XLSX writer).

Built by `metrics.explain.build_explain`, the same as GET /api/v1/explain. A person outside
the viewer's scope answers 404, an unknown metric 422.
"""

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from pacesetter.domain.formatting import in_unit
from pacesetter.exports.xlsx import Column, xlsx_bytes
from pacesetter.http.context import ContextDep
from pacesetter.http.deps import OrgDep, SessionDep, ViewerDep
from pacesetter.http.downloads import csv_response, xlsx_response
from pacesetter.http.queries import ReportQueryDep
from pacesetter.http.validation import MAX_ID
from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.metrics.drilldown import leaves
from pacesetter.metrics.explain import ExplainRequest, ExplainView, build_explain
from pacesetter.web.templating import render

router = APIRouter()
PersonQuery = Annotated[int, Query(ge=1, le=MAX_ID)]
PageQuery = Annotated[int, Query(ge=1, le=MAX_ID)]
ROW_FIELDS = ("source", "row_id", "day", "owner", "what", "account", "amount")


def _asked(
    person: PersonQuery,
    metric: str,
    report: ReportQueryDep,
    team: bool = False,
    page: PageQuery = 1,
) -> ExplainRequest:
    return ExplainRequest(person, metric, report.period, report.as_of, team, page)


# The figure asked for, and the request's who and when (the downloads ignore `page`).
AskedDep = Annotated[ExplainRequest, Depends(_asked)]


@router.get("/explain", response_class=HTMLResponse)
def explain_page(
    request: Request,
    viewer: ViewerDep,
    db: SessionDep,
    ctx: ContextDep,
    org: OrgDep,
    asked: AskedDep,
) -> HTMLResponse:
    """The figure, its formula in words, its pace, and a page of the rows behind it."""
    view = build_explain(db, ctx.scope, ctx.today, asked)
    context = {
        "title": f"{view.metric.label}: {view.name}",
        "view": view,
        "query": query_of(view),
        "parts": part_names(view),
        "labels": {slug: REGISTRY[slug].label for slug in part_names(view)},
        "units": {slug: REGISTRY[slug].unit.value for slug in part_names(view)},
        "show": lambda value, unit: in_unit(value, unit, org.currency),
    }
    return render(request, "explain/page.html", context)


@router.get("/explain.csv")
def explain_csv(viewer: ViewerDep, db: SessionDep, ctx: ContextDep, asked: AskedDep) -> Response:
    """Every row behind the figure, unrounded: what each adds to each part in its own column."""
    view = build_explain(db, ctx.scope, ctx.today, asked, every_row=True)
    return csv_response([*ROW_FIELDS, *part_names(view)], table(view), file_name(view))


@router.get("/explain.xlsx")
def explain_xlsx(viewer: ViewerDep, db: SessionDep, ctx: ContextDep, asked: AskedDep) -> Response:
    """The CSV's rows as a spreadsheet: amounts as money, parts in their metrics' units."""
    view = build_explain(db, ctx.scope, ctx.today, asked, every_row=True)
    units = {"amount": "money", "row_id": "count"}
    columns = [Column(name, units.get(name)) for name in ROW_FIELDS]
    columns += [Column(slug, REGISTRY[slug].unit.value) for slug in part_names(view)]
    return xlsx_response(xlsx_bytes("Rows", columns, table(view)), file_name(view))


def part_names(view: ExplainView) -> list[str]:
    """The figure's parts (its SQL aggregates and goal targets), in the catalogue's order."""
    return [m.slug for m in leaves(view.metric.slug)]


def table(view: ExplainView) -> Iterator[list[Any]]:
    names = part_names(view)
    for row in view.rows:
        described = [getattr(row, name) for name in ROW_FIELDS]
        yield described + [row.parts.get(slug) for slug in names]


def query_of(view: ExplainView) -> str:
    query = (
        f"person={view.person_id}&metric={view.metric.slug}"
        f"&period={view.period.name}&as_of={view.as_of.isoformat()}"
    )
    return f"{query}&team=1" if view.team else query


def file_name(view: ExplainView) -> str:
    scope = "team" if view.team else "person"
    return f"{view.metric.slug}-{scope}-{view.person_id}-{view.period.name}-{view.as_of}"
