"""Is data still arriving? The latest date on which data feeding a goal's metric was recorded
for its scope (the person, or everyone in the team), on or before an as-of date.

A batch of goals (an import) asks this at several as-of dates, one per period. Each source is
read once for all of them: the rows up to the last date are grouped per owner, type and
*bucket* (the first asked date on or after the row's day), so the latest date on or before the
i-th asked date is the latest of buckets 0..i. Teams are rolled up from their members in
memory. Three grouped queries at most (activities, deals, coaching records), and one for the
teams' members, whatever the number of goals or dates.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from functools import partial
from itertools import accumulate
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, literal, select, union_all
from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import TEAM, ScopeKey
from pacesetter.domain.vocab import DealStatus
from pacesetter.goals.catalogue import (
    COACHING_GOALS,
    SOURCES,
    activity_types_of,
    goal_metrics,
    source_of,
)
from pacesetter.metrics.grouping import team_closure
from pacesetter.store.models import Activity, CoachingRecord, Deal, Person

LastSeen = dict[tuple[ScopeKey, str], date | None]
# Per scope and row type: the latest date on or before each asked date (None: nothing yet).
ByType = dict[ScopeKey, dict[str, list[date | None]]]
# Per owner (or scope) and row type: the latest date in each bucket.
Buckets = dict[int, dict[str, dict[int, date]]]
Members = dict[ScopeKey, list[int]]
# (who, which type, on which date) of the rows an activity or coaching goal counts.
ACTIVITY = (Activity.owner_id, Activity.type, Activity.occurred_on)
COACHING = (CoachingRecord.author_id, CoachingRecord.type, CoachingRecord.occurred_on)
# Deals are not told apart by type: their latest creation or close is one "type".
DEALS = "deals"


def last_data_on(session: Session, wanted: Iterable[tuple[ScopeKey, str]], as_of: date) -> LastSeen:
    """For each (scope, known metric), the last date its data was seen (None: never)."""
    return last_data_at(session, {as_of: wanted})[as_of]


def last_data_at(
    session: Session, wanted: Mapping[date, Iterable[tuple[ScopeKey, str]]]
) -> dict[date, LastSeen]:
    """`last_data_on` at each as-of date, each for its own (scope, metric) pairs.

    Each source is read only for the scopes whose goals need it."""
    asked = {
        as_of: sorted({(key, slug) for key, slug in pairs if slug in goal_metrics()})
        for as_of, pairs in wanted.items()
    }
    days = sorted(asked)
    every = {pair for pairs in asked.values() for pair in pairs}
    needs = {
        source: sorted({key for key, slug in every if source_of(slug) == source})
        for source in SOURCES
    }
    members = _members(session, sorted({key for key, _ in every}))
    activity = _latest(session, needs["activities"], members, partial(_typed_rows, ACTIVITY), days)
    coaching = _latest(session, needs["coaching"], members, partial(_typed_rows, COACHING), days)
    deals = _latest(session, needs["deals"], members, _deal_rows, days)

    def last(key: ScopeKey, slug: str, index: int) -> date | None:
        source = source_of(slug)
        if source == "deals":
            return _latest_of_types(deals, key, (DEALS,), index)
        if source == "coaching":
            return _latest_of_types(coaching, key, COACHING_GOALS[slug], index)
        return _latest_of_types(activity, key, activity_types_of(slug), index)

    return {
        as_of: {(key, slug): last(key, slug, days.index(as_of)) for key, slug in asked[as_of]}
        for as_of in asked
    }


def _latest_of_types(
    seen: ByType, key: ScopeKey, types: tuple[str, ...] | None, index: int
) -> date | None:
    """The latest date among the given types (all types when None) by the index-th date."""
    by_type = seen.get(key, {})
    days = [dates[index] for kind, dates in by_type.items() if types is None or kind in types]
    return max((day for day in days if day is not None), default=None)


def _members(session: Session, keys: Sequence[ScopeKey]) -> Members:
    """Whose rows count for each scope: the person, or everyone in the team (one query)."""
    found: Members = {key: [key.person_id] for key in keys if key.scope_type != TEAM}
    teams = sorted({key.person_id for key in keys if key.scope_type == TEAM})
    if teams:
        closure = team_closure(select(Person.id).where(Person.id.in_(teams)))
        for ancestor, member in session.execute(select(closure.c.ancestor, closure.c.member)):
            found.setdefault(ScopeKey(TEAM, ancestor), []).append(member)
    return found


def _bucket(day: Any, days: Sequence[date]) -> ColumnElement[int]:
    """The index of the first of `days` on or after `day`."""
    return case(*((day <= as_of, index) for index, as_of in enumerate(days)))


def _typed_rows(
    source: tuple[Any, Any, Any], owners: list[int], days: Sequence[date]
) -> Select[Any]:
    """(owner, type, bucket, latest day) of activities or coaching records."""
    owner, type_, day = source
    # Grouped over a subquery's columns: PostgreSQL does not see two copies of a CASE with
    # bound parameters as the same expression.
    rows = (
        select(owner.label("owner"), type_.label("type"), _bucket(day, days).label("bucket"))
        .add_columns(day.label("day"))
        .where(day <= days[-1], owner.in_(owners))
        .subquery()
    )
    return select(rows.c.owner, rows.c.type, rows.c.bucket, func.max(rows.c.day)).group_by(
        rows.c.owner, rows.c.type, rows.c.bucket
    )


def _deal_rows(owners: list[int], days: Sequence[date]) -> Select[Any]:
    """(owner, "deals", bucket, latest day) of deal creations and closes: a close counts from
    the first asked date by which the deal was both created and closed (before that it was
    still open, or not yet on record)."""
    closed = Deal.status != DealStatus.OPEN
    reached = case((Deal.close_date > Deal.created_date, Deal.close_date), else_=Deal.created_date)
    rows = (
        select(
            Deal.owner_id.label("owner"),
            _bucket(Deal.created_date, days).label("created_bucket"),
            Deal.created_date.label("created"),
            case((closed, _bucket(reached, days))).label("closed_bucket"),
            case((closed, Deal.close_date)).label("closed"),
        )
        .where(Deal.created_date <= days[-1], Deal.owner_id.in_(owners))
        .subquery()
    )
    created = select(
        rows.c.owner, rows.c.created_bucket.label("bucket"), func.max(rows.c.created).label("day")
    ).group_by(rows.c.owner, rows.c.created_bucket)
    closes = (
        select(
            rows.c.owner, rows.c.closed_bucket.label("bucket"), func.max(rows.c.closed).label("day")
        )
        .where(rows.c.closed_bucket.is_not(None))
        .group_by(rows.c.owner, rows.c.closed_bucket)
    )
    both = union_all(created, closes).subquery()
    return select(both.c.owner, literal(DEALS), both.c.bucket, both.c.day)


def _latest(
    session: Session,
    keys: Sequence[ScopeKey],
    members: Members,
    rows: Callable[[list[int], Sequence[date]], Select[Any]],
    days: list[date],
) -> ByType:
    """The latest date of each type of row by each asked date, per scope."""
    if not keys:
        return {}
    owners = sorted({member for key in keys for member in members.get(key, [])})
    per_owner: Buckets = {}
    for owner, kind, bucket, day in session.execute(rows(owners, days)):
        if day is not None:
            best = per_owner.setdefault(owner, {}).setdefault(kind, {})
            best[bucket] = max(day, best.get(bucket, day))
    return {key: _by_date(per_owner, members.get(key, []), len(days)) for key in keys}


def _by_date(per_owner: Buckets, owners: Iterable[int], count: int) -> dict[str, list[date | None]]:
    """The latest date of each type among `owners`, on or before each of `count` dates."""
    buckets: dict[str, list[date | None]] = {}
    for owner in owners:
        for kind, latest in per_owner.get(owner, {}).items():
            best = buckets.setdefault(kind, [None] * count)
            for bucket, day in latest.items():
                current = best[bucket]
                best[bucket] = day if current is None else max(current, day)
    return {kind: list(accumulate(best, _later)) for kind, best in buckets.items()}


def _later(first: date | None, second: date | None) -> date | None:
    if first is None or second is None:
        return first or second
    return max(first, second)
