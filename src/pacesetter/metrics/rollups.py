"""Whole months read from the rollups (store/models/rollups.py) instead of the raw rows.

A family with a rollup (activities, their direction, closed deals) splits a report's to-date
window in two: the whole calendar months inside it, read from the rollup as a few rows per
person, and the days before and after them (a month to date, a milestone starting mid-month),
read from the raw rows exactly as before. Every catalogue aggregate is a sum or a count, so the
two parts add up to what the raw rows alone give; a metric without a rollup sum here keeps its
family on the raw rows. The rollups are kept equal to the raw rows in the same transaction as
every write (store/rollups.py), so a report never mixes a stale month in.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, func, select
from sqlalchemy.sql.base import ReadOnlyColumnCollection

from pacesetter.domain.periods import PeriodKind, period_of
from pacesetter.domain.vocab import ActivityType, DealStatus
from pacesetter.metrics.catalogue import Metric
from pacesetter.metrics.families import (
    ACTIVITIES,
    CLOSED_DEALS,
    DIRECTION,
    Family,
    Owners,
    Window,
)
from pacesetter.metrics.sql import sum_where
from pacesetter.store.models import ActivityRollup, DealRollup

Columns = ReadOnlyColumnCollection[str, Any]
Sum = Callable[[Columns], ColumnElement[Any]]
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class RollupSource:
    """A rollup table and, per metric slug, its sum over the table's rows."""

    table: Table
    sums: dict[str, Sum]

    def covers(self, metrics: Sequence[Metric]) -> bool:
        return all(m.slug in self.sums for m in metrics)

    def per_owner(self, owners: Owners, months: Window, metrics: Sequence[Metric]) -> Select[Any]:
        """Per owner (as `key`), the sums of `metrics` over the months from months[0] to
        months[1] (their first days)."""
        rows = self.table.c
        sums = [self.sums[m.slug](rows).label(m.slug) for m in metrics]
        return (
            select(rows.owner_id.label("key"), *sums)
            .where(rows.owner_id.in_(owners), rows.month.between(*months))
            .group_by(rows.owner_id)
        )


def _activities_of(kind: ActivityType) -> Sum:
    return lambda rows: sum_where(rows.type == kind, rows.activities)


def _won(column: str) -> Sum:
    return lambda rows: sum_where(rows.status == DealStatus.WON, rows[column])


ACTIVITY_SUMS: dict[str, Sum] = {
    "activities": lambda rows: func.sum(rows.activities),
    **{f"activities_{kind.value}": _activities_of(kind) for kind in ActivityType},
}
CLOSED_DEAL_SUMS: dict[str, Sum] = {
    "revenue_won": _won("amount"),
    "margin_won": _won("margin"),
    "deals_won": _won("deals"),
    "cycle_days_total": _won("cycle_days"),
    "deals_lost": lambda rows: sum_where(rows.status == DealStatus.LOST, rows.deals),
}
DIRECTION_SUMS: dict[str, Sum] = {"directed_activities": lambda rows: func.sum(rows.directed)}
SOURCES: dict[str, RollupSource] = {
    ACTIVITIES.name: RollupSource(ActivityRollup.__table__, ACTIVITY_SUMS),  # type: ignore[arg-type]
    DIRECTION.name: RollupSource(ActivityRollup.__table__, DIRECTION_SUMS),  # type: ignore[arg-type]
    CLOSED_DEALS.name: RollupSource(DealRollup.__table__, CLOSED_DEAL_SUMS),  # type: ignore[arg-type]
}


def rollup_for(family: Family, metrics: Sequence[Metric]) -> RollupSource | None:
    """The rollup that sums every one of `metrics` of `family`, if there is one."""
    source = SOURCES.get(family.name)
    return source if source is not None and source.covers(metrics) else None


def whole_months(window: Window) -> Window | None:
    """The first days of the first and the last whole calendar month inside `window`; None
    when it holds no whole month."""
    start, end = window
    first = period_of(start, PeriodKind.MONTH)
    if first.start != start:
        first = period_of(first.end + ONE_DAY, PeriodKind.MONTH)
    last = period_of(end, PeriodKind.MONTH)
    if last.end != end:
        last = last.previous()
    return (first.start, last.start) if first.start <= last.start else None


def around(window: Window, months: Window) -> list[Window]:
    """The days of `window` before and after its whole `months` (none, one or two stretches)."""
    start, end = window
    after = period_of(months[1], PeriodKind.MONTH).end + ONE_DAY
    stretches = [(start, months[0] - ONE_DAY), (after, end)]
    return [(first, last) for first, last in stretches if first <= last]
