"""Recording a coaching record: the one path the pages and the API take.

A form is checked whole before anything is written (every refused field at once, `Invalid`);
who may write it about whom is `permissions`. A 1:1's commitments become the plan lines of the
month after the one it reviewed, replacing what that month planned on those lines. Functions
flush; the caller commits, so a refused record writes nothing.
"""

from datetime import UTC, date, datetime, time
from uuid import uuid4
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.coaching import forms, permissions
from pacesetter.coaching.forms import CoachingForm, Problems
from pacesetter.coaching.lists import load_lists
from pacesetter.coaching.queries import get_record
from pacesetter.domain.errors import Forbidden, Invalid
from pacesetter.domain.periods import parse_period
from pacesetter.domain.vocab import CoachingType
from pacesetter.store.models import Account, CoachingRecord, Deal, Person, PlanLine
from pacesetter.store.scope import Scope

EXTERNAL_PREFIX = "pacesetter-"
# Free-text fields the form and the record share by name.
COLUMNS = ("notes", "private_notes", "went_well", "to_improve")
# Answers kept in `details` that the form holds under the same name.
DETAILS = ("review_month", "commitments", "ratings", "checklist", "on_track", "blockers")
DETAILS += ("candidate", "goals", "outcome", "award")


class CoachingFormError(Invalid):
    """The form cannot be saved; `problems` names every refused field and why."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        super().__init__(" ".join(problems.values()))


def record_coaching(
    session: Session, author: Person, form: CoachingForm, *, zone: str
) -> CoachingRecord:
    """Save the form as a coaching record written by `author` (and a 1:1's plan lines)."""
    subject = _checked(session, author, form)
    record = CoachingRecord(external_id=EXTERNAL_PREFIX + uuid4().hex)
    _fill(record, author, subject, form, zone)
    session.add(record)
    _after_save(session, subject, form)
    return record


def update_coaching(
    session: Session, author: Person, record_id: int, form: CoachingForm, *, zone: str
) -> CoachingRecord:
    """Correct a record, or complete it (an improvement plan's outcome at its review): only its
    author may, and its type stays. A 1:1's commitments are applied again."""
    record = get_record(session, Scope.of(author), record_id)
    if record.author_id != author.id:
        raise Forbidden("Only the person who wrote a coaching record may change it.")
    if form.type != record.type:
        raise Invalid(f"A {record.type} record stays a {record.type}.")
    subject = _checked(session, author, form)
    _fill(record, author, subject, form, zone)
    _after_save(session, subject, form)
    return record


def form_of(record: CoachingRecord, zone: str) -> CoachingForm:
    """The record as its form shows it, to be changed."""
    details = record.details or {}
    local = record.occurred_at.replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
    review_date = details.get("review_date")
    return CoachingForm(
        type=record.type,
        occurred_on=record.occurred_on,
        person_id=record.person_id,
        at=local.time().replace(tzinfo=None) if local.time() != time() else None,
        rating=None if details.get("ratings") else record.rating,
        review_date=date.fromisoformat(review_date) if review_date else None,
        **{name: getattr(record, name) for name in COLUMNS},
        **{name: details[name] for name in DETAILS if details.get(name) is not None},
    )


def _checked(session: Session, author: Person, form: CoachingForm) -> Person | None:
    """The form's subject, once the form is whole and the author may write it."""
    found = forms.problems(form, load_lists(session))
    _check_references(session, form, found)
    if found:
        raise CoachingFormError(found)
    return permissions.checked_subject(session, author, form.kind, form.person_id)


def _after_save(session: Session, subject: Person | None, form: CoachingForm) -> None:
    if form.kind is CoachingType.ONE_ON_ONE and subject is not None:
        _plan_commitments(session, subject.id, forms.plan_month(form), form)
    session.flush()


def _check_references(session: Session, form: CoachingForm, found: Problems) -> None:
    if form.account_id is not None and session.get(Account, form.account_id) is None:
        found["account_id"] = "No such account."
    if form.deal_id is not None and session.get(Deal, form.deal_id) is None:
        found["deal_id"] = "No such deal."


def _fill(
    record: CoachingRecord, author: Person, subject: Person | None, form: CoachingForm, zone: str
) -> None:
    occurred_at = datetime.combine(form.occurred_on, form.at or time(), tzinfo=ZoneInfo(zone))
    record.rating, record.skill = _observed(form)
    record.type, record.author_id = form.kind.value, author.id
    record.person_id = subject.id if subject else None
    record.occurred_at = occurred_at.astimezone(UTC).replace(tzinfo=None)
    record.occurred_on = form.occurred_on
    for name in COLUMNS:
        setattr(record, name, _text(getattr(form, name)))
    record.account_id, record.deal_id = form.account_id, form.deal_id
    record.details = forms.details(form)


def _observed(form: CoachingForm) -> tuple[int | None, str | None]:
    """(rating, skill) as the record's columns hold them. Ratings per skill come down to their
    mean, rounded half up: QDQ Quality and the ratings trend read one rating per record."""
    if not form.ratings:
        return form.rating, None
    mean = sum(form.ratings.values()) / len(form.ratings)
    skills = ", ".join(form.ratings)
    return int(mean + 0.5), skills if len(skills) <= 100 else None


def _plan_commitments(session: Session, person_id: int, month: str, form: CoachingForm) -> None:
    """The commitments as `month`'s plan lines: a line planned already takes the new value."""
    if not form.commitments:
        return
    start = parse_period(month).start
    stored = {
        line.line: line
        for line in session.scalars(
            select(PlanLine).where(PlanLine.person_id == person_id, PlanLine.month == month)
        )
    }
    for line, planned in form.commitments.items():
        existing = stored.get(line)
        if existing is not None:
            existing.planned = float(planned)
        else:
            session.add(
                PlanLine(
                    person_id=person_id,
                    month=month,
                    month_start=start,
                    line=line,
                    planned=float(planned),
                )
            )


def _text(value: str | None) -> str | None:
    """Trimmed; blank is no value."""
    return value.strip() or None if value is not None else None
