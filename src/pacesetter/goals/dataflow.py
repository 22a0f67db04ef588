"""Is data still arriving? The latest date on which data feeding a goal's metric was recorded
for its scope (the person, or everyone in the team), on or before the as-of date.

Three grouped queries at most (activities by type, deals, coaching records by type), whatever
the number of goals, each joined to (scope, member) pairs built in SQL.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import CTE, Select, case, func, select
from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import PERSON, TEAM, ScopeKey
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
ByType = dict[tuple[ScopeKey, str], date]
# (who, which type, on which date) of the rows an activity or coaching goal counts.
ACTIVITY_ROWS = (Activity.owner_id, Activity.type, Activity.occurred_on)
COACHING_ROWS = (CoachingRecord.author_id, CoachingRecord.type, CoachingRecord.occurred_on)


def last_data_on(session: Session, wanted: Iterable[tuple[ScopeKey, str]], as_of: date) -> LastSeen:
    """For each (scope, known metric), the last date its data was seen (None: never).

    Each source is read only for the scopes whose goals need it."""
    pairs = sorted({(key, slug) for key, slug in wanted if slug in goal_metrics()})
    needs = {
        source: sorted({key for key, slug in pairs if source_of(slug) == source})
        for source in SOURCES
    }
    activity = _latest_by_type(session, needs["activities"], ACTIVITY_ROWS, as_of)
    coaching = _latest_by_type(session, needs["coaching"], COACHING_ROWS, as_of)
    deals = _latest_deal_dates(session, needs["deals"], as_of)

    def last(key: ScopeKey, slug: str) -> date | None:
        source = source_of(slug)
        if source == "deals":
            return deals.get(key)
        if source == "coaching":
            return _latest_of_types(coaching, key, COACHING_GOALS[slug])
        return _latest_of_types(activity, key, activity_types_of(slug))

    return {(key, slug): last(key, slug) for key, slug in pairs}


def _latest_of_types(seen: ByType, key: ScopeKey, types: tuple[str, ...] | None) -> date | None:
    """The latest date among the given types (all types when None)."""
    days = [day for (k, kind), day in seen.items() if k == key and (types is None or kind in types)]
    return max(days, default=None)


def _members(keys: Sequence[ScopeKey]) -> list[tuple[str, Select[Any]]]:
    """(scope type, a selectable of (ancestor, member)) for persons and teams."""
    found = []
    persons = [k.person_id for k in keys if k.scope_type != TEAM]
    teams = [k.person_id for k in keys if k.scope_type == TEAM]
    if persons:
        own = select(Person.id.label("ancestor"), Person.id.label("member"))
        found.append((PERSON, own.where(Person.id.in_(persons)).subquery("own")))
    if teams:
        closure: CTE = team_closure(select(Person.id).where(Person.id.in_(teams)))
        found.append((TEAM, closure))
    return found


def _latest_by_type(
    session: Session, keys: Sequence[ScopeKey], rows: tuple[Any, Any, Any], as_of: date
) -> ByType:
    """The last date of each type of row, per scope."""
    owner, type_, day = rows
    latest: ByType = {}
    for scope_type, pairs in _members(keys):
        statement = (
            select(pairs.c.ancestor, type_, func.max(day))
            .join(pairs, pairs.c.member == owner)
            .where(day <= as_of)
            .group_by(pairs.c.ancestor, type_)
        )
        for ancestor, kind, seen in session.execute(statement):
            latest[(ScopeKey(scope_type, ancestor), kind)] = seen
    return latest


def _latest_deal_dates(
    session: Session, keys: Sequence[ScopeKey], as_of: date
) -> dict[ScopeKey, date]:
    """The later of the last deal created and the last deal closed, up to `as_of`."""
    # A deal closed after as_of was still open then: only its creation had been seen.
    closed = case(((Deal.status != DealStatus.OPEN) & (Deal.close_date <= as_of), Deal.close_date))
    latest: dict[ScopeKey, date] = {}
    for scope_type, pairs in _members(keys):
        statement = (
            select(pairs.c.ancestor, func.max(Deal.created_date), func.max(closed))
            .join(pairs, pairs.c.member == Deal.owner_id)
            .where(Deal.created_date <= as_of)
            .group_by(pairs.c.ancestor)
        )
        for ancestor, created, closed_on in session.execute(statement):
            latest[ScopeKey(scope_type, ancestor)] = max(d for d in (created, closed_on) if d)
    return latest
