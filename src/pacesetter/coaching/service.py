"""Recording a coaching record: the one path the pages and the API take.

A form is checked whole before anything is written (every refused field at once, `Invalid`);
who may write it about whom is `permissions`. A 1:1's commitments become the plan lines of the
month after the one it reviewed, replacing what that month planned on those lines. Functions
flush; the caller commits, so a refused record writes nothing.
"""

from datetime import UTC, datetime, time
from uuid import uuid4
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.coaching import forms, permissions
from pacesetter.coaching.forms import CoachingForm, Problems
from pacesetter.domain.errors import Invalid
from pacesetter.domain.periods import parse_period
from pacesetter.domain.vocab import CoachingType
from pacesetter.store.models import Account, CoachingRecord, Deal, Person, PlanLine

EXTERNAL_PREFIX = "pacesetter-"


class CoachingFormError(Invalid):
    """The form cannot be saved; `problems` names every refused field and why."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        super().__init__(" ".join(problems.values()))


def record_coaching(
    session: Session, author: Person, form: CoachingForm, *, zone: str
) -> CoachingRecord:
    """Save the form as a coaching record written by `author` (and a 1:1's plan lines)."""
    found = forms.problems(form)
    _check_references(session, form, found)
    if found:
        raise CoachingFormError(found)
    kind = form.kind
    subject = permissions.checked_subject(session, author, kind, form.person_id)
    record = _record(author, subject, form, zone)
    session.add(record)
    if kind is CoachingType.ONE_ON_ONE and subject is not None:
        _plan_commitments(session, subject.id, forms.plan_month(form), form)
    session.flush()
    return record


def _check_references(session: Session, form: CoachingForm, found: Problems) -> None:
    if form.account_id is not None and session.get(Account, form.account_id) is None:
        found["account_id"] = "No such account."
    if form.deal_id is not None and session.get(Deal, form.deal_id) is None:
        found["deal_id"] = "No such deal."


def _record(
    author: Person, subject: Person | None, form: CoachingForm, zone: str
) -> CoachingRecord:
    occurred_at = datetime.combine(form.occurred_on, form.at or time(), tzinfo=ZoneInfo(zone))
    rating, skill = _observed(form)
    return CoachingRecord(
        external_id=EXTERNAL_PREFIX + uuid4().hex,
        type=form.kind.value,
        author_id=author.id,
        person_id=subject.id if subject else None,
        occurred_at=occurred_at.astimezone(UTC).replace(tzinfo=None),
        occurred_on=form.occurred_on,
        rating=rating,
        skill=skill,
        notes=_text(form.notes),
        private_notes=_text(form.private_notes),
        went_well=_text(form.went_well),
        to_improve=_text(form.to_improve),
        account_id=form.account_id,
        deal_id=form.deal_id,
        details=forms.details(form),
    )


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
