"""What QDQ and activity pace need from the database, for all reps at once.

Three statements whatever the number of reps (the activity paces alone need the first two): the
plan lines of the months of P, the activities per (owner, month, type) up to d, and the quality
ratings per subject in the window. The months of P are those inside it (for a quarter or year)
or those it touches (an ISO week); each month's activities count from its first day to min(d,
month end), and it is paced by its own elapsed fraction on the organisation's working calendar.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.periods import Period, elapsed_fraction
from pacesetter.domain.qdq import PlanPair, activity_pace
from pacesetter.domain.vocab import (
    PLAN_LINE_DIRECTION,
    PLAN_LINE_QUALITY,
    ActivityType,
    CoachingType,
)
from pacesetter.store.models import Activity, CoachingRecord, PlanLine

People = Select[tuple[int]]
ACTIVITY_LINES = frozenset(kind.value for kind in ActivityType)
# The coaching records whose ratings are the observed Quality of a rep.
OBSERVED = (CoachingType.RIDE_ALONG, CoachingType.SHADOWING, CoachingType.DEBRIEF)


@dataclass
class PlanFacts:
    """One rep's plan for the months of P, with what they did and how they were rated."""

    pairs: list[PlanPair] = field(default_factory=list)
    direction_lines: list[float] = field(default_factory=list)
    quality_lines: list[float] = field(default_factory=list)
    mean_rating: float | None = None
    # Every activity of the months of P up to d, whatever its type: direction share's
    # denominator when those months start with P (metrics/quadrant.py).
    activities: int = 0


def plan_facts(
    session: Session, people: People, period: Period, as_of: date, calendar: WorkCalendar
) -> dict[int, PlanFacts]:
    """Each planned rep's facts (a rep without plan lines or ratings is simply absent)."""
    facts = _planned(session, people, period, as_of, calendar)
    for person_id, mean in _mean_ratings(session, people, period, as_of).items():
        facts.setdefault(person_id, PlanFacts()).mean_rating = mean
    return facts


def activity_paces(
    session: Session, people: People, period: Period, as_of: date, calendar: WorkCalendar
) -> dict[int, float | None]:
    """Each planned rep's activity pace alone: the plan lines and activity counts, without the
    ratings that only QDQ's quality needs (a rep without plan lines is absent)."""
    facts = _planned(session, people, period, as_of, calendar)
    return {person_id: activity_pace(found.pairs) for person_id, found in facts.items()}


def _planned(
    session: Session, people: People, period: Period, as_of: date, calendar: WorkCalendar
) -> dict[int, PlanFacts]:
    """Each rep's plan lines of the months of P, activity lines paired with what was done."""
    months = period.months()
    counts = activity_counts(session, people, months, as_of)
    facts: dict[int, PlanFacts] = {}
    fractions = {m.start: elapsed_fraction(m, as_of, calendar) for m in months}
    for person_id, month_start, line, planned in session.execute(_plan_lines(people, months)):
        found = facts.setdefault(person_id, PlanFacts())
        if line == PLAN_LINE_DIRECTION:
            found.direction_lines.append(planned)
        elif line == PLAN_LINE_QUALITY:
            found.quality_lines.append(planned)
        elif line in ACTIVITY_LINES:
            actual = counts.get((person_id, month_start, line), 0)
            found.pairs.append(PlanPair(line, planned, actual, fractions[month_start]))
    for (person_id, _, _), count in counts.items():
        if person_id in facts:
            facts[person_id].activities += count
    return facts


def _plan_lines(people: People, months: Sequence[Period]) -> Select[tuple[int, date, str, float]]:
    starts = [month.start for month in months]
    return select(PlanLine.person_id, PlanLine.month_start, PlanLine.line, PlanLine.planned).where(
        PlanLine.person_id.in_(people), PlanLine.month_start.in_(starts)
    )


def activity_counts(
    session: Session, people: People, months: Sequence[Period], as_of: date
) -> dict[tuple[int, date, str], int]:
    """Activities per (owner, month start, type) from the first month's start to d."""
    if as_of < months[0].start:
        return {}
    # The month is a number in a subquery, so PostgreSQL groups by a plain column rather than
    # by a CASE whose bound dates it would not recognise as the same expression.
    month = case(
        *((Activity.occurred_on.between(m.start, m.end), index) for index, m in enumerate(months))
    ).label("month")
    dated = (
        select(Activity.owner_id, Activity.type, month)
        .where(Activity.owner_id.in_(people))
        .where(Activity.occurred_on.between(months[0].start, min(as_of, months[-1].end)))
        .subquery("planned_activities")
    )
    grouped = select(dated.c.owner_id, dated.c.month, dated.c.type, func.count()).group_by(
        dated.c.owner_id, dated.c.month, dated.c.type
    )
    return {
        (owner, months[index].start, kind): count
        for owner, index, kind, count in session.execute(grouped)
    }


def _mean_ratings(
    session: Session, people: People, period: Period, as_of: date
) -> dict[int, float]:
    """The mean rating of each rep's observations dated from the start of P to d; a record
    without a rating is left out, and a rep with no rating at all is absent."""
    rating = CoachingRecord.rating
    statement = (
        select(CoachingRecord.person_id, func.sum(rating), func.count(rating))
        .where(CoachingRecord.person_id.in_(people), CoachingRecord.type.in_(OBSERVED))
        .where(CoachingRecord.occurred_on.between(period.start, min(as_of, period.end)))
        .where(rating.is_not(None))
        .group_by(CoachingRecord.person_id)
    )
    return {
        person_id: float(total) / count
        for person_id, total, count in session.execute(statement)
        if count
    }
