"""Sales rhythm KPIs: 1:1 and check-in cadence, the coaching counts, the activity standard.

Cadence (metrics.md): held / due over (direct report, month of P) pairs for 1:1s, and over
(direct report, ISO week starting in P) pairs for check-ins. A pair counts when the report was
employed on some day of its month or week; it is due once that month or week has ended by d, or
earlier if the meeting was already held; held means a record of that type by the manager about
that report, dated in that month or week and on or before d. The records of every manager are
read in one statement and matched to the pairs in Python.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import CoachingType
from pacesetter.metrics.catalogue import ratio
from pacesetter.metrics.grouping import ByTeam
from pacesetter.metrics.managers.population import Counts, Member, Members, team_rep_ids
from pacesetter.metrics.plans import activity_paces
from pacesetter.metrics.values import MetricValues, person_metrics
from pacesetter.store.models import CoachingRecord

Ids = Select[tuple[int]]
# The KPIs that are plain catalogue counts of the records a manager authored in the window.
COACHING_KPIS = ("ride_alongs", "pre_briefs", "debriefs", "team_meetings", "interviews")
# (author, subject, first day of the month or week the record is dated in)
Held = set[tuple[int, int, date]]


def coaching_counts(
    session: Session, managers: Ids, period: Period, as_of: date, calendar: WorkCalendar
) -> MetricValues:
    """Ride-alongs (and shadowing), pre-briefs, debriefs, team meetings and interviews that
    each manager authored in the to-date window: the catalogue's coaching family."""
    return person_metrics(session, managers, period, as_of, COACHING_KPIS, calendar=calendar)


def held_meetings(session: Session, managers: Ids, period: Period, as_of: date) -> dict[str, Held]:
    """The 1:1s (by month) and check-ins (by ISO week) each manager held about someone, dated
    in the months of P or the weeks starting in P, up to d."""
    first = min(period.months()[0].start, period.start)
    statement = select(
        CoachingRecord.type, CoachingRecord.author_id, CoachingRecord.person_id
    ).add_columns(CoachingRecord.occurred_on)
    statement = statement.where(
        CoachingRecord.author_id.in_(managers),
        CoachingRecord.type.in_((CoachingType.ONE_ON_ONE, CoachingType.CHECK_IN)),
        CoachingRecord.person_id.is_not(None),
        CoachingRecord.occurred_on.between(first, as_of),
    )
    found: dict[str, Held] = {CoachingType.ONE_ON_ONE: set(), CoachingType.CHECK_IN: set()}
    for kind, author, person, day in session.execute(statement):
        found[kind].add((author, person, _bucket_start(kind, day)))
    return found


def _bucket_start(kind: str, day: date) -> date:
    """The first day of the month (1:1s) or ISO week (check-ins) a record is dated in."""
    if kind == CoachingType.ONE_ON_ONE:
        return day.replace(day=1)
    return day - timedelta(days=day.weekday())


def cadence_counts(
    manager: int, reports: Iterable[Member], buckets: list[Period], held: Held, as_of: date
) -> tuple[int, int]:
    """(held, due) over the (report, bucket) pairs of one manager: the cadence is held / due,
    null if none is due."""
    due = met = 0
    for report in reports:
        for bucket in buckets:
            if not report.employed_between(bucket.start, bucket.end):
                continue
            was_held = (manager, report.person_id, bucket.start) in held
            if was_held or bucket.end <= as_of:
                due += 1
                met += was_held
    return met, due


def cadences(
    session: Session, managers: Ids, reports: Members, period: Period, as_of: date
) -> dict[int, dict[str, float | None]]:
    """`one_on_one_cadence` and `check_in_cadence` of every manager with direct reports."""
    held = held_meetings(session, managers, period, as_of)
    months, weeks = period.months(), period.weeks()
    found: dict[int, dict[str, float | None]] = {}
    for key, members in reports.items():
        one_on_ones = cadence_counts(key, members, months, held["one_on_one"], as_of)
        check_ins = cadence_counts(key, members, weeks, held["check_in"], as_of)
        found[key] = {
            **share_kpi("one_on_one_cadence", one_on_ones),
            **share_kpi("check_in_cadence", check_ins),
        }
    return found


# The parts of each share KPI, named as the page shows them: part / whole.
SHARE_PARTS: dict[str, tuple[str, str]] = {
    "pct_reps_at_goal": ("at goal", "with a goal"),
    "one_on_one_cadence": ("held", "due"),
    "check_in_cadence": ("held", "due"),
    "crm_compliance": ("complete", "open"),
    "activity_standard": ("on pace", "with a plan"),
    "rep_retention": ("stayed", "at the start"),
    "improvement_plan_rate": ("with a plan", "off track"),
}


def share_kpi(kpi: str, counts: Counts | None) -> dict[str, float | None]:
    """A share KPI, part / whole (null over nothing), and its parts (`kpi:part`, `kpi:whole`)
    that explain it on the page."""
    if counts is None:
        return {kpi: None}
    part, whole = counts
    return {kpi: ratio(part, whole), f"{kpi}:part": part, f"{kpi}:whole": whole}


def activity_standards(
    session: Session,
    grouping: ByTeam,
    reps: Members,
    period: Period,
    as_of: date,
    calendar: WorkCalendar,
) -> dict[int, Counts]:
    """Among each team's reps with an activity plan for P (an activity pace), (those whose
    activity pace is >= 1, those with a plan)."""
    rep_ids = team_rep_ids(grouping.closure, period)
    # The activity paces alone: no QDQ ratings, results or direction share (metrics/plans.py).
    placed = activity_paces(session, rep_ids, period, min(as_of, period.end), calendar)
    found: dict[int, Counts] = {}
    for key, members in reps.items():
        paces = [placed.get(m.person_id) for m in members]
        planned = [pace for pace in paces if pace is not None]
        found[key] = (sum(1 for pace in planned if pace >= 1), len(planned))
    return found
