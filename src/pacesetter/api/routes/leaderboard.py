"""A leaderboard of the people you may see: the JSON twin of the /leaderboard page. A team
outside your scope answers 404; a metric the catalogue does not know 422."""

from typing import Annotated

from fastapi import APIRouter, Query

from pacesetter.http.deps import SessionDep
from pacesetter.http.queries import PagingDep, TeamReportQueryDep
from pacesetter.leaderboards.board import DEFAULT_METRIC, requested_leaderboard
from pacesetter.leaderboards.board_page import board_page
from pacesetter.schemas.leaderboard import LeaderboardOut
from pacesetter.schemas.paging import PageOut

router = APIRouter(prefix="/leaderboard", tags=["metrics"])

_NOT_FOUND: dict[int | str, dict[str, str]] = {
    404: {"description": "No such team, or not in your scope"}
}


@router.get("", response_model=LeaderboardOut, responses=_NOT_FOUND)
def leaderboard(
    db: SessionDep,
    asked: TeamReportQueryDep,
    paging: PagingDep,
    metric: Annotated[str, Query(description="A catalogue metric")] = DEFAULT_METRIC,
) -> LeaderboardOut:
    """A page of the reps (the managers and directors, for a coaching count) employed during
    the period, ranked by the metric (ties share a rank, no value ranks last; `paging` says
    where the page sits, and the CSV and XLSX downloads of /leaderboard hold every row), each
    with the attainment of their approved goal on it, their rank 7 days earlier and the
    places gained; and the period's latest recognitions (20, the latest first;
    `recognitions_total`: how many in all)."""
    at = (asked.period, asked.as_of, asked.team)
    whole = requested_leaderboard(db, asked.scope, asked.today, metric, *at)
    paged = paging.of(whole.rows)
    return LeaderboardOut(
        **board_page(whole, paged.rows).as_dict(),
        paging=PageOut(**paged.as_dict()),
        recognitions_total=len(whole.recognitions),
    )
