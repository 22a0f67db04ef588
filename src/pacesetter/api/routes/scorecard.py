"""GET /api/v1/scorecard: the JSON twin of the scorecard page, exactly the document
`pacesetter report scorecard --format json` prints, for the people the viewer may see."""

from typing import Any

from fastapi import APIRouter

from pacesetter.http.deps import SessionDep
from pacesetter.http.queries import OrderQuery, PagingDep, ReportQueryDep
from pacesetter.metrics.scorecard_view import requested_scorecard
from pacesetter.metrics.screen_order import scorecard_rows

router = APIRouter(prefix="/scorecard", tags=["goals"])


@router.get("")
def scorecard(
    db: SessionDep, asked: ReportQueryDep, paging: PagingDep, order: OrderQuery = "attention"
) -> dict[str, Any]:
    """A page of the reps, managers and directors you may see employed during the period
    (the lowest pace of their goals first unless `order=name`): their own metrics to date and
    their approved goals with target, actual, attainment, pace, projection and hybrid credit
    (unrounded; the CLI's JSON document, its `rows` cut to the page, and `paging`: total,
    page, per_page, pages, first, last). The CSV and XLSX downloads of /scorecard hold every
    row."""
    view = requested_scorecard(db, asked.ctx, asked.period, asked.as_of)
    paged = paging.of(scorecard_rows(view.rows, order))
    rows = [row.as_dict() for row in paged.rows]
    return view.as_dict() | {"rows": rows, "paging": paged.as_dict()}
