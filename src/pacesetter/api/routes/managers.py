"""The manager report of the managers and directors the viewer may see: the JSON twin of the
page and of `pacesetter report manager`; and a manager's forecast, submitted as on the page.
A manager outside the viewer's scope answers 404."""

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, status

from pacesetter.domain.role_design import Advice, WhatIf
from pacesetter.domain.vocab import BusinessStage
from pacesetter.forecasts.service import submit_forecast
from pacesetter.http.deps import CurrentUser, OrgDep, ScopeDep, SessionDep
from pacesetter.http.queries import (
    BelowQuery,
    ManagerReportQueryDep,
    ManagersPagingDep,
    ReportQueryDep,
)
from pacesetter.http.validation import IdPath
from pacesetter.metrics.manager_report import (
    ATTENTION,
    SORTS,
    leading_row,
    requested_manager_report,
    sorted_rows,
)
from pacesetter.metrics.manager_what_if import manager_what_if
from pacesetter.schemas.managers import (
    ForecastIn,
    ForecastOut,
    ManagerRowOut,
    ManagersOut,
    RecommendationOut,
    SubmittedForecastOut,
    WhatIfOut,
)
from pacesetter.schemas.paging import PageOut

# No prefix: the forecasts live beside the managers without a router of their own.
router = APIRouter(tags=["managers"])

_NOT_FOUND: dict[int | str, dict[str, str]] = {
    404: {"description": "No such manager, or not in your scope"}
}
Sort = Annotated[
    str,
    Query(
        description="attention (the default: the most signals fired first, new ones breaking "
        "ties, then by name), name, or a KPI (the highest first, nulls last); with `manager`, "
        "that manager's row leads",
        pattern=f"^({'|'.join(SORTS)})$",
    ),
]


@router.get("/managers", response_model=ManagersOut, responses=_NOT_FOUND)
def managers(
    db: SessionDep,
    asked: ManagerReportQueryDep,
    paging: ManagersPagingDep,
    below: BelowQuery = "all",
    sort: Sort = ATTENTION,
) -> ManagersOut:
    """A page of the managers and directors you may see who were employed during the period
    (`paging` says where it sits; the CSV and XLSX downloads of /managers hold every row):
    their KPIs (team revenue, sales rhythm, capability growth), player-coach values, the
    signals that fired with their evidence, the role-design recommendation with its reasons,
    the forecasts of the four periods before (forecast, the team's actual, accuracy), the
    latest forecast for the period against the team's won revenue and open pipeline, and each
    signal's change since the previous period (new, persisting or cleared)."""
    at = (asked.period, asked.as_of, asked.team)
    direct = below == "direct"
    report = requested_manager_report(db, asked.scope, asked.today, *at, direct=direct)
    head = leading_row(asked.scope, asked.team, direct)
    paged = paging.of(sorted_rows(report.rows, sort, head))
    rows = [
        ManagerRowOut(
            **row.as_dict(),
            person_id=row.person_id,
            name=row.name,
            role=row.role,
            forecast_history=[ForecastOut(**asdict(past)) for past in row.forecast_history],
            forecast_rollup=asdict(row.forecast_rollup) if row.forecast_rollup else None,
            signal_changes=row.signal_changes,
        )
        for row in paged.rows
    ]
    previous = report.previous.name if report.previous else None
    return ManagersOut(
        period=report.period.name,
        previous_period=previous,
        as_of=report.as_of,
        paging=PageOut(**paged.as_dict()),
        rows=rows,
    )


_SUBMIT: dict[int | str, dict[str, str]] = {
    403: {"description": "Managers submit their own forecast (an admin may for them)"},
    404: {"description": "No such manager, or not in your scope"},
    422: {"description": "Not a manager or director, a bad period or amount: nothing written"},
}


@router.post(
    "/forecasts",
    response_model=SubmittedForecastOut,
    status_code=status.HTTP_201_CREATED,
    responses=_SUBMIT,
)
def submit(
    body: ForecastIn, db: SessionDep, scope: ScopeDep, user: CurrentUser, org: OrgDep
) -> SubmittedForecastOut:
    """Submit a forecast for a period (default: the current quarter), submitted now: the one
    that counts for forecast accuracy is the latest submitted by the period's midpoint."""
    made = submit_forecast(db, scope, user, body.manager_id, body.amount, body.period, org)
    return SubmittedForecastOut(
        id=made.id,
        manager_id=made.manager_id,
        period=made.period,
        amount=made.amount,
        submitted_at=made.submitted_at,
        submitted_on=made.submitted_on,
    )


@router.get("/managers/{manager_id}/what-if", response_model=WhatIfOut, responses=_NOT_FOUND)
def what_if(
    manager_id: IdPath,
    db: SessionDep,
    asked: ReportQueryDep,
    reps: Annotated[int | None, Query(ge=0, le=100_000, description="Direct reports")] = None,
    stage: BusinessStage | None = None,
    target_pct: Annotated[
        float | None, Query(ge=0, le=100, description="Personal target, % of the team's")
    ] = None,
) -> WhatIfOut:
    """The role-design recommendation now and if the team had `reps` direct reports, the
    business stage were `stage`, or the personal target were `target_pct`% of the team's
    (left out: as now), each with the reasons that decided it."""
    share = None if target_pct is None else target_pct / 100
    change = WhatIf(reps, stage.value if stage else None, share)
    at = (asked.period, asked.as_of)
    answer = manager_what_if(db, asked.scope, asked.today, manager_id, change, *at)
    return WhatIfOut(
        manager_id=answer.manager.id,
        period=answer.period.name,
        as_of=answer.as_of,
        direct_reports=answer.direct_reports,
        personal_target_share=answer.personal_target_share,
        now=_advice(answer.now),
        then=_advice(answer.then),
    )


def _advice(advice: Advice) -> RecommendationOut:
    return RecommendationOut(value=advice.value.value, reasons=advice.reasons)
