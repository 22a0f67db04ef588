"""The team goals board as a screen: one `Board` that the page, its JSON twin
(GET /api/v1/goals/team/{manager_id}) and its CSV and XLSX all render.

The JSON document is the board's plain data, unrounded, nested as the page shows it (teams,
their members and subtotals); the flat table is one row per person with their lead, their goal's
numbers and their share of the lead's team revenue.
"""

from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from pacesetter.domain.periods import PeriodKind
from pacesetter.goals.actor import Actor
from pacesetter.goals.board import Board, BoardGroup, BoardRow, Subtotal, team_board
from pacesetter.metrics.scorecard import GoalLine
from pacesetter.metrics.scorecard_export import GOAL_FIELDS
from pacesetter.store.context import Context
from pacesetter.store.screen_cache import cached_screen

FLAT_HEADER = ("name", "role", "lead", *GOAL_FIELDS, "team_revenue_share", "flagged")


@cached_screen("goals board")
def requested_board(
    session: Session,
    actor: Actor,
    ctx: Context,
    manager_id: int,
    period_name: str | None = None,
    as_of: date | None = None,
    *,
    metric: str = "revenue_won",
    sort: str = "name",
) -> Board:
    """The board as a page or the API asks for it: the named period (default: the quarter of
    the organisation's today), as of `as_of` (default: today clipped to it)."""
    period = ctx.period(period_name, PeriodKind.QUARTER)
    day = ctx.as_of(period, as_of)
    return team_board(session, actor, manager_id, period, day, metric=metric, sort=sort)


def board_document(board: Board) -> dict[str, Any]:
    """The board as JSON: who, when, which metric, the team's goal, and each team's rows."""
    personal = board.personal
    return {
        "manager_id": board.manager.id,
        "manager": board.manager.name,
        "period": board.period.name,
        "as_of": board.as_of.isoformat(),
        "metric": board.metric,
        "team": _line(board.team),
        "personal_share": {**asdict(personal), "share": personal.share},
        "subtotal": _subtotal(board.subtotal),
        "groups": [_group(board, group) for group in board.groups],
    }


def flat_rows(board: Board) -> list[list[Any]]:
    """One row per person on the board, in `FLAT_HEADER`'s columns."""
    return [
        [row.name, row.role, group.lead_name, *_cells(row.line), *_share(board, row)]
        for group in board.groups
        for row in group.rows
    ]


def _group(board: Board, group: BoardGroup) -> dict[str, Any]:
    rows = [_row(board, row) for row in group.rows]
    lead = {"lead_id": group.lead_id, "lead_name": group.lead_name}
    return {**lead, "subtotal": _subtotal(group.subtotal), "rows": rows}


def _row(board: Board, row: BoardRow) -> dict[str, Any]:
    share, flagged = _share(board, row)
    identity = {"person_id": row.person_id, "name": row.name, "role": row.role}
    return {**identity, "goal": _line(row.line), "team_revenue_share": share, "flagged": flagged}


def _share(board: Board, row: BoardRow) -> tuple[float | None, bool | None]:
    contribution = board.contributions.get(row.person_id)
    return (None, None) if contribution is None else (contribution.share, contribution.flagged)


def _line(line: GoalLine | None) -> dict[str, Any] | None:
    return None if line is None else line.as_dict()


def _cells(line: GoalLine | None) -> list[Any]:
    return [None if line is None else getattr(line, field) for field in GOAL_FIELDS]


def _subtotal(subtotal: Subtotal) -> dict[str, Any]:
    return {**asdict(subtotal), "on_pace_share": subtotal.on_pace_share}
