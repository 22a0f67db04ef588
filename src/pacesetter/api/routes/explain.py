"""The rows behind a figure: the JSON twin of the /explain page (metrics.explain). A person
outside your scope answers 404; an unknown metric 422."""

from typing import Annotated

from fastapi import APIRouter, Query

from pacesetter.http.deps import SessionDep
from pacesetter.http.queries import ReportQueryDep
from pacesetter.http.validation import MAX_ID
from pacesetter.metrics.explain import ExplainRequest, build_explain
from pacesetter.schemas.explain import ExplainOut

router = APIRouter(prefix="/explain", tags=["metrics"])

_NOT_FOUND: dict[int | str, dict[str, str]] = {
    404: {"description": "No such person, or not in your scope"}
}


@router.get("", response_model=ExplainOut, responses=_NOT_FOUND)
def explain(
    db: SessionDep,
    person: Annotated[int, Query(ge=1, le=MAX_ID, description="Whose figure")],
    metric: Annotated[str, Query(description="A catalogue metric, e.g. revenue_won")],
    report: ReportQueryDep,
    team: Annotated[bool, Query(description="The person's whole team, pooled")] = False,
    page: Annotated[int, Query(ge=1, le=MAX_ID, description="50 rows a page")] = 1,
) -> ExplainOut:
    """The figure, the catalogue's formula in words with the values put in, its pace against
    the approved goal of the same scope and period, and a page of the rows behind it (deals,
    activities, meetings, coaching records, goal targets), newest first, each with what it adds
    to each part of the figure."""
    asked = ExplainRequest(person, metric, report.period, report.as_of, team, page)
    view = build_explain(db, report.scope, report.today, asked)
    return ExplainOut(**view.as_dict())
