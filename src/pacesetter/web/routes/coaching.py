"""The coaching pages: the records you may read, a person's coaching timeline, one record, and
a form per type of record (the 1:1 opens with last month against plan and the last 1:1's
commitments).

Every page reads through the coaching service and views, as the API does. A form the service
refuses comes back with every refused field and writes nothing: the save runs in a savepoint
that is rolled back on refusal, whatever it had flushed.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.coaching import forms, queries
from pacesetter.coaching.fields import form_from_fields
from pacesetter.coaching.forms import CoachingForm, Problems
from pacesetter.coaching.lists import NAMES, load_lists, set_list
from pacesetter.coaching.service import (
    CoachingFormError,
    form_of,
    record_coaching,
    update_coaching,
)
from pacesetter.coaching.timeline import PAGE_SIZE, build_timeline, names_of
from pacesetter.coaching.views import Review, one_on_one_review, record_view
from pacesetter.domain.errors import Forbidden, Invalid, NotFound
from pacesetter.domain.periods import PeriodKind, period_of
from pacesetter.domain.plan_lines import LINES
from pacesetter.domain.vocab import COACHING_WITHOUT_SUBJECT, CoachingType, Role
from pacesetter.http.deps import CurrentUser, OrgDep, SessionDep, ViewerDep
from pacesetter.http.validation import IdPath, IdQuery, Offset
from pacesetter.store.models import Account, CoachingRecord, Deal, OrgSettings, Person, PlanLine
from pacesetter.store.org_settings import today_in
from pacesetter.store.scope import MIN_FEEDBACK_ANSWERS, Scope
from pacesetter.web.templating import render

router = APIRouter(prefix="/coaching")
TYPE_LABELS = {
    CoachingType.ONE_ON_ONE: "1:1",
    CoachingType.CHECK_IN: "Check-in",
    CoachingType.RIDE_ALONG: "Ride-along",
    CoachingType.SHADOWING: "Shadowing",
    CoachingType.PRE_BRIEF: "Pre-brief",
    CoachingType.DEBRIEF: "Debrief",
    CoachingType.TEAM_MEETING: "Team meeting",
    CoachingType.INTERVIEW: "Interview",
    CoachingType.IMPROVEMENT_PLAN: "Improvement plan",
    CoachingType.RECOGNITION: "Recognition",
    CoachingType.UPWARD_FEEDBACK: "Upward feedback",
    CoachingType.CUSTOMER_EXPERIENCE: "Customer experience",
}
# What a manager records about a report, in the order the person page offers them.
ABOUT_A_REPORT = tuple(
    kind
    for kind in CoachingType
    if kind not in COACHING_WITHOUT_SUBJECT and kind is not CoachingType.UPWARD_FEEDBACK
)


@dataclass(frozen=True)
class Page:
    request: Request
    db: Session
    user: Person
    org: OrgSettings

    @property
    def scope(self) -> Scope:
        return Scope.of(self.user)

    def render(
        self, template: str, title: str, context: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        full = {"title": title, "labels": TYPE_LABELS, "plain": _plain, **context}
        return render(self.request, template, full, status_code=status)


def _page(
    request: Request, viewer: ViewerDep, db: SessionDep, user: CurrentUser, org: OrgDep
) -> Page:
    return Page(request, db, user, org)


PageDep = Annotated[Page, Depends(_page)]


async def _posted(request: Request) -> dict[str, str]:
    """The posted form as plain text fields (its field names depend on the record's type)."""
    return {name: value for name, value in (await request.form()).items() if isinstance(value, str)}


@router.get("", response_class=HTMLResponse)
def index(page: PageDep, offset: Offset = 0) -> HTMLResponse:
    """The coaching records you may read, newest first, and the people you coach."""
    total, records = queries.list_records(
        page.db, page.scope, queries.RecordFilter(limit=PAGE_SIZE, offset=max(offset, 0))
    )
    reports = _reports(page.db, page.user)
    quarter = period_of(
        today_in(page.org.timezone), PeriodKind.QUARTER, page.org.fiscal_year_start_month
    )
    feedback = (
        queries.upward_feedback(page.db, page.scope, page.user.id, quarter) if reports else None
    )
    context = {
        "records": records,
        "names": names_of(page.db, records),
        "total": total,
        "offset": offset,
    }
    context |= {"reports": reports, "page_size": PAGE_SIZE, "leads": bool(reports)}
    context |= {"feedback": feedback, "quarter": quarter.name, "enough": MIN_FEEDBACK_ANSWERS}
    return page.render("coaching/index.html", "Coaching", context)


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(page: PageDep, person_id: IdPath) -> HTMLResponse:
    """A person's coaching timeline, and the forms their manager may fill in."""
    timeline = build_timeline(page.db, page.user, person_id)
    context = {
        "person": timeline.person,
        "records": timeline.records,
        "names": timeline.names,
        "total": timeline.total,
        "kinds": ABOUT_A_REPORT if timeline.writes else (),
        "rates_manager": timeline.rates_manager,
    }
    return page.render("coaching/person.html", f"Coaching: {timeline.person.name}", context)


@router.get("/new", response_class=HTMLResponse)
def new_form(page: PageDep, type: str, person_id: IdQuery = None) -> HTMLResponse:
    """An empty form of the type (a 1:1 prefilled with last month against plan)."""
    today = today_in(page.org.timezone)
    return _form_page(
        page, CoachingForm(type=_known(type), occurred_on=today, person_id=person_id), {}
    )


@router.post("/new", response_class=HTMLResponse, response_model=None)
def save(page: PageDep, fields: Annotated[dict[str, str], Depends(_posted)]) -> Response:
    """Save the form; refused, the form again with every problem, nothing written."""

    def store(filled: CoachingForm) -> CoachingRecord:
        return record_coaching(page.db, page.user, filled, zone=page.org.timezone)

    return _submit(page, fields, store, "/coaching/new")


@router.get("/lists", response_class=HTMLResponse)
def lists_page(page: PageDep) -> HTMLResponse:
    """The lists the forms offer, for an admin to set (anyone else: not found)."""
    _ensure_admin(page.user)
    return _lists_page(page, asdict(load_lists(page.db)), {})


@router.post("/lists", response_class=HTMLResponse, response_model=None)
def save_lists(page: PageDep, fields: Annotated[dict[str, str], Depends(_posted)]) -> Response:
    """Set every list at once, one item a line; any refused list saves none of them."""
    _ensure_admin(page.user)
    typed = {name: fields.get(name, "").splitlines() for name in NAMES}
    savepoint = page.db.begin_nested()
    refused = {}
    for name, items in typed.items():
        try:
            set_list(page.db, page.user, name, items)
        except Invalid as error:
            refused[name] = str(error)
    if refused:
        savepoint.rollback()
        return _lists_page(page, typed, refused, status=422)
    savepoint.commit()
    return RedirectResponse("/coaching/lists?saved=1", status_code=303)


@router.get("/{record_id}/edit", response_class=HTMLResponse)
def edit_form(page: PageDep, record_id: IdPath) -> HTMLResponse:
    """A record its author corrects or completes, in its own form."""
    record = queries.get_record(page.db, page.scope, record_id)
    if record.author_id != page.user.id:
        raise Forbidden("Only the person who wrote a coaching record may change it.")
    filled = form_of(record, page.org.timezone)
    return _form_page(page, filled, {}, action=f"/coaching/{record.id}/edit")


@router.post("/{record_id}/edit", response_class=HTMLResponse, response_model=None)
def edit(
    page: PageDep, record_id: IdPath, fields: Annotated[dict[str, str], Depends(_posted)]
) -> Response:
    """Save the changes; refused, the form again with every problem, nothing changed."""

    def store(filled: CoachingForm) -> CoachingRecord:
        return update_coaching(page.db, page.user, record_id, filled, zone=page.org.timezone)

    return _submit(page, fields, store, f"/coaching/{record_id}/edit")


@router.get("/{record_id}", response_class=HTMLResponse)
def record_page(page: PageDep, record_id: IdPath) -> HTMLResponse:
    """One record as you may see it (private notes never for the person it is about)."""
    record = queries.get_record(page.db, page.scope, record_id)
    shown = record_view(page.scope, record)
    context = {
        "record": shown,
        "names": names_of(page.db, [record]),
        "extras": _extras(page.db, record),
    }
    title = f"{TYPE_LABELS[CoachingType(record.type)]}, {record.occurred_on.isoformat()}"
    return page.render("coaching/record.html", title, context)


def _submit(
    page: Page, fields: dict[str, str], store: Callable[[CoachingForm], CoachingRecord], action: str
) -> Response:
    """Read the posted form and store it in a savepoint: refused, the savepoint is rolled back
    (whatever was flushed) and the form comes back with every problem."""
    filled, problems = form_from_fields(fields, today_in(page.org.timezone))
    _known(filled.type)
    if problems:
        checked = forms.problems(filled, load_lists(page.db))
        return _form_page(page, filled, checked | problems, 422, action=action)
    savepoint = page.db.begin_nested()
    try:
        saved = store(filled)
    except CoachingFormError as refused:
        savepoint.rollback()
        return _form_page(page, filled, refused.problems, 422, action=action)
    except Exception:
        savepoint.rollback()
        raise
    savepoint.commit()
    return RedirectResponse(f"/coaching/{saved.id}", status_code=303)


def _lists_page(
    page: Page, lists: dict[str, Any], problems: dict[str, str], status: int = 200
) -> HTMLResponse:
    shown = {name: "\n".join(items) for name, items in lists.items()}
    context = {"lists": shown, "problems": problems, "saved": "saved" in page.request.query_params}
    return page.render("coaching/lists.html", "Coaching lists", context, status)


def _ensure_admin(user: Person) -> None:
    if user.role != Role.ADMIN:
        raise NotFound("No such page")


def _form_page(
    page: Page,
    filled: CoachingForm,
    problems: Problems,
    status: int = 200,
    *,
    action: str = "/coaching/new",
) -> HTMLResponse:
    kind = filled.kind
    subject = _subject(page, filled)
    context: dict[str, Any] = {
        "form": filled,
        "problems": problems,
        "kind": kind,
        "subject": subject,
        "action": action,
    }
    lists = load_lists(page.db)
    context |= {"skills": lists.skills, "awards": lists.awards, "lines": LINES}
    context |= {"pre_brief": lists.pre_brief, "debrief": lists.debrief}
    context |= {"reports": _reports(page.db, page.user), "review": None, "planned": {}}
    if subject is not None:
        context |= _subject_choices(page.db, subject)
    if kind is CoachingType.ONE_ON_ONE and subject is not None:
        month = None if "review_month" in problems else filled.review_month
        review = one_on_one_review(page.db, page.scope, subject.id, filled.occurred_on, month)
        context |= {"review": review, "planned": _planned(page.db, subject.id, review)}
    title = f"{TYPE_LABELS[kind]}{f': {subject.name}' if subject else ''}"
    return page.render("coaching/form.html", title, context, status)


def _known(type: str) -> str:
    if type not in set(CoachingType):
        raise NotFound(f"No form for {type!r}")
    return type


def _subject(page: Page, filled: CoachingForm) -> Person | None:
    """The person the form is about: a visible one, or the rep's own manager they rate."""
    if filled.person_id is None:
        return None
    if filled.kind is CoachingType.UPWARD_FEEDBACK and filled.person_id == page.user.manager_id:
        return page.db.get(Person, filled.person_id)
    return page.scope.person(page.db, filled.person_id)


def _reports(db: Session, user: Person) -> list[Person]:
    """The people who report to the user, through the scope: a rep to whom the data gives a
    report still sees only themselves."""
    reports = select(Person).where(Person.manager_id == user.id).order_by(Person.name)
    return list(db.scalars(Scope.of(user).restrict(reports, Person.id)))


def _subject_choices(db: Session, subject: Person) -> dict[str, Any]:
    """The subject's accounts and open deals, for records tied to a meeting or a customer."""
    accounts = db.scalars(
        select(Account).where(Account.owner_id == subject.id).order_by(Account.name)
    )
    deals = db.scalars(
        select(Deal).where(Deal.owner_id == subject.id, Deal.status == "open").order_by(Deal.name)
    )
    return {"accounts": list(accounts), "deals": list(deals)}


def _planned(db: Session, person_id: int, review: Review) -> dict[str, float]:
    """What the commitment fields start from: the plan of the month they are for if it has
    lines already, else the month reviewed (copy last month's plan, then adjust)."""
    for month in (review.plan_month, review.month):
        lines = db.scalars(
            select(PlanLine).where(PlanLine.person_id == person_id, PlanLine.month == month)
        )
        found = {line.line: line.planned for line in lines}
        if found:
            return found
    return {}


def _extras(db: Session, record: CoachingRecord) -> dict[str, str | None]:
    account = db.get(Account, record.account_id) if record.account_id else None
    deal = db.get(Deal, record.deal_id) if record.deal_id else None
    month = period_of(record.occurred_on, PeriodKind.MONTH).name
    return {
        "account": account.name if account else None,
        "deal": deal.name if deal else None,
        "month": month,
    }


def _plain(value: float | str) -> str:
    """A number as a form field holds it: 55, 0.35, never 55.0."""
    if isinstance(value, str):
        return value
    return f"{value:f}".rstrip("0").rstrip(".")
