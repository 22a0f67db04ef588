"""The activity vs results quadrant of the reps the viewer may see (the JSON twin of the page
and of `pacesetter report quadrant`), and one rep's plan against actual with their history (the
twin of the rep's plan page). A manager or rep outside the viewer's scope answers 404."""

from typing import Annotated

from fastapi import APIRouter, Query

from pacesetter.http.deps import SessionDep
from pacesetter.http.queries import ManagerReportQueryDep, OrderQuery, PagingDep, ReportQueryDep
from pacesetter.http.validation import IdPath
from pacesetter.metrics.quadrant import Placement, requested_period, requested_quadrant
from pacesetter.metrics.rep_plan import RepPlan, rep_plan
from pacesetter.metrics.scorecard import default_as_of
from pacesetter.metrics.screen_order import quadrant_rows
from pacesetter.schemas.paging import PageOut
from pacesetter.schemas.quadrant import (
    HistoryPointOut,
    PlacementOut,
    QuadrantOut,
    QuadrantRowOut,
    RepPlanOut,
    TypeLineOut,
)
from pacesetter.store.models import Person

router = APIRouter(prefix="/quadrant", tags=["coaching"])
HISTORY_MONTHS = 24

_NOT_FOUND: dict[int | str, dict[str, str]] = {
    404: {"description": "No such person, or not in your scope"}
}


@router.get("", response_model=QuadrantOut, responses=_NOT_FOUND)
def quadrant(
    db: SessionDep,
    asked: ManagerReportQueryDep,
    paging: PagingDep,
    order: OrderQuery = "attention",
) -> QuadrantOut:
    """A page of the reps you may see who were employed during the period (the lower of
    their two paces first unless `order=name`; `paging` says where it sits, and the CSV and
    XLSX downloads of /quadrant hold every rep): results and activity pace, the quadrant, the
    QDQ plan score, and the quadrant they ended the previous period in."""
    at = (asked.period, asked.as_of, asked.team)
    view = requested_quadrant(db, asked.scope, asked.today, *at)
    paged = paging.of(quadrant_rows(view.rows, order))
    rows = [
        QuadrantRowOut(
            **row.as_dict(),
            person_id=row.person_id,
            name=row.name,
            quality_observed=row.placement.quality_observed,
            previous_quadrant=row.previous_quadrant,
        )
        for row in paged.rows
    ]
    previous = view.period.previous().name
    return QuadrantOut(
        period=view.period.name,
        as_of=view.as_of,
        previous_period=previous,
        paging=PageOut(**paged.as_dict()),
        rows=rows,
    )


@router.get("/people/{person_id}", response_model=RepPlanOut, responses=_NOT_FOUND)
def person_plan(
    person_id: IdPath,
    db: SessionDep,
    asked: ReportQueryDep,
    months: Annotated[
        int, Query(ge=1, le=HISTORY_MONTHS, description="Months of history, up to the period")
    ] = 6,
) -> RepPlanOut:
    """A rep's plan against actual per activity type, direction and quality against plan, their
    placement for the period, and their placement in each of the last `months` months."""
    person = asked.scope.person(db, person_id)
    span = requested_period(db, asked.today, asked.period)
    plan = rep_plan(db, person, span, asked.as_of or default_as_of(span, asked.today), months)
    return _rep_plan_out(person, plan)


def _rep_plan_out(person: Person, plan: RepPlan) -> RepPlanOut:
    history = [
        HistoryPointOut(period=p.period.name, as_of=p.as_of, placement=_placement_out(p.placement))
        for p in plan.history
    ]
    return RepPlanOut(
        person_id=person.id,
        name=person.name,
        period=plan.period.name,
        as_of=plan.as_of,
        lines=[TypeLineOut(**vars(line), pace=line.pace) for line in plan.lines],
        direction_share=plan.direction_share,
        planned_direction=plan.planned_direction,
        planned_quality=plan.planned_quality,
        mean_rating=plan.mean_rating,
        placement=_placement_out(plan.placement),
        history=history,
    )


def _placement_out(placement: Placement) -> PlacementOut:
    return PlacementOut(**vars(placement))
