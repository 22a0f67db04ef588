"""What the pages and the API show of coaching records: one shape for both.

`record_view` is a record as this viewer may see it (private notes only for the author and those
above the subject). `one_on_one_review` is what a 1:1 opens with: the month reviewed, each plan
line against what the rep did (per activity type, direction share, mean observed rating) and the
commitments of the previous 1:1, to review.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.coaching.queries import last_one_on_one
from pacesetter.domain.periods import Period, PeriodKind, parse_period, period_of
from pacesetter.domain.vocab import PLAN_LINE_DIRECTION, PLAN_LINE_QUALITY
from pacesetter.metrics.org_settings import load_work_calendar, report_years
from pacesetter.metrics.plans import PlanFacts, plan_facts
from pacesetter.metrics.values import person_metrics
from pacesetter.store.models import CoachingRecord, Person
from pacesetter.store.scope import Scope

DIRECTION = "direction_share"
FIELDS = (
    "id", "external_id", "type", "author_id", "person_id", "occurred_at", "occurred_on",
    "rating", "skill", "notes", "went_well", "to_improve", "account_id", "deal_id", "details",
)  # fmt: skip


def record_view(scope: Scope, record: CoachingRecord) -> dict[str, Any]:
    """The record's fields; `private_notes` is None for a viewer who may not see them."""
    shown = {name: getattr(record, name) for name in FIELDS}
    private = record.private_notes if scope.sees_private_notes(record) else None
    return shown | {"private_notes": private}


@dataclass(frozen=True)
class ReviewLine:
    """One plan line of the month reviewed; `actual` is None when nothing could be measured
    (no activity at all for a direction share, no observed rating for quality)."""

    line: str
    planned: float | None
    actual: float | None


@dataclass(frozen=True)
class Review:
    person_id: int
    month: str
    plan_month: str
    lines: list[ReviewLine] = field(default_factory=list)
    previous: dict[str, Any] | None = None  # the last 1:1 (as record_view shows it)


def one_on_one_review(
    session: Session, scope: Scope, person_id: int, on: date, month: str | None = None
) -> Review:
    """What a 1:1 on `on` opens with; the month reviewed defaults to the one before `on`."""
    person = scope.person(session, person_id)
    reviewed = parse_period(month) if month else period_of(on, PeriodKind.MONTH).previous()
    following = period_of(reviewed.end + timedelta(days=1), PeriodKind.MONTH)
    previous = last_one_on_one(session, scope, person.id, on)
    return Review(
        person.id,
        reviewed.name,
        following.name,
        _lines(session, person.id, reviewed),
        record_view(scope, previous) if previous else None,
    )


def _lines(session: Session, person_id: int, month: Period) -> list[ReviewLine]:
    """The month's plan against what was done, over the whole month (one rep: a handful of
    rows, through the same set-based statements QDQ uses for every rep)."""
    people = select(Person.id).where(Person.id == person_id)
    calendar = load_work_calendar(session, report_years(month.start, month.end))
    facts = plan_facts(session, people, month, month.end, calendar).get(person_id, PlanFacts())
    share = person_metrics(session, people, month, month.end, [DIRECTION], calendar=calendar)
    lines = [ReviewLine(pair.type, pair.planned, pair.actual) for pair in facts.pairs]
    direction = share[person_id][DIRECTION]
    for planned in facts.direction_lines:
        lines.append(ReviewLine(PLAN_LINE_DIRECTION, planned, _number(direction)))
    for planned in facts.quality_lines:
        lines.append(ReviewLine(PLAN_LINE_QUALITY, planned, facts.mean_rating))
    return lines


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]
