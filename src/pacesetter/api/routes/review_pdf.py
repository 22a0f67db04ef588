"""The review of a manager's team as a PDF with its charts, beside its JSON
(`GET /incentives/reviews/{manager_id}`): the same file the review page offers."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from pacesetter.exports.pdf import PDF_MEDIA_TYPE
from pacesetter.http.context import ContextDep
from pacesetter.http.deps import SessionDep
from pacesetter.http.downloads import pdf_response
from pacesetter.http.queries import PeriodQuery
from pacesetter.http.validation import IdPath
from pacesetter.incentives.review_pdf import requested_review_pdf

router = APIRouter(prefix="/incentives", tags=["incentives"])
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {PDF_MEDIA_TYPE: {}}, "description": "The review as a PDF file"},
    404: {"description": "No such person, or not in your scope"},
    422: {"description": "Refused: the period has not closed yet, or is not a period"},
}


@router.get("/reviews/{manager_id}/review.pdf", response_class=Response, responses=_RESPONSES)
def review_pdf(
    manager_id: IdPath, db: SessionDep, ctx: ContextDep, period: PeriodQuery = None
) -> Response:
    """The review of the manager's team for a closed period (default: the last month that has
    closed) as a PDF: goals hit and missed with an attainment chart, the activity-against-
    results quadrant as a scatter chart with QDQ, coaching held, forecast against actual and
    the manager's KPIs."""
    found = requested_review_pdf(db, ctx, manager_id, period)
    return pdf_response(found.body, found.file_name)
