"""GET /api/v1/scorecard: the JSON twin of the scorecard page, exactly the document
`pacesetter report scorecard --format json` prints, for the people the viewer may see."""

from typing import Any

from fastapi import APIRouter

from pacesetter.http.deps import SessionDep
from pacesetter.http.queries import ReportQueryDep
from pacesetter.metrics.scorecard_view import requested_scorecard

router = APIRouter(prefix="/scorecard", tags=["goals"])


@router.get("")
def scorecard(db: SessionDep, asked: ReportQueryDep) -> dict[str, Any]:
    """Every rep, manager and director you may see employed during the period: their own
    metrics to date and their approved goals with target, actual, attainment, pace,
    projection and hybrid credit (unrounded; the CLI's JSON document)."""
    return requested_scorecard(db, asked.ctx, asked.period, asked.as_of).as_dict()
