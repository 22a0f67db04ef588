"""A leaderboard of the people you may see: the JSON twin of the /leaderboard page. A team
outside your scope answers 404; a metric the catalogue does not know 422."""

from typing import Annotated

from fastapi import APIRouter, Query

from pacesetter.http.deps import SessionDep
from pacesetter.http.queries import TeamReportQueryDep
from pacesetter.leaderboards.board import DEFAULT_METRIC, requested_leaderboard
from pacesetter.schemas.leaderboard import LeaderboardOut

router = APIRouter(prefix="/leaderboard", tags=["metrics"])

_NOT_FOUND: dict[int | str, dict[str, str]] = {
    404: {"description": "No such team, or not in your scope"}
}


@router.get("", response_model=LeaderboardOut, responses=_NOT_FOUND)
def leaderboard(
    db: SessionDep,
    asked: TeamReportQueryDep,
    metric: Annotated[str, Query(description="A catalogue metric")] = DEFAULT_METRIC,
) -> LeaderboardOut:
    """The reps (the managers and directors, for a coaching count) employed during the period,
    ranked by the metric (ties share a rank, no value ranks last), each with the attainment of
    their approved goal on it, their rank 7 days earlier and the places gained; and the
    period's recognitions."""
    at = (asked.period, asked.as_of, asked.team)
    view = requested_leaderboard(db, asked.scope, asked.today, metric, *at)
    return LeaderboardOut(**view.as_dict())
