"""Coaching records: the scoped list, one record, recording one (each type its own fields),
what a 1:1 opens with, and upward feedback as an average.

A form the service refuses answers 422 with every refused field: `{"detail", "problems":
{field: reason}}`, and nothing is written.
"""

from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse

from pacesetter.coaching import queries, service
from pacesetter.coaching.lists import load_lists, set_list
from pacesetter.coaching.timeline import build_timeline
from pacesetter.coaching.views import one_on_one_review, record_view
from pacesetter.domain.periods import parse_period
from pacesetter.domain.vocab import CoachingType
from pacesetter.http.deps import CurrentUser, OrgDep, ScopeDep, SessionDep
from pacesetter.http.queries import MonthQuery, RequiredPeriodQuery
from pacesetter.http.validation import MAX_ID, AsOf, IdPath, IdQuery, Offset
from pacesetter.schemas.coaching import (
    CoachingIn,
    CoachingOut,
    CoachingPage,
    CoachingTimelineOut,
    FeedbackOut,
    ListIn,
    ListsOut,
    ReviewOut,
    feedback_out,
    review_out,
)
from pacesetter.store.models import CoachingRecord, Person
from pacesetter.store.org_settings import today_in
from pacesetter.store.scope import Scope

router = APIRouter(prefix="/coaching", tags=["coaching"])

_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {"description": "You may not write this record about this person"},
    404: {"description": "No such record or person, or not in your scope"},
    422: {"description": "Refused: `problems` names every refused field"},
}


@router.get("", response_model=CoachingPage)
def records(
    db: SessionDep,
    scope: ScopeDep,
    person_id: IdQuery = None,
    type: CoachingType | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Offset = 0,
) -> CoachingPage:
    """The coaching records you may read, newest first."""
    wanted = queries.RecordFilter(person_id, type.value if type else None, limit, offset)
    total, page = queries.list_records(db, scope, wanted)
    items = [_out(scope, record) for record in page]
    return CoachingPage(total=total, limit=limit, offset=offset, items=items)


@router.post(
    "", response_model=CoachingOut, status_code=status.HTTP_201_CREATED, responses=_RESPONSES
)
def record(
    body: CoachingIn, db: SessionDep, user: CurrentUser, org: OrgDep
) -> CoachingOut | JSONResponse:
    """Record a 1:1, check-in, ride-along...; a 1:1's commitments become next month's plan."""
    return _saved_or_refused(
        user, lambda: service.record_coaching(db, user, body.as_form(), zone=org.timezone)
    )


@router.get("/lists", response_model=ListsOut)
def coaching_lists(db: SessionDep) -> ListsOut:
    """The lists the forms offer: skills, pre-brief "what ifs", debrief checklist, awards."""
    return ListsOut(**asdict(load_lists(db)))


@router.put("/lists/{name}", response_model=ListIn, responses=_RESPONSES)
def change_list(name: str, body: ListIn, db: SessionDep, user: CurrentUser) -> ListIn:
    """Replace one list (admins only): 1 to 30 items of up to 100 characters, each once."""
    return ListIn(items=list(set_list(db, user, name, body.items)))


@router.put("/{record_id}", response_model=CoachingOut, responses=_RESPONSES)
def change(
    record_id: IdPath, body: CoachingIn, db: SessionDep, user: CurrentUser, org: OrgDep
) -> CoachingOut | JSONResponse:
    """Correct or complete a record you wrote (all its fields, as when recording it)."""
    form = body.as_form()
    return _saved_or_refused(
        user, lambda: service.update_coaching(db, user, record_id, form, zone=org.timezone)
    )


@router.get("/people/{person_id}", response_model=CoachingTimelineOut, responses=_RESPONSES)
def timeline(person_id: IdPath, db: SessionDep, user: CurrentUser) -> CoachingTimelineOut:
    """The JSON twin of a person's coaching page: the latest 50 records about them you may
    read, newest first (private notes as on `GET /coaching/{record_id}`)."""
    shown = build_timeline(db, user, person_id)
    scope = Scope.of(user)
    return CoachingTimelineOut(
        person_id=shown.person.id,
        name=shown.person.name,
        total=shown.total,
        records=[_out(scope, record) for record in shown.records],
        names=shown.names,
        writes=shown.writes,
        rates_manager_id=shown.rates_manager,
    )


@router.get("/one-on-one/review", response_model=ReviewOut, responses=_RESPONSES)
def review(
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    person_id: Annotated[int, Query(ge=1, le=MAX_ID)],
    on: AsOf = None,
    month: MonthQuery = None,
) -> ReviewOut:
    """What a 1:1 on `on` (default today) opens with: `month` (default the one before) against
    its plan, and the last 1:1's commitments."""
    return review_out(one_on_one_review(db, scope, person_id, on or today_in(org.timezone), month))


@router.get("/upward-feedback/{manager_id}", response_model=FeedbackOut, responses=_RESPONSES)
def feedback(
    manager_id: IdPath, period: RequiredPeriodQuery, db: SessionDep, scope: ScopeDep
) -> FeedbackOut:
    """How a manager's reps rate them in the period: an average of at least 3 answers, never
    one answer or who gave it."""
    span = parse_period(period)
    return feedback_out(manager_id, span.name, queries.upward_feedback(db, scope, manager_id, span))


@router.get("/{record_id}", response_model=CoachingOut, responses=_RESPONSES)
def one_record(record_id: IdPath, db: SessionDep, scope: ScopeDep) -> CoachingOut:
    """One record you may read (private notes left out when it is about you)."""
    return _out(scope, queries.get_record(db, scope, record_id))


def _out(scope: Scope, saved: CoachingRecord) -> CoachingOut:
    return CoachingOut(**record_view(scope, saved))


def _saved_or_refused(
    user: Person, save: Callable[[], CoachingRecord]
) -> CoachingOut | JSONResponse:
    """The saved record, or 422 with every refused field (nothing was written)."""
    try:
        saved = save()
    except service.CoachingFormError as refused:
        return JSONResponse(
            {"detail": str(refused), "problems": refused.problems},
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )
    return _out(Scope.of(user), saved)
