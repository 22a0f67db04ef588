"""What QDQ and activity pace need from the database, for all reps at once.

The months of P are those inside it (for a quarter or year) or those it touches (an ISO week);
each month's activities count from its first day to min(d, month end), and it is paced by its
own elapsed fraction on the organisation's working calendar. The whole months' activities are
the activity rollup's rows (a few per rep and month); only the month d falls in is counted from
the raw rows.

Two shapes, each a fixed number of statements whatever the number of reps:
- `plan_totals` (the quadrant, QDQ and activity pace of every rep): one statement sums the
  plan lines of the months of P and those counts per rep and activity type in the database
  (each month's planned x its elapsed fraction), so Python sees a few rows per rep; with QDQ,
  one more reads the quality ratings;
- `plan_facts` (one rep's plan review, month by month): the plan lines, the counts and the
  ratings as rows, each (month, type) line paired with what was done.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    Date,
    Float,
    Select,
    case,
    func,
    literal,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.periods import Period, elapsed_fraction
from pacesetter.domain.qdq import LineTotal, PlanPair, pace_of_totals
from pacesetter.domain.vocab import (
    PLAN_LINE_DIRECTION,
    PLAN_LINE_QUALITY,
    ActivityType,
    CoachingType,
)
from pacesetter.metrics.rollups import around, whole_months
from pacesetter.metrics.sql import count_where
from pacesetter.store.models import Account, Activity, ActivityRollup, CoachingRecord, PlanLine

People = Select[tuple[int]]
Window = tuple[date, date]
ACTIVITY_LINES = frozenset(kind.value for kind in ActivityType)
SHARE_LINES = (PLAN_LINE_DIRECTION, PLAN_LINE_QUALITY)
# A count row's plan columns (lines, planned, expected): the counts and the plan lines are rows
# of one shape, summed together (`_summed`).
_NO_PLAN = (
    literal_column("0").label("lines"),
    literal_column("0").label("planned"),
    literal_column("0").label("expected"),
)
# The coaching records whose ratings are the observed Quality of a rep.
OBSERVED = (CoachingType.RIDE_ALONG, CoachingType.SHADOWING, CoachingType.DEBRIEF)


@dataclass
class PlanFacts:
    """One rep's plan for the months of P, with what they did and how they were rated."""

    pairs: list[PlanPair] = field(default_factory=list)
    direction_lines: list[float] = field(default_factory=list)
    quality_lines: list[float] = field(default_factory=list)
    mean_rating: float | None = None


@dataclass
class PlanTotals:
    """One rep's plan for the months of P summed per activity type, with what they did; the
    direction and quality lines month by month, and how they were rated."""

    totals: list[LineTotal] = field(default_factory=list)
    direction_lines: list[float] = field(default_factory=list)
    quality_lines: list[float] = field(default_factory=list)
    mean_rating: float | None = None
    # Every activity of the months of P up to d, whatever its type, and those with the right
    # people (when asked for): direction share's denominator and numerator when those months
    # start with P (metrics/quadrant.py).
    activities: int = 0
    directed: int = 0


def plan_facts(
    session: Session, people: People, period: Period, as_of: date, calendar: WorkCalendar
) -> dict[int, PlanFacts]:
    """Each planned rep's facts (a rep without plan lines or ratings is simply absent)."""
    facts = _planned(session, people, period, as_of, calendar)
    for person_id, mean in _mean_ratings(session, people, period, as_of).items():
        facts.setdefault(person_id, PlanFacts()).mean_rating = mean
    return facts


def plan_totals(
    session: Session,
    people: People,
    period: Period,
    as_of: date,
    calendar: WorkCalendar,
    *,
    qdq: bool,
    directed: bool = False,
) -> dict[int, PlanTotals]:
    """Each rep's activity lines summed per type with what was done, and every activity of
    the months of P (a rep with neither is absent). With `qdq`, also the direction and
    quality lines and the mean rating; with `directed`, the directed activities are counted
    (they need each activity's row and account)."""
    statement = _summed(people, period.months(), as_of, calendar, qdq, directed)
    found: dict[int, PlanTotals] = {}
    for person_id, line, lines, planned, expected, actual, done, directed in session.execute(
        statement
    ):
        mine = found.get(person_id)
        if mine is None:
            mine = found[person_id] = PlanTotals()
        if line == PLAN_LINE_DIRECTION:
            mine.direction_lines.append(planned)
        elif line == PLAN_LINE_QUALITY:
            mine.quality_lines.append(planned)
        else:
            mine.activities += int(done)
            mine.directed += int(directed)
            if lines:
                mine.totals.append(LineTotal(line, planned, expected, int(actual)))
    if qdq:
        for person_id, mean in _mean_ratings(session, people, period, as_of).items():
            found.setdefault(person_id, PlanTotals()).mean_rating = mean
    return found


def _summed(
    people: People,
    months: Sequence[Period],
    as_of: date,
    calendar: WorkCalendar,
    qdq: bool,
    directed: bool,
) -> Select[Any]:
    """Per rep and activity type: the plan lines of the months of P (how many, planned,
    planned x the month's elapsed fraction), the activities done in the months that have a
    line of that type, all those done and the directed ones; with `qdq` each direction and
    quality line as it is (one row per month: QDQ averages them).

    No join: the plan lines and the counts are one `UNION ALL` grouped twice, per (rep,
    month, type) and then per (rep, type), so no planner can turn it into a loop over plan
    lines whatever its statistics (a freshly imported database has none)."""
    kept = sorted(ACTIVITY_LINES | set(SHARE_LINES)) if qdq else sorted(ACTIVITY_LINES)
    parts = [_plan_rows(people, months, as_of, calendar, kept)]
    parts += _counted_parts(people, months, as_of, directed=directed)
    rows = union_all(*parts).subquery("lines_and_counts")
    by_month = (
        select(
            rows.c.owner_id,
            rows.c.month,
            rows.c.type,
            func.sum(rows.c.lines).label("lines"),
            func.sum(rows.c.planned).label("planned"),
            func.sum(rows.c.expected).label("expected"),
            func.sum(rows.c.activities).label("activities"),
            func.sum(rows.c.directed).label("directed"),
        )
        .group_by(rows.c.owner_id, rows.c.month, rows.c.type)
        .subquery("per_month")
    )
    share_month = case((by_month.c.type.in_(SHARE_LINES), by_month.c.month), else_=null())
    planned_done = case((by_month.c.lines > 0, by_month.c.activities), else_=0)
    return select(
        by_month.c.owner_id,
        by_month.c.type,
        func.sum(by_month.c.lines),
        func.sum(by_month.c.planned),
        func.sum(by_month.c.expected),
        func.sum(planned_done),
        func.sum(by_month.c.activities),
        func.sum(by_month.c.directed),
    ).group_by(by_month.c.owner_id, by_month.c.type, share_month)


def _plan_rows(
    people: People, months: Sequence[Period], as_of: date, calendar: WorkCalendar, kept: list[str]
) -> Select[Any]:
    """The plan lines of the months of P in the shape of the counts: one line each, planned
    and planned x its month's elapsed fraction."""
    lines = PlanLine
    fractions = {m.name: elapsed_fraction(m, as_of, calendar) for m in months}
    fraction = case(
        {name: literal(value, Float) for name, value in fractions.items()}, value=lines.month
    )
    # By the month's name: (person_id, month, line) is the plan's natural key and its index,
    # so each rep's months are one index range rather than every month they were ever planned.
    return select(
        lines.person_id.label("owner_id"),
        lines.month_start.label("month"),
        lines.line.label("type"),
        literal_column("1").label("lines"),
        lines.planned.label("planned"),
        (lines.planned * fraction).label("expected"),
        literal_column("0").label("activities"),
        literal_column("0").label("directed"),
    ).where(
        lines.person_id.in_(people),
        lines.month.in_(list(fractions)),
        lines.line.in_(kept),
    )


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
    return facts


def _plan_lines(people: People, months: Sequence[Period]) -> Select[tuple[int, date, str, float]]:
    return select(PlanLine.person_id, PlanLine.month_start, PlanLine.line, PlanLine.planned).where(
        PlanLine.person_id.in_(people), PlanLine.month.in_([m.name for m in months])
    )


def activity_paces(
    session: Session, people: People, period: Period, as_of: date, calendar: WorkCalendar
) -> dict[int, float | None]:
    """Each rep's activity pace alone: the activity lines and counts, without what only QDQ
    reads (None, or absent, for a rep without activity lines)."""
    found = plan_totals(session, people, period, as_of, calendar, qdq=False)
    return {person_id: pace_of_totals(mine.totals) for person_id, mine in found.items()}


def activity_counts(
    session: Session, people: People, months: Sequence[Period], as_of: date
) -> dict[tuple[int, date, str], int]:
    """Activities per (owner, month start, type) from the first month's start to d."""
    parts = _counted_parts(people, months, as_of, directed=False)
    if not parts:
        return {}
    statement = parts[0] if len(parts) == 1 else union_all(*parts)
    return {
        (owner, month, kind): count
        for owner, month, kind, *_, count, _ in session.execute(statement)
    }


def _counted_parts(
    people: People, months: Sequence[Period], as_of: date, *, directed: bool
) -> list[Select[Any]]:
    """Activities per (owner, month start, type) from the first month's start to d, and
    (with `directed`) those with a decision maker or on a target account: the whole months
    from the rollup, the days of the month d falls in from the raw rows (statements to add
    up with `UNION ALL`; none before the first month)."""
    window = (months[0].start, min(as_of, months[-1].end))
    if window[1] < window[0]:
        return []
    whole = whole_months(window)
    parts: list[Select[Any]] = []
    if whole is not None:
        parts.append(_rolled_up(people, whole))
    # The window starts on a month's first day, so what is left is inside one month.
    for stretch in [window] if whole is None else around(window, whole):
        parts.append(_raw_counts(people, stretch, directed))
    return parts


def _rolled_up(people: People, whole: Window) -> Select[Any]:
    rolled = ActivityRollup
    return select(
        rolled.owner_id,
        rolled.month,
        rolled.type,
        *_NO_PLAN,
        rolled.activities,
        rolled.directed,
    ).where(rolled.owner_id.in_(people), rolled.month.between(*whole))


def _raw_counts(people: People, stretch: Window, directed: bool) -> Select[Any]:
    """Counted from the raw rows: on the (owner_id, occurred_on, type) index alone unless the
    directed ones are asked for, which need the row and its account."""
    month = literal(stretch[0].replace(day=1), Date).label("month")
    # As the activity rollup counts them (store/rollups.py, metrics.md "direction share"):
    # IS TRUE, so an activity without an account is not on a target one.
    right_people = Activity.with_decision_maker.is_(True) | Account.is_target.is_(True)
    among = count_where(right_people) if directed else literal_column("0")
    statement = (
        select(
            Activity.owner_id,
            month,
            Activity.type,
            *_NO_PLAN,
            func.count().label("activities"),
            among.label("directed"),
        )
        .where(Activity.owner_id.in_(people), Activity.occurred_on.between(*stretch))
        .group_by(Activity.owner_id, Activity.type)
    )
    if directed:
        statement = statement.outerjoin(Account, Account.id == Activity.account_id)
    return statement  # type: ignore[return-value]


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
