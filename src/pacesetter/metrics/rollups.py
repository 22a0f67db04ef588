"""Whole months read from the rollups (store/models/rollups.py) instead of the raw rows.

A family with a rollup (activities, their direction, closed deals) splits a report's to-date
window in two: the whole calendar months inside it, read from the rollup as a few rows per
person, and the days before and after them (a month to date, a milestone starting mid-month),
read from the raw rows exactly as before. Every catalogue aggregate is a sum or a count, so the
two parts add up to what the raw rows alone give; a metric without a rollup sum here keeps its
family on the raw rows. The rollups are kept equal to the raw rows in the same transaction as
every write (store/rollups.py), so a report never mixes a stale month in.

The follow-ups are read whole from their rollup, by day: each day due in the window (see
metrics/follow_ups.py) has its window's length in days, and a day's meetings count as followed
where their next touch came within it. Only a calendar whose window is longer than
the rollup's reach somewhere in the report sends the family back to the raw rows.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, case, func, literal, select
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
    ReportContext,
    Window,
)
from pacesetter.metrics.follow_ups import FOLLOW_UPS, due_windows
from pacesetter.metrics.sql import sum_where
from pacesetter.store.models import ActivityRollup, DealRollup, FollowUpRollup
from pacesetter.store.models.rollups import FOLLOW_UP_REACH_DAYS

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


# A sum over the follow-up rollup's rows, given whether each row's meetings were followed.
DueSum = Callable[[Columns, ColumnElement[bool]], ColumnElement[Any]]
# A day due and the length in days of its follow-up window.
DueDay = tuple[date, int]


@dataclass(frozen=True)
class FollowUpSource:
    """The follow-up rollup and, per metric slug, its sum over the rollup's rows."""

    sums: dict[str, DueSum]

    def covers(self, metrics: Sequence[Metric]) -> bool:
        return all(m.slug in self.sums for m in metrics)

    def due_days(self, context: ReportContext) -> list[DueDay] | None:
        """The days of the to-date window due by d, with their windows' lengths; None when
        some window reaches further than the rollup looks ahead."""
        window = context.window  # checked first: the calendar is read only when needed
        due = due_windows(window, context.as_of, context.calendar) if window else []
        days = [(day, (window_end - day).days) for day, window_end in due]
        return days if all(length <= FOLLOW_UP_REACH_DAYS for _, length in days) else None

    def per_owner(
        self, owners: Owners, due: list[DueDay], metrics: Sequence[Metric]
    ) -> Select[Any]:
        """Per owner (as `key`), the sums of `metrics` over the meetings of the `due` days."""
        rows = FollowUpRollup.__table__.c
        followed = rows.next_touch_days <= _window_length(rows.day, due)
        sums = [self.sums[m.slug](rows, followed).label(m.slug) for m in metrics]
        return (
            select(rows.owner_id.label("key"), *sums)
            .where(rows.owner_id.in_(owners), rows.day.between(due[0][0], due[-1][0]))
            .group_by(rows.owner_id)
        )


def _window_length(day: ColumnElement[date], due: list[DueDay]) -> ColumnElement[int]:
    """The length of the follow-up window of `day`, one of the `due` days, as a CASE over the
    few lengths a calendar gives (the commonest last): a join to a table of the days would
    make SQLite scan that table once per rollup row."""
    by_length: dict[int, list[date]] = {}
    for when, length in due:
        by_length.setdefault(length, []).append(when)
    commonest, *others = sorted(by_length, key=lambda length: -len(by_length[length]))
    if not others:
        return literal(commonest)
    return case(*((day.in_(by_length[length]), length) for length in others), else_=commonest)


FOLLOW_UP_SOURCE = FollowUpSource(
    {
        "follow_ups_due": lambda rows, followed: func.sum(rows.meetings),
        "follow_ups_done": lambda rows, followed: sum_where(followed, rows.meetings),
    }
)


def rollup_for(family: Family, metrics: Sequence[Metric]) -> RollupSource | FollowUpSource | None:
    """The rollup that sums every one of `metrics` of `family`, if there is one."""
    source = FOLLOW_UP_SOURCE if family is FOLLOW_UPS else SOURCES.get(family.name)
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
