"""Trailing history: what people and teams achieved in the periods before a goal's period.

Read through the metrics layer (one set of queries per trailing period, for every scope at
once), so a goal is weighed against the very numbers the reports print. A period in which the
person (for a team: its manager) was not employed throughout has no value: a part-period (a
new hire's first weeks) is not comparable, and its 0 would make every target look unrealistic.
Nor has a period that starts before the deals (for an outcome metric) or activities (for an
activity metric) on record begin: the data was not loaded yet, which says nothing about results
(data beginning within the period's first week counts: see `_covered`).

Trailing periods made of whole calendar months, on metrics whose every part the monthly rollups
sum (activities by type, deals won and lost), are read from the rollups once for all of them:
one query per rollup table of each owner's months, summed per period and per team in memory,
then the catalogue's formulas applied (`metrics.values.evaluate`), as the metrics layer does
for the whole months of a report. Other periods and metrics are computed per period by the
metrics layer.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import PERSON, TEAM, ScopeKey
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import DealStatus
from pacesetter.goals.catalogue import goal_metrics, source_of
from pacesetter.goals.queries import people_by_id
from pacesetter.metrics.catalogue import REGISTRY, Aggregate, Metric, Value, in_family, resolve
from pacesetter.metrics.grouping import team_closure
from pacesetter.metrics.rollups import RollupSource, around, rollup_for, whole_months
from pacesetter.metrics.values import evaluate, person_metrics, team_metrics
from pacesetter.store.models import Activity, CoachingRecord, Deal, Person

History = dict[tuple[ScopeKey, str], list[float | None]]
# Values by (scope type, person), then metric slug.
Found = dict[tuple[str, int], dict[str, Value]]
# A rollup's sums by owner, then month (its first day), then metric slug.
Monthly = dict[int, dict[date, dict[str, Any]]]
# How late in a period the data on record may begin for the period to count as history.
COVERED_GRACE = timedelta(days=6)


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
    return trailing_histories(session, scopes, {period: metrics}, count, today=today)[period]


def trailing_histories(
    session: Session,
    scopes: Iterable[ScopeKey],
    metrics: Mapping[Period, Iterable[str]],
    count: int,
    *,
    today: date,
) -> dict[Period, TrailingHistory]:
    """`trailing_history` of several periods at once, each with its own metrics (an import's):
    a trailing period shared by several of them (the months before June and before May) is
    computed once, and where the data on record begins is read once."""
    wanted = {period: trailing_periods(period, count, today) for period in metrics}
    slugs = {period: _known(names) for period, names in metrics.items()}
    keys = sorted(set(scopes))
    every = sorted({slug for names in slugs.values() for slug in names})
    if not every or not keys:
        return {period: TrailingHistory(past, {}) for period, past in wanted.items()}
    pasts = sorted({past for found in wanted.values() for past in found})
    value = _Values(session, keys, every, pasts)
    return {
        period: TrailingHistory(wanted[period], value.history(slugs[period], wanted[period]))
        for period in wanted
    }


def _known(metrics: Iterable[str]) -> list[str]:
    """The goal metrics of the catalogue among `metrics` (others have no history)."""
    return sorted({slug for slug in metrics if slug in REGISTRY and slug in goal_metrics()})


class _Values:
    """Each scope's value of a metric in a trailing period, or None (see the module): every
    period's metrics read once, employment and data coverage worked out once per period."""

    def __init__(
        self, session: Session, keys: list[ScopeKey], slugs: list[str], periods: list[Period]
    ) -> None:
        people = people_by_id(session, [key.person_id for key in keys])
        starts = _data_starts(session)
        self.keys = keys
        self.found = _found(session, keys, slugs, periods)
        self.covered = {
            (source, past): _covered(start, past)
            for source, start in starts.items()
            for past in periods
        }
        self.employed = {
            (person_id, past): _employed_throughout(people.get(person_id), past)
            for person_id in {key.person_id for key in keys}
            for past in periods
        }

    def history(self, slugs: Sequence[str], pasts: Sequence[Period]) -> History:
        """Every scope's values of `slugs` in the trailing periods `pasts` (latest first)."""
        covered = {
            slug: [self.covered[(source_of(slug), past)] for past in pasts] for slug in slugs
        }
        found: History = {}
        for key in self.keys:
            scope = key.scope_type, key.person_id
            rows = [
                self.found[past].get(scope, {}) if self.employed[(key.person_id, past)] else {}
                for past in pasts
            ]
            for slug in slugs:
                found[(key, slug)] = [
                    _number(row.get(slug)) if counts else None
                    for row, counts in zip(rows, covered[slug], strict=True)
                ]
        return found


def _found(
    session: Session, keys: list[ScopeKey], slugs: list[str], periods: list[Period]
) -> dict[Period, Found]:
    """Every scope's values of `slugs` in each of `periods`: from the monthly rollups where
    they can give them (see the module), the rest from the metrics layer period by period."""
    months = [past for past in periods if _whole_months(past)]
    rolled = [slug for slug in slugs if _rolled_up(slug)] if months else []
    found = _from_rollups(session, keys, rolled, months)
    for past in periods:
        rest = slugs if past not in found else [slug for slug in slugs if slug not in rolled]
        values = _values_in(session, keys, rest, past) if rest else {}
        into = found.setdefault(past, {})
        for scope, row in values.items():
            into.setdefault(scope, {}).update(row)
    return found


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


def _whole_months(period: Period) -> bool:
    window = period.start, period.end
    months = whole_months(window)
    return months is not None and not around(window, months)


def _rolled_up(slug: str) -> bool:
    """Every SQL part of the metric is summed by a monthly rollup (metrics/rollups.py)."""
    plan = resolve([slug])
    families = {m.source.family for m in plan if isinstance(m.source, Aggregate)}
    return all(isinstance(m.source, Aggregate) or m.formula is not None for m in plan) and all(
        isinstance(rollup_for(family, in_family(plan, family)), RollupSource) for family in families
    )


def _from_rollups(
    session: Session, keys: list[ScopeKey], slugs: list[str], periods: list[Period]
) -> dict[Period, Found]:
    """The values of `slugs` (all rolled up) in `periods` (all whole months), for every scope
    whose person exists: each owner's months read once, then summed per period and team."""
    if not slugs or not periods:
        return {}
    plan = resolve(slugs)
    members = _members(session, keys)
    owners = sorted({owner for group in members.values() for owner in group})
    first, last = min(p.start for p in periods), max(p.end for p in periods)
    monthly: Monthly = {}
    families = dict.fromkeys(m.source.family for m in plan if isinstance(m.source, Aggregate))
    for family in families:
        metrics = in_family(plan, family)
        source = rollup_for(family, metrics)
        if isinstance(source, RollupSource):  # always: `_rolled_up` chose only such metrics
            _read_months(session, source, metrics, owners, (first, last), monthly)
    found: dict[Period, Found] = {}
    for past in periods:
        per_owner = {
            owner: _summed(sums for month, sums in months.items() if _within(month, past))
            for owner, months in monthly.items()
        }
        found[past] = {
            scope: evaluate(plan, _summed(per_owner.get(owner, {}) for owner in group), slugs)
            for scope, group in members.items()
        }
    return found


def _members(session: Session, keys: list[ScopeKey]) -> dict[tuple[str, int], list[int]]:
    """Whose rows count for each scope whose person exists: the person, or the manager and
    everyone below them (the metrics layer's team closure, one query)."""
    ids = [key.person_id for key in keys]
    existing = set(session.scalars(select(Person.id).where(Person.id.in_(ids))))
    found = {
        (PERSON, key.person_id): [key.person_id]
        for key in keys
        if key.scope_type == PERSON and key.person_id in existing
    }
    teams = sorted({key.person_id for key in keys if key.scope_type == TEAM} & existing)
    if teams:
        closure = team_closure(select(Person.id).where(Person.id.in_(teams)))
        for ancestor, member in session.execute(select(closure.c.ancestor, closure.c.member)):
            found.setdefault((TEAM, ancestor), []).append(member)
    return found


def _read_months(
    session: Session,
    source: RollupSource,
    metrics: list[Metric],
    owners: list[int],
    span: tuple[date, date],
    into: Monthly,
) -> None:
    """Each owner's sums of `metrics` per month of `span` from the rollup `source`."""
    rows = source.table.c
    sums = [source.sums[m.slug](rows).label(m.slug) for m in metrics]
    statement = (
        select(rows.owner_id, rows.month, *sums)
        .where(rows.owner_id.in_(owners), rows.month.between(*span))
        .group_by(rows.owner_id, rows.month)
    )
    for row in session.execute(statement).mappings():
        sums_of_month = into.setdefault(row["owner_id"], {}).setdefault(row["month"], {})
        sums_of_month.update((m.slug, row[m.slug]) for m in metrics)


def _within(day: date, period: Period) -> bool:
    return period.start <= day <= period.end


def _summed(parts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The sums of `parts` by slug (a part missing everywhere stays out: `evaluate` counts it
    0, as the metrics layer does)."""
    total: dict[str, Any] = {}
    for part in parts:
        for slug, value in part.items():
            if value is not None:
                total[slug] = total.get(slug, 0) + value
    return total


def _number(value: Value) -> float | None:
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
    # The earliest of each owner's first activity: one probe of the (owner, day) index per
    # person instead of a scan of every activity (2.4 s at 1.9M rows, 0.24 s this way).
    first_of_owner = select(func.min(Activity.occurred_on)).where(Activity.owner_id == Person.id)
    return {
        "deals": deals,
        "activities": session.scalar(select(func.min(first_of_owner.scalar_subquery()))),
        "coaching": session.scalar(select(func.min(CoachingRecord.occurred_on))),
    }


def _covered(first_on_record: date | None, period: Period) -> bool:
    """Data on record from the period's first week on: a first deal closed on the quarter's
    second working day (after a holiday and a weekend) still makes a whole quarter."""
    return first_on_record is not None and first_on_record <= period.start + COVERED_GRACE


def _employed_throughout(person: Person | None, period: Period) -> bool:
    if person is None:
        return False
    started = person.start_date is None or person.start_date <= period.start
    return started and (person.end_date is None or person.end_date >= period.end)
