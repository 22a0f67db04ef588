"""A rep's plan page: their activity plan against what they did per type, direction and quality
against plan, the QDQ score with its weakest dimension, and their QDQ and quadrant history.

The numbers are `metrics.rep_plan`, built from the same facts as the quadrant report. A person
outside the viewer's scope is not found, as everywhere.
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pacesetter.coaching.rep_page import rep_coaching
from pacesetter.domain.quadrant import ADVICE, Quadrant
from pacesetter.http.deps import OrgDep, ScopeDep, SessionDep, ViewerDep
from pacesetter.http.validation import AsOf, IdPath
from pacesetter.metrics.quadrant import requested_period
from pacesetter.metrics.rep_plan import rep_plan
from pacesetter.metrics.scorecard import default_as_of
from pacesetter.store.org_settings import today_in
from pacesetter.web.routes.coaching import TYPE_LABELS
from pacesetter.web.templating import render

router = APIRouter()


@router.get("/quadrant/people/{person_id}", response_class=HTMLResponse)
def rep_plan_page(
    request: Request,
    person_id: IdPath,
    viewer: ViewerDep,
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    period: str | None = None,
    as_of: AsOf = None,
) -> HTMLResponse:
    """Plan against actual for the period (default: this month) and the last six months."""
    person = scope.person(db, person_id)
    today = today_in(org.timezone)
    span = requested_period(db, today, period)
    plan = rep_plan(db, person, span, as_of or default_as_of(span, today))
    context = {
        "title": f"{person.name}: plan and quadrant",
        "person": person,
        "plan": plan,
        "titles": {quadrant.value: ADVICE[quadrant].short for quadrant in Quadrant},
        "advice": {quadrant.value: ADVICE[quadrant] for quadrant in Quadrant},
        "coaching": rep_coaching(db, scope, person, today),
        "labels": TYPE_LABELS,
    }
    return render(request, "quadrant/rep.html", context)
