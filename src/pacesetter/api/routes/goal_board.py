"""GET /api/v1/goals/team/{manager_id}: the JSON twin of the team goals board page, the same
`requested_board` unrounded. A manager outside the viewer's scope answers 404."""

from dataclasses import replace
from typing import Any

from fastapi import APIRouter

from pacesetter.goals.actor import Actor, Channel
from pacesetter.goals.board_document import board_document, requested_board
from pacesetter.goals.board_order import ordered_teams
from pacesetter.http.deps import CurrentUser, SessionDep
from pacesetter.http.queries import OrderQuery, ReportQueryDep, TeamsPagingDep
from pacesetter.http.validation import IdPath

router = APIRouter(prefix="/goals", tags=["goals"])


@router.get(
    "/team/{manager_id}", responses={404: {"description": "No such manager, or not in your scope"}}
)
def team_goals_board(
    manager_id: IdPath,
    db: SessionDep,
    user: CurrentUser,
    asked: ReportQueryDep,
    paging: TeamsPagingDep,
    metric: str = "revenue_won",
    sort: str = "name",
    order: OrderQuery = "attention",
) -> dict[str, Any]:
    """Attainment and pace on one metric for a team (`team`, `subtotal`: the whole board),
    then a page of its teams (`groups`: the smallest share of reps on pace first unless
    `order=name`; `paging` counts teams) with everyone in them, subtotals and reps on pace,
    and each member's share of their lead's team revenue (default period: the current
    quarter). The board's CSV and XLSX downloads hold every team."""
    actor = Actor.of(user, Channel.API)
    at = (asked.period, asked.as_of)
    board = requested_board(db, actor, asked.ctx, manager_id, *at, metric=metric, sort=sort)
    paged = paging.of(ordered_teams(board.groups, order))
    return board_document(replace(board, groups=paged.rows)) | {"paging": paged.as_dict()}
