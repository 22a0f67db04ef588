"""GET /api/v1/tv?key=TOKEN: the JSON twin of the TV view (/tv), public like it: the board a
live link names and nothing else (no ids; names only if the link shows them). An unknown or
revoked key answers 404, as the page does."""

from typing import Annotated

from fastapi import APIRouter, Query

from pacesetter.http.deps import OrgDep, SessionDep
from pacesetter.leaderboards.board import LeaderboardView
from pacesetter.leaderboards.tv import MAX_TOKEN_LENGTH, link_for, tv_board
from pacesetter.schemas.leaderboard import TvBoardOut, TvRecognitionOut, TvRowOut
from pacesetter.store.org_settings import today_in

router = APIRouter(prefix="/tv", tags=["metrics"])


@router.get("", response_model=TvBoardOut, responses={404: {"description": "No such live TV link"}})
def tv(
    db: SessionDep,
    org: OrgDep,
    key: Annotated[str, Query(max_length=MAX_TOKEN_LENGTH, description="The link's key")] = "",
) -> TvBoardOut:
    """The link's leaderboard for the current week, month or quarter at today, with the
    period's recognitions; no sign-in (the key is the permission)."""
    link = link_for(db, key)
    view = tv_board(db, link, today_in(org.timezone))
    return tv_board_out(link.label, view, link.show_names)


def tv_board_out(label: str, view: LeaderboardView, names: bool) -> TvBoardOut:
    """The screen's board as the page renders it (`leaderboard/tv.html`): names only where
    the link shows them."""
    rows = [
        TvRowOut(
            rank=row.rank,
            name=row.name if names else None,
            value=row.value,
            attainment=row.attainment,
            previous_rank=row.previous_rank,
            movement=row.movement,
        )
        for row in view.rows
    ]
    praised = [
        TvRecognitionOut(
            day=r.day,
            name=r.name if names else None,
            award=r.award,
            reason=r.reason if names else None,
        )
        for r in view.recognitions
    ]
    return TvBoardOut(
        label=label,
        metric=view.metric.slug,
        metric_label=view.metric.label,
        unit=view.metric.unit.value,
        period=view.period.name,
        as_of=view.as_of,
        team_name=view.team_name if names else None,
        rows=rows,
        recognitions=praised,
    )
