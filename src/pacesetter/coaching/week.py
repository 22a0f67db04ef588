"""The manager's week: what their direct reports need from them now, each item one click from
the form that resolves it (docs/coaching.md, "The manager's week").

- a 1:1 each month per direct report and a check-in each ISO week (metrics.md's cadences, held
  = a record by the manager about the report): due while the period has none yet, overdue when
  the previous period had none either;
- commitments falling due: a 1:1's commitments for this month when it ends within a week, and
  improvement plans whose review date has come or comes within a week, with no outcome yet;
- reps not observed this month (no rated ride-along, shadowing or debrief about them);
- reps off track this month (`metrics.quadrant.placements`) without an open improvement plan;
- the team's recent recognitions.

`build_manager_week` issues a fixed number of statements whatever the team's size.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from pacesetter.coaching.recognitions import Recognition, team_recognitions
from pacesetter.domain.periods import Period, PeriodKind, period_of
from pacesetter.domain.quadrant import Quadrant
from pacesetter.domain.vocab import CoachingType, Role
from pacesetter.metrics.plans import OBSERVED
from pacesetter.metrics.quadrant import placements
from pacesetter.store.models import CoachingRecord, Person
from pacesetter.store.scope import Scope
from pacesetter.store.screen_cache import cached_screen

SOON = timedelta(days=7)
# How far back a 1:1 may have committed this month, and an improvement plan still be open.
LOOK_BACK = timedelta(days=366)
CADENCES = (CoachingType.ONE_ON_ONE, CoachingType.CHECK_IN)
UNOBSERVED = "no rated ride-along, shadowing or debrief this month"


@dataclass(frozen=True)
class WeekItem:
    """One thing to do about one person, and the form that does it."""

    person_id: int
    name: str
    status: str  # due | overdue
    detail: str
    href: str


@dataclass(frozen=True)
class ManagerWeekView:
    today: date
    month: Period
    week: Period
    reports: int
    one_on_ones: list[WeekItem] = field(default_factory=list)
    check_ins: list[WeekItem] = field(default_factory=list)
    commitments: list[WeekItem] = field(default_factory=list)
    not_observed: list[WeekItem] = field(default_factory=list)
    off_track: list[WeekItem] = field(default_factory=list)
    recognitions: list[Recognition] = field(default_factory=list)

    @property
    def to_do(self) -> int:
        lists = (self.one_on_ones, self.check_ins, self.commitments)
        return sum(map(len, (*lists, self.not_observed, self.off_track)))


@cached_screen("manager week")
def build_manager_week(session: Session, viewer: Person, today: date) -> ManagerWeekView:
    """The viewer's week over their direct reports employed today."""
    month, week = period_of(today, PeriodKind.MONTH), period_of(today, PeriodKind.WEEK)
    reports = list(session.scalars(_reports(viewer, today)))
    reps = [person for person in reports if person.role == Role.REP]
    ids = _reports(viewer, today).with_only_columns(Person.id).order_by(None)
    plans = _improvement_plans(session, ids, today)
    latest = _latest_held(session, viewer, ids)
    observed = _observed(session, ids, month)
    return ManagerWeekView(
        today,
        month,
        week,
        len(reports),
        one_on_ones=_cadence(reports, CoachingType.ONE_ON_ONE, month, latest),
        check_ins=_cadence(reports, CoachingType.CHECK_IN, week, latest),
        commitments=_commitments(session, reports, ids, month, today)
        + _reviews(viewer, reports, plans, today),
        not_observed=[
            _item(p, "due", UNOBSERVED, _form("ride_along", p))
            for p in reps
            if p.id not in observed
        ],
        off_track=_off_track(session, reps, ids, month, today, plans),
        recognitions=team_recognitions(session, viewer, today),
    )


def _cadence(
    reports: list[Person], kind: CoachingType, period: Period, latest: dict[tuple[int, str], date]
) -> list[WeekItem]:
    return [item for person in reports if (item := _cadence_item(person, kind, period, latest))]


def _reports(viewer: Person, today: date) -> Select[tuple[Person]]:
    employed = or_(Person.start_date.is_(None), Person.start_date <= today) & or_(
        Person.end_date.is_(None), Person.end_date >= today
    )
    statement = select(Person).where(Person.manager_id == viewer.id, employed)
    return Scope.of(viewer).restrict(statement.order_by(Person.name, Person.id), Person.id)


def _latest_held(
    session: Session, viewer: Person, ids: Select[tuple[int]]
) -> dict[tuple[int, str], date]:
    """The date of the viewer's latest 1:1 and check-in about each report."""
    statement = (
        select(CoachingRecord.person_id, CoachingRecord.type, func.max(CoachingRecord.occurred_on))
        .where(CoachingRecord.author_id == viewer.id, CoachingRecord.person_id.in_(ids))
        .where(CoachingRecord.type.in_(CADENCES))
        .group_by(CoachingRecord.person_id, CoachingRecord.type)
    )
    return {(person, kind): day for person, kind, day in session.execute(statement)}


def _cadence_item(
    person: Person, kind: CoachingType, period: Period, latest: dict[tuple[int, str], date]
) -> WeekItem | None:
    """Due while the period has no record; overdue when the previous period had none either
    (and the person was employed then)."""
    last = latest.get((person.id, kind.value))
    if last is not None and last >= period.start:
        return None
    previous = period.previous()
    employed_then = person.start_date is None or person.start_date <= previous.end
    missed = employed_then and (last is None or last < previous.start)
    label = "1:1" if kind is CoachingType.ONE_ON_ONE else "check-in"
    held = f"last {label} {_day(last)}" if last else f"no {label} yet"
    detail = f"{held}; one due by {_day(period.end)}"
    return _item(person, "overdue" if missed else "due", detail, _form(kind.value, person))


def _commitments(
    session: Session, reports: list[Person], ids: Select[tuple[int]], month: Period, today: date
) -> list[WeekItem]:
    """Reps with 1:1 commitments for this month, once it ends within a week: the next 1:1
    reviews them."""
    if month.end - today >= SOON:
        return []
    statement = select(CoachingRecord.person_id, CoachingRecord.details).where(
        CoachingRecord.person_id.in_(ids),
        CoachingRecord.type == CoachingType.ONE_ON_ONE,
        CoachingRecord.occurred_on >= month.start - LOOK_BACK,
    )
    committed = {
        person_id
        for person_id, details in session.execute(statement)
        if (details or {}).get("plan_month") == month.name and details.get("commitments")
    }
    detail = f"commitments for {month.name} fall due {_day(month.end)}: review them"
    return [_item(p, "due", detail, _form("one_on_one", p)) for p in reports if p.id in committed]


def _improvement_plans(
    session: Session, ids: Select[tuple[int]], today: date
) -> list[CoachingRecord]:
    """The reports' improvement plans with no outcome yet: still running."""
    statement = select(CoachingRecord).where(
        CoachingRecord.person_id.in_(ids),
        CoachingRecord.type == CoachingType.IMPROVEMENT_PLAN,
        CoachingRecord.occurred_on >= today - LOOK_BACK,
    )
    return [r for r in session.scalars(statement) if not (r.details or {}).get("outcome")]


def _reviews(
    viewer: Person, reports: list[Person], plans: list[CoachingRecord], today: date
) -> list[WeekItem]:
    """Open improvement plans whose review date has come or comes within a week; the link is
    the plan's edit form for its author (the outcome is filled in there), else the record."""
    names = {p.id: p for p in reports}
    items = []
    for plan in plans:
        written = (plan.details or {}).get("review_date")
        review = date.fromisoformat(written) if written else None
        if review is None or review - today >= SOON or plan.person_id not in names:
            continue
        edit = f"/coaching/{plan.id}" + ("/edit" if plan.author_id == viewer.id else "")
        detail = f"improvement plan review {_day(review)}: record the outcome"
        late = "overdue" if review < today else "due"
        items.append(_item(names[plan.person_id], late, detail, edit))
    return items


def _observed(session: Session, ids: Select[tuple[int]], month: Period) -> set[int]:
    statement = select(CoachingRecord.person_id).where(
        CoachingRecord.person_id.in_(ids),
        CoachingRecord.type.in_(OBSERVED),
        CoachingRecord.rating.is_not(None),
        CoachingRecord.occurred_on.between(month.start, month.end),
    )
    return set(session.scalars(statement.distinct()))


def _off_track(
    session: Session,
    reps: list[Person],
    ids: Select[tuple[int]],
    month: Period,
    today: date,
    plans: list[CoachingRecord],
) -> list[WeekItem]:
    """Reps off track this month (both paces under plan) with no open improvement plan."""
    if not reps:
        return []
    placed = placements(session, ids, month, today)
    covered = {plan.person_id for plan in plans}
    detail = "results and activity both behind plan this month, no improvement plan open"
    return [
        _item(p, "due", detail, _form("improvement_plan", p))
        for p in reps
        if placed.get(p.id) and placed[p.id].quadrant == Quadrant.OFF_TRACK and p.id not in covered
    ]


def _item(person: Person, status: str, detail: str, href: str) -> WeekItem:
    return WeekItem(person.id, person.name, status, detail, href)


def _form(kind: str, person: Person) -> str:
    return f"/coaching/new?type={kind}&person_id={person.id}"


def _day(day: date) -> str:
    """A date as a person reads it in a sentence: 31 Mar 2026."""
    return f"{day.day} {day:%b %Y}"
