"""The activity vs results quadrant of the reps the viewer may see: the JSON twin of the page
and of `pacesetter report quadrant`. A manager outside the viewer's scope answers 404."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from pacesetter.api.deps import OrgDep, ScopeDep, SessionDep
from pacesetter.api.schemas.quadrant import QuadrantOut, QuadrantRowOut
from pacesetter.api.services.orgsettings import org_today
from pacesetter.domain.periods import PeriodKind, parse_period, period_of
from pacesetter.metrics.quadrant import build_quadrant
from pacesetter.metrics.scorecard import default_as_of

router = APIRouter(prefix="/quadrant", tags=["coaching"])

_NOT_FOUND: dict[int | str, dict[str, str]] = {
    404: {"description": "No such manager, or not in your scope"}
}


@router.get("", response_model=QuadrantOut, responses=_NOT_FOUND)
def quadrant(
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    period: Annotated[str | None, Query(description="Default: the current month")] = None,
    as_of: Annotated[date | None, Query(description="Default: today, within the period")] = None,
    manager: Annotated[int | None, Query(description="Only the reps below this manager")] = None,
) -> QuadrantOut:
    """Every rep you may see who was employed during the period: results and activity pace,
    the quadrant, the QDQ plan score, and the quadrant they ended the previous period in."""
    today = org_today(org)
    fiscal = org.fiscal_year_start_month
    span = parse_period(period, fiscal) if period else period_of(today, PeriodKind.MONTH, fiscal)
    manager_id = scope.person(db, manager).id if manager is not None else None
    day = as_of or default_as_of(span, today)
    view = build_quadrant(db, scope, span, day, manager_id, with_previous=True)
    rows = [
        QuadrantRowOut(
            **row.as_dict(),
            person_id=row.person_id,
            name=row.name,
            quality_observed=row.placement.quality_observed,
            previous_quadrant=row.previous_quadrant,
        )
        for row in view.rows
    ]
    previous = span.previous().name
    return QuadrantOut(period=span.name, as_of=day, previous_period=previous, rows=rows)
