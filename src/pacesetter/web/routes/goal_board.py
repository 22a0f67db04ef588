"""The team goals board's downloads: CSV (the one CSV writer) and XLSX (the one XLSX writer),
one row per person, built by `requested_board` exactly as the page and its JSON twin are."""

from fastapi import APIRouter
from fastapi.responses import Response

from pacesetter.exports.xlsx import Column, xlsx_bytes
from pacesetter.goals.board import Board
from pacesetter.goals.board_document import FLAT_HEADER, flat_rows
from pacesetter.goals.presenting import unit_of
from pacesetter.http.downloads import csv_response, xlsx_response
from pacesetter.http.queries import ReportQueryDep
from pacesetter.http.validation import IdPath
from pacesetter.web.routes.goals import PageDep, board_of

router = APIRouter(prefix="/goals/team/{manager_id}")
_SHARES = frozenset({"attainment", "pace", "hybrid_credit", "team_revenue_share"})
_IN_METRIC_UNIT = frozenset({"target", "actual", "projection"})


@router.get("/board.csv")
def board_csv(
    page: PageDep, manager_id: IdPath, asked: ReportQueryDep, metric: str = "revenue_won"
) -> Response:
    """The board as CSV: unrounded, null as an empty cell."""
    board = board_of(page.db, page.actor, manager_id, asked, metric=metric)
    return csv_response(FLAT_HEADER, flat_rows(board), _file_name(board))


@router.get("/board.xlsx")
def board_xlsx(
    page: PageDep, manager_id: IdPath, asked: ReportQueryDep, metric: str = "revenue_won"
) -> Response:
    """The CSV's columns, each number in its unit's format."""
    board = board_of(page.db, page.actor, manager_id, asked, metric=metric)
    columns = [Column(name, _unit(name, board.metric)) for name in FLAT_HEADER]
    return xlsx_response(xlsx_bytes("Team goals", columns, flat_rows(board)), _file_name(board))


def _unit(column: str, metric: str) -> str | None:
    if column in _SHARES:
        return "share"
    return unit_of(metric) if column in _IN_METRIC_UNIT else None


def _file_name(board: Board) -> str:
    return f"team-goals-{board.manager.id}-{board.period.name}-{board.as_of.isoformat()}"
