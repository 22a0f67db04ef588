"""Trailing history: what people and teams achieved in the periods before a goal's period.

Read through the metrics layer (one set of queries per trailing period, for every scope at
once), so a goal is weighed against the very numbers the reports print. A period in which the
person (for a team: its manager) was not employed throughout has no value: a part-period (a
new hire's first weeks) is not comparable, and its 0 would make every target look unrealistic.
Nor has a period that starts before the deals (for an outcome metric) or activities (for an
activity metric) on record begin: the data was not loaded yet, which says nothing about results.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import PERSON, TEAM, ScopeKey
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import DealStatus
from pacesetter.goals.catalogue import goal_metrics, source_of
from pacesetter.goals.queries import people_by_id
from pacesetter.metrics.catalogue import REGISTRY, Value
from pacesetter.metrics.values import person_metrics, team_metrics
from pacesetter.store.models import Activity, CoachingRecord, Deal, Person

History = dict[tuple[ScopeKey, str], list[float | None]]


@dataclass(frozen=True)
class TrailingHistory:
    """The trailing periods of a period, latest first, and the values found in them."""

    periods: list[Period]
    values: History


def trailing_periods(period: Period, count: int, today: date) -> list[Period]:
    """The `count` periods of the same kind before `period` that are over by `today`, latest
    first: a quarter still under way is not yet a comparable quarter."""
    current = period.previous()
    while current.end >= today:
        current = current.previous()
    found = [current]
    while len(found) < count:
        found.append(found[-1].previous())
    return found


def trailing_history(
    session: Session,
    scopes: Iterable[ScopeKey],
    metrics: Iterable[str],
    period: Period,
    count: int,
    *,
    today: date,
) -> TrailingHistory:
    """Each scope's value of each metric in each trailing period (None: see the module).

    Metrics outside the catalogue have no history here.
    """
    periods = trailing_periods(period, count, today)
    slugs = sorted({slug for slug in metrics if slug in REGISTRY and slug in goal_metrics()})
    keys = sorted(set(scopes))
    values: History = {(key, slug): [] for key in keys for slug in slugs}
    if not slugs or not keys:
        return TrailingHistory(periods, values)
    people = people_by_id(session, [key.person_id for key in keys])
    starts = _data_starts(session)
    for past in periods:
        found = _values_in(session, keys, slugs, past)
        for key, slug in values:
            covered = _covered(starts[source_of(slug)], past)
            employed = _employed_throughout(people.get(key.person_id), past)
            values[(key, slug)].append(_number(found, key, slug) if covered and employed else None)
    return TrailingHistory(periods, values)


def _values_in(
    session: Session, keys: Sequence[ScopeKey], slugs: list[str], period: Period
) -> dict[tuple[str, int], dict[str, Value]]:
    """The metrics of every scope over the whole of `period`, by (scope type, person)."""
    found: dict[tuple[str, int], dict[str, Value]] = {}
    for scope_type, compute in ((PERSON, person_metrics), (TEAM, team_metrics)):
        ids = [key.person_id for key in keys if key.scope_type == scope_type]
        if ids:
            selected = select(Person.id).where(Person.id.in_(ids))
            for person_id, row in compute(session, selected, period, period.end, slugs).items():
                found[(scope_type, person_id)] = row
    return found


def _number(
    found: dict[tuple[str, int], dict[str, Value]], key: ScopeKey, slug: str
) -> float | None:
    value = found.get((key.scope_type, key.person_id), {}).get(slug)
    return None if value is None else float(value)


def _data_starts(session: Session) -> dict[str, date | None]:
    """The first date on record of each source of history. Deals count from the later of the
    first created and the first closed: an export of recent deals carries older creation
    dates, yet says nothing about what was won before its first close."""
    closed = Deal.status != DealStatus.OPEN
    first_created, first_closed = session.execute(
        select(func.min(Deal.created_date), func.min(case((closed, Deal.close_date))))
    ).one()
    deals = max(first_created, first_closed) if first_created and first_closed else None
    return {
        "deals": deals,
        "activities": session.scalar(select(func.min(Activity.occurred_on))),
        "coaching": session.scalar(select(func.min(CoachingRecord.occurred_on))),
    }


def _covered(first_on_record: date | None, period: Period) -> bool:
    return first_on_record is not None and first_on_record <= period.start


def _employed_throughout(person: Person | None, period: Period) -> bool:
    if person is None:
        return False
    started = person.start_date is None or person.start_date <= period.start
    return started and (person.end_date is None or person.end_date >= period.end)
