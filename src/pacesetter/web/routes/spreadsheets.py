"""XLSX twins of the pages' CSV downloads: the same report, the same columns, through the one
XLSX writer (numbers as numbers with their units' formats, text never a formula).

Each is built exactly as its page and CSV build it (`requested_quadrant`,
`requested_manager_report`, the plans table's `plan_table`), so the spreadsheet, the CSV, the
page and the API agree.
"""

from fastapi import APIRouter
from fastapi.responses import Response

from pacesetter.exports.xlsx import Column, xlsx_bytes
from pacesetter.http.deps import OrgDep, ScopeDep, SessionDep, ViewerDep
from pacesetter.http.downloads import xlsx_response
from pacesetter.http.queries import ManagerReportQueryDep
from pacesetter.metrics.manager_report import CSV_FIELDS, KPI_GROUPS, PLAYER_COACH_FIELDS
from pacesetter.metrics.quadrant import ROW_FIELDS, SHARE_FIELDS
from pacesetter.web.routes.managers import managers_report_of
from pacesetter.web.routes.plans import CSV_COLUMNS as PLAN_COLUMNS
from pacesetter.web.routes.plans import plan_table
from pacesetter.web.routes.quadrant import quadrant_of

router = APIRouter()
# Each manager KPI's kind (share, count, months, rating) is its unit; player-coach values are
# shares.
MANAGER_UNITS = {
    **{column.key: column.kind for columns in KPI_GROUPS.values() for column in columns},
    **dict.fromkeys(PLAYER_COACH_FIELDS, "share"),
}


@router.get("/quadrant.xlsx")
def quadrant_xlsx(viewer: ViewerDep, db: SessionDep, asked: ManagerReportQueryDep) -> Response:
    """The quadrant table: the CSV's columns, paces and QDQ as percents."""
    view = quadrant_of(db, asked)
    # The paces and QDQ dimensions are all shares of what was expected.
    units = dict.fromkeys(SHARE_FIELDS, "share")
    columns = [Column("name"), *(Column(name, units.get(name)) for name in ROW_FIELDS)]
    rows = ([row.name, *(row.as_dict()[name] for name in ROW_FIELDS)] for row in view.rows)
    body = xlsx_bytes("Quadrant", columns, rows)
    return xlsx_response(body, f"quadrant-{view.period.name}-{view.as_of.isoformat()}")


@router.get("/managers.xlsx")
def managers_xlsx(viewer: ViewerDep, db: SessionDep, asked: ManagerReportQueryDep) -> Response:
    """The managers table: the CSV's columns, each KPI in its kind's format."""
    report = managers_report_of(db, asked)
    columns = [Column("name"), *(Column(name, MANAGER_UNITS.get(name)) for name in CSV_FIELDS)]
    rows = ([row.name, *row.csv_cells()] for row in report.rows)
    body = xlsx_bytes("Managers", columns, rows)
    return xlsx_response(body, f"managers-{report.period.name}-{report.as_of.isoformat()}")


@router.get("/plans.xlsx")
def plans_xlsx(
    viewer: ViewerDep, db: SessionDep, scope: ScopeDep, org: OrgDep, month: str | None = None
) -> Response:
    """The plans table in the `plans` import format, which the import reads back as XLSX too."""
    span, rows = plan_table(db, scope, org, month)
    columns = [Column(name, "plain" if name == "planned" else None) for name in PLAN_COLUMNS]
    body = xlsx_bytes("Plans", columns, rows)
    return xlsx_response(body, f"plans-{span.name}")
