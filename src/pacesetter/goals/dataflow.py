"""Is data still arriving? The latest date on which data feeding a goal's metric was recorded
for its scope (the person, or everyone in the team), on or before an as-of date.

A batch of goals (an import) asks this at several as-of dates, one per period. Each source is
read once for all of them. Activities and coaching records are probed: for each owner, type
wanted and asked date, the latest row on or before it, one step into the (owner, day, type)
index each (a year of activities is not read to find a dozen dates per person). Deals are
grouped per owner and *bucket* (the first asked date on or after the row's day), so the latest
date on or before the i-th asked date is the latest of buckets 0..i. Teams are rolled up from
their members in memory. Three queries at most (activities, deals, coaching records), and one
for the teams' members, whatever the number of goals or dates.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from itertools import accumulate
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    String,
    case,
    func,
    literal,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import TEAM, ScopeKey
from pacesetter.domain.vocab import ActivityType, DealStatus
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
    metrics = goal_metrics()
    asked = {
        as_of: {(key, slug) for key, slug in pairs if slug in metrics}
        for as_of, pairs in wanted.items()
    }
    days = sorted(asked)
    every = {pair for pairs in asked.values() for pair in pairs}
    needs = {
        source: sorted({key for key, slug in every if source_of(slug) == source})
        for source in SOURCES
    }
    members = _members(session, sorted({key for key, _ in every}))
    seen = {
        "activities": _probed(
            session, needs["activities"], members, ACTIVITY, _types(every, "activities"), days
        ),
        "coaching": _probed(
            session, needs["coaching"], members, COACHING, _types(every, "coaching"), days
        ),
        "deals": _latest(session, needs["deals"], members, _deal_rows, days),
    }
    feeds = {slug: (seen[source_of(slug)], _types_of(slug)) for _, slug in every}
    return {
        as_of: {
            (key, slug): _latest_of_types(*feeds[slug], key, index) for key, slug in asked[as_of]
        }
        for index, as_of in enumerate(days)
    }


def _types_of(slug: str) -> tuple[str, ...] | None:
    """The row types that feed a goal metric (None: every activity type)."""
    source = source_of(slug)
    if source == "deals":
        return (DEALS,)
    return COACHING_GOALS[slug] if source == "coaching" else activity_types_of(slug)


def _types(pairs: Iterable[tuple[ScopeKey, str]], source: str) -> list[str]:
    """The row types of `source` that the pairs' metrics count."""
    every = tuple(ActivityType)
    return sorted(
        {
            kind
            for _, slug in pairs
            if source_of(slug) == source
            for kind in _types_of(slug) or every
        }
    )


def _latest_of_types(
    seen: ByType, types: tuple[str, ...] | None, key: ScopeKey, index: int
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


def _probed(
    session: Session,
    keys: Sequence[ScopeKey],
    members: Members,
    source: tuple[Any, Any, Any],
    types: list[str],
    days: Sequence[date],
) -> ByType:
    """The latest date of each of `types` of activity or coaching record (`source`), on or
    before each asked date, per scope."""
    if not keys or not types:
        return {}
    owners = sorted({member for key in keys for member in members.get(key, [])})
    per_owner: dict[int, dict[str, list[date | None]]] = {}
    for owner, kind, index, day in session.execute(_probe(source, owners, types, days)):
        per_owner.setdefault(owner, {}).setdefault(kind, [None] * len(days))[index] = day
    return {key: _pooled(per_owner, members.get(key, []), len(days)) for key in keys}


def _probe(
    source: tuple[Any, Any, Any], owners: list[int], types: list[str], days: Sequence[date]
) -> Select[Any]:
    """(owner, type, index of the asked date, latest day on or before it) for every owner,
    type and asked date: a correlated probe of the (owner, day) index each."""
    owner, type_, day = source
    asked = union_all(
        *(
            select(
                literal(kind, String).label("kind"),
                literal(index).label("at"),
                literal(as_of, Date).label("day"),
            )
            for kind in types
            for index, as_of in enumerate(days)
        )
    ).subquery("asked")
    who = select(Person.id.label("owner")).where(Person.id.in_(owners)).subquery("who")
    latest = (
        select(day)
        .where(owner == who.c.owner, type_ == asked.c.kind, day <= asked.c.day)
        .order_by(day.desc())
        .limit(1)
        .scalar_subquery()
    )
    return select(who.c.owner, asked.c.kind, asked.c.at, latest).select_from(
        who.join(asked, true())
    )


def _pooled(
    per_owner: dict[int, dict[str, list[date | None]]], owners: Iterable[int], count: int
) -> dict[str, list[date | None]]:
    """The latest of `owners`' dates of each type at each of `count` asked dates."""
    pooled: dict[str, list[date | None]] = {}
    for owner in owners:
        for kind, latest in per_owner.get(owner, {}).items():
            best = pooled.setdefault(kind, [None] * count)
            pooled[kind] = [_later(mine, theirs) for mine, theirs in zip(best, latest, strict=True)]
    return pooled


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
