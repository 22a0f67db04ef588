"""The activity vs results quadrant of the reps the viewer may see: the JSON twin of the page
and of `pacesetter report quadrant`. A manager outside the viewer's scope answers 404."""

from typing import Annotated

from fastapi import APIRouter, Query

from pacesetter.api.deps import OrgDep, ScopeDep, SessionDep
from pacesetter.api.schemas.quadrant import QuadrantOut, QuadrantRowOut
from pacesetter.api.services.orgsettings import org_today
from pacesetter.api.validation import MAX_ID, AsOf
from pacesetter.metrics.quadrant import requested_quadrant

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
    as_of: AsOf = None,
    manager: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Only the reps below this manager")
    ] = None,
) -> QuadrantOut:
    """Every rep you may see who was employed during the period: results and activity pace,
    the quadrant, the QDQ plan score, and the quadrant they ended the previous period in."""
    view = requested_quadrant(db, scope, org_today(org), period, as_of, manager)
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
    previous = view.period.previous().name
    return QuadrantOut(
        period=view.period.name, as_of=view.as_of, previous_period=previous, rows=rows
    )
