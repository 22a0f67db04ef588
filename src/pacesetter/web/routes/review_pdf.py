"""The review page's download: the manager's review of a closed period (by default the last
month that closed) as a PDF with its charts (incentives/review_pdf.py). Scoped like the page:
a team outside the viewer's scope is not found; an open period is refused (422)."""

from fastapi import APIRouter
from fastapi.responses import Response

from pacesetter.http.context import ContextDep
from pacesetter.http.deps import SessionDep, ViewerDep
from pacesetter.http.downloads import pdf_response
from pacesetter.http.validation import IdPath
from pacesetter.incentives.review_pdf import requested_review_pdf

router = APIRouter()


@router.get("/review/team/{manager_id}/review.pdf")
def review_pdf(
    manager_id: IdPath,
    viewer: ViewerDep,
    db: SessionDep,
    ctx: ContextDep,
    period: str | None = None,
) -> Response:
    """The review as the PDF a manager keeps or sends on."""
    found = requested_review_pdf(db, ctx, manager_id, period)
    return pdf_response(found.body, found.file_name)
