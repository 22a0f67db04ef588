"""The managers page: a director's managers side by side (KPI groups Team revenue, Sales rhythm
and Capability growth, sortable), a manager's own row, the signals that fired with their
evidence, and the role-design recommendation with its reasons.

The numbers are `metrics.manager_report.requested_manager_report`, the same as
GET /api/v1/managers and `pacesetter report manager`; the CSV download has the report's CSV
columns through the one CSV writer (formula-like text neutralised).
"""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Invalid
from pacesetter.domain.periods import PeriodKind
from pacesetter.domain.role_design import WhatIf
from pacesetter.domain.vocab import BusinessStage
from pacesetter.forecasts.service import submit_forecast
from pacesetter.http.context import ContextDep
from pacesetter.http.deps import CurrentUser, OrgDep, ScopeDep, SessionDep, ViewerDep
from pacesetter.http.downloads import csv_response
from pacesetter.http.queries import (
    MANAGERS_PER_PAGE,
    Below,
    BelowQuery,
    ManagerReportQueryDep,
    ManagersPagingDep,
    Paging,
    ReportQuery,
    ReportQueryDep,
)
from pacesetter.http.validation import MAX_ID, IdPath
from pacesetter.metrics.manager_report import (
    ATTENTION,
    CSV_FIELDS,
    KPI_GROUPS,
    ManagerReport,
    ManagerRow,
    kpi_trends,
    leading_row,
    requested_manager_report,
    sorted_rows,
)
from pacesetter.metrics.manager_what_if import manager_what_if
from pacesetter.metrics.managers.rhythm import SHARE_PARTS
from pacesetter.store.context import Context
from pacesetter.store.models import OrgSettings
from pacesetter.web.formatting import MISSING, format_number, format_percent
from pacesetter.web.templating import render

router = APIRouter()
RECOMMENDATIONS = {
    "leadership_only": "Leadership KPIs only",
    "limit_personal_target": "Limit the personal target to strategic accounts",
    "player_coach_ok": "Player-coach is fine",
}
# The KPIs that are catalogue metrics, shown row by row on /explain: (metric, of the team).
# The coaching counts are the manager's own records; team attainment's revenue is the team's.
EXPLAINED = {
    "team_attainment": ("revenue_won", True),
    "ride_alongs": ("ride_alongs", False),
    "pre_briefs": ("pre_briefs", False),
    "debriefs": ("debriefs", False),
    "team_meetings": ("team_meetings", False),
    "interviews": ("interviews", False),
}
# The KPIs whose parts the KPI functions return (`kpi:part`, `kpi:whole`), by name.
WORKED = {**SHARE_PARTS, "team_attainment": ("won", "target")}
TREND_EARLIER = 2  # with the previous period and P: a trend over four periods
# Evidence keys whose numbers are shares, shown as percentages.
SHARE_WORDS = ("share", "accuracy", "cadence", "rate", "threshold")
# Evidence keys whose numbers are amounts of money, shown in whole units.
AMOUNT_WORDS = ("revenue", "amount", "target")
IDENTITY = ("external_id", "email")


@router.get("/managers", response_class=HTMLResponse)
def managers_page(
    request: Request,
    viewer: ViewerDep,
    db: SessionDep,
    org: OrgDep,
    asked: ManagerReportQueryDep,
    paging: ManagersPagingDep,
    below: BelowQuery = "all",
    sort: str = ATTENTION,
) -> HTMLResponse:
    """The side-by-side table, then each manager's signals and recommendation: a page of
    managers at a time, those with the most signals first unless another order is asked;
    `below=direct` shows a team at a time (its manager and their direct reports)."""
    return _managers_page(request, db, org, asked, sort, paging, below)


def _managers_page(
    request: Request,
    db: Session,
    org: OrgSettings,
    asked: ReportQuery,
    sort: str,
    paging: Paging,
    below: Below = "all",
    typed: dict[str, Any] | None = None,
) -> HTMLResponse:
    """The page; after a refused forecast (`typed`: the card's manager, the period and amount
    as typed, and why), 422 with that card's form as it was typed."""
    report = managers_report_of(db, asked, direct=below == "direct")
    whole = _query(report, asked.team)
    query = f"{whole}&below=direct" if below == "direct" else whole
    trend = kpi_trends(db, report, TREND_EARLIER) if len(report.rows) == 1 else {}
    context = {
        "title": "Managers",
        "report": report,
        "paged": paging.of(sorted_rows(report.rows, sort, _head(asked, below))),
        "sort": sort,
        "groups": KPI_GROUPS,
        "query": query,
        "whole_query": whole,
        "below": below,
        "show": show_kpi,
        "evidence": describe_evidence,
        "recommendations": RECOMMENDATIONS,
        "stages": [each.value for each in BusinessStage],
        "trend": trend,
        "explain_link": explain_link,
        "worked": worked,
        "currency": org.currency,
        "typed": typed or {},
    }
    status = 422 if typed else 200
    return render(request, "managers/page.html", context, status_code=status)


@router.get("/managers.csv")
def managers_csv(viewer: ViewerDep, db: SessionDep, asked: ManagerReportQueryDep) -> Response:
    """The report as CSV: one row per manager, unrounded, null as an empty cell."""
    report = managers_report_of(db, asked)
    rows = ([row.name, *row.csv_cells()] for row in report.rows)
    name = f"managers-{report.period.name}-{report.as_of.isoformat()}"
    return csv_response(["name", *CSV_FIELDS], rows, name)


# A what-if field left blank keeps what is (a form without JS sends every field).
Reps = Annotated[str, Query(max_length=6, pattern=r"^\d{0,6}$")]
Percent = Annotated[str, Query(max_length=8, pattern=r"^(\d{1,3}(\.\d+)?)?$")]
StageField = Annotated[str, Query(pattern="^(|small|growing|established)$")]


@router.get("/managers/{manager_id}/what-if", response_class=HTMLResponse)
def what_if_page(
    request: Request,
    manager_id: IdPath,
    viewer: ViewerDep,
    db: SessionDep,
    asked: ReportQueryDep,
    reps: Reps = "",
    stage: StageField = "",
    target_pct: Percent = "",
) -> HTMLResponse:
    """The recommendation if the team had `reps` direct reports, the stage were `stage`, or the
    personal target were `target_pct`% of the team's; the managers card asks for it by HTMX."""
    change = WhatIf(int(reps) if reps else None, stage or None, _share(target_pct))
    answer = manager_what_if(
        db, asked.scope, asked.today, manager_id, change, asked.period, asked.as_of
    )
    context = {
        "title": f"What if: {answer.manager.name}",
        "answer": answer,
        "asked": {"reps": reps, "stage": stage, "target_pct": target_pct},
        "stages": [each.value for each in BusinessStage],
        "recommendations": RECOMMENDATIONS,
    }
    return render(request, "managers/what_if.html", context)


@router.post("/managers/forecasts", response_class=HTMLResponse, response_model=None)
def submit_forecast_form(
    request: Request,
    viewer: ViewerDep,
    db: SessionDep,
    scope: ScopeDep,
    user: CurrentUser,
    org: OrgDep,
    ctx: ContextDep,
    manager_id: Annotated[int, Form(ge=1, le=MAX_ID)],
    amount: Annotated[str, Form(max_length=40)],
    period: Annotated[str, Form(max_length=32)] = "",
) -> Response:
    """A manager's forecast from their card, submitted now; back to the card for its period.
    Refused, the managers page again (that manager's card, the period if it reads) with the
    form as typed and why; nothing written."""
    try:
        with db.begin_nested():
            made = submit_forecast(db, scope, user, manager_id, _amount(amount), period, org)
    except Invalid as refused:
        typed = {"manager_id": manager_id, "period": period, "amount": amount}
        asked = ReportQuery(ctx, _readable(ctx, period), None, manager_id)
        first = Paging(per_page=MANAGERS_PER_PAGE)  # the card's manager leads (`asked.team`)
        refused_form = typed | {"error": str(refused)}
        return _managers_page(request, db, org, asked, ATTENTION, first, typed=refused_form)
    where = f"/managers?period={made.period}&manager={made.manager_id}#forecast-{made.manager_id}"
    return RedirectResponse(where, status_code=303)


def _head(asked: ReportQuery, below: Below) -> int | None:
    return leading_row(asked.scope, asked.team, below == "direct")


def managers_report_of(db: Session, asked: ReportQuery, *, direct: bool = False) -> ManagerReport:
    """The report the page, its CSV and its XLSX show (the downloads: everyone below)."""
    at = (asked.period, asked.as_of, asked.team)
    return requested_manager_report(db, asked.scope, asked.today, *at, direct=direct)


def _readable(ctx: Context, period: str) -> str | None:
    """The period typed, if it names one (else the page's default)."""
    try:
        return ctx.period(period, PeriodKind.QUARTER).name if period else None
    except Invalid:
        return None


def _share(percent: str) -> float | None:
    """A personal target typed as a percent of the team's (blank: as now)."""
    if not percent:
        return None
    if float(percent) > 100:
        raise Invalid("A personal target is 0 to 100% of the team's.")
    return float(percent) / 100


def _amount(typed: str) -> float:
    """An amount as people type it: digits with thousands separators or spaces."""
    try:
        return float(typed.replace(",", "").replace(" ", ""))
    except ValueError:
        raise Invalid("A forecast is an amount, like 120000.") from None


def explain_link(report: ManagerReport, row: ManagerRow, key: str) -> str | None:
    """The /explain page of a KPI that is a catalogue metric, for P at d; None otherwise."""
    if key not in EXPLAINED:
        return None
    metric, team = EXPLAINED[key]
    query = f"person={row.person_id}&metric={metric}&{_query(report, None)}"
    return f"/explain?{query}&team=true" if team else f"/explain?{query}"


def worked(kpis: dict[str, Any], key: str, kind: str) -> str | None:
    """The formula with the values the KPI was computed from: "held 7 / due 9 = 78%"."""
    if key not in WORKED or f"{key}:part" not in kpis:
        return None
    top, bottom = kpis[f"{key}:part"], kpis[f"{key}:whole"]
    top_name, bottom_name = WORKED[key]
    text = f"{top_name} {format_number(top)} / {bottom_name} {format_number(bottom)}"
    return f"{text} = {show_kpi(kpis[key], kind)}"


def show_kpi(value: float | int | None, kind: str) -> str:
    """A KPI rounded for reading: shares as whole percents rounded down, the rest as numbers."""
    return format_percent(value) if kind == "share" else format_number(value)


def describe_evidence(evidence: dict[str, Any]) -> list[tuple[str, str | list[str]]]:
    """A signal's evidence as (label, text or list of texts) lines: people and deals by name."""
    return [(key.replace("_", " "), _described(key, value)) for key, value in evidence.items()]


def _described(key: str, value: Any) -> str | list[str]:
    if isinstance(value, list):
        return [_item(key, item) for item in value]
    return _scalar(key, value)


def _item(key: str, item: Any) -> str:
    """One entry of a list: a person, account or deal by name with its other fields (nested
    references by name too), or a plain value."""
    if isinstance(item, list):
        return ", ".join(_item(key, each) for each in item)
    if not isinstance(item, dict):
        return _scalar(key, item)
    label = item.get("name") or item.get("external_id") or ""
    rest = [
        f"{field.replace('_', ' ')} {_item(field, value)}"
        for field, value in item.items()
        if field not in (*IDENTITY, "name")
    ]
    return f"{label} ({'; '.join(rest)})" if rest else str(label)


def _scalar(key: str, value: Any) -> str:
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and any(word in key for word in SHARE_WORDS):
        return format_percent(value)
    if isinstance(value, float) and any(word in key for word in AMOUNT_WORDS):
        return f"{round(value):,}"
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def _query(report: ManagerReport, manager: int | None) -> str:
    query = f"period={report.period.name}&as_of={report.as_of.isoformat()}"
    return query if manager is None else f"{query}&manager={manager}"
