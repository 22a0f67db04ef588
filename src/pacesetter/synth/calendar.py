"""Dates of the generated window: months, quarters, working days and the seasonality profile."""

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

# Sales is quieter in the summer holidays and around Christmas, busier before quarter ends.
MONTH_FACTOR = {
    1: 0.92, 2: 1.0, 3: 1.06, 4: 1.0, 5: 1.0, 6: 1.04,
    7: 0.9, 8: 0.74, 9: 1.05, 10: 1.05, 11: 1.0, 12: 0.8,
}  # fmt: skip
WEEKDAY_FACTOR = (1.05, 1.05, 1.0, 1.0, 0.85, 0.0, 0.0)
QUARTER_END_PUSH = 1.15
QUARTER_END_WORKING_DAYS = 8
# Days nobody works, whatever their country: (month, day).
CLOSED_DAYS = ((1, 1), (12, 24), (12, 25), (12, 26), (12, 31))


@dataclass(frozen=True, slots=True)
class Window:
    """The generated period: whole months from `start` up to and including `as_of`."""

    start: date
    as_of: date

    @classmethod
    def ending(cls, as_of: date, months: int) -> "Window":
        return cls(month_start(add_months(as_of, -(months - 1))), as_of)

    def months(self) -> list[date]:
        return list(iter_months(self.start, self.as_of))

    def quarters(self) -> list[date]:
        """Quarters that start inside the window (the first is whole, the last may be running)."""
        return [m for m in self.months() if m.month in (1, 4, 7, 10)]


@dataclass(frozen=True, slots=True)
class Day:
    """One calendar day as the activity stream needs it, precomputed once for all sellers."""

    ordinal: int
    prefix: str  # "2026-03-04T", the date part of an ISO date-time
    month_index: int
    factor: float  # expected activity relative to an average working day; 0 on days off


def month_start(d: date) -> date:
    return d.replace(day=1)


def add_months(d: date, n: int) -> date:
    """The first day of the month n months from d's month."""
    index = d.year * 12 + d.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def month_end(d: date) -> date:
    return add_months(d, 1) - timedelta(days=1)


def quarter_end(d: date) -> date:
    return month_end(date(d.year, (d.month - 1) // 3 * 3 + 3, 1))


def month_key(d: date) -> str:
    return f"{d.year}-{d.month:02d}"


def quarter_key(d: date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def iter_months(start: date, end: date) -> Iterator[date]:
    month = month_start(start)
    while month <= end:
        yield month
        month = add_months(month, 1)


def is_working_day(d: date) -> bool:
    return d.weekday() < 5 and (d.month, d.day) not in CLOSED_DAYS


def working_days(start: date, end: date) -> list[date]:
    """Working days from start to end inclusive, sliced from a per-year table (a hot call)."""
    days: list[date] = []
    for year in range(start.year, end.year + 1):
        table = _working_days_of_year(year)
        days += table[bisect_left(table, start) : bisect_right(table, end)]
    return days


@lru_cache(maxsize=64)
def _working_days_of_year(year: int) -> tuple[date, ...]:
    first = date(year, 1, 1)
    every_day = (first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days))
    return tuple(d for d in every_day if is_working_day(d))


def next_working_day(d: date) -> date:
    """d itself when it is a working day, else the first working day after it."""
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def months_between(start: date, later: date) -> int:
    """Whole calendar months from start's month to later's month."""
    return (later.year - start.year) * 12 + later.month - start.month


def build_days(window: Window) -> list[Day]:
    """Every calendar day of the window with its activity factor (season, weekday, quarter end)."""
    pushes = _quarter_end_push_days(window)
    days = []
    for offset in range((window.as_of - window.start).days + 1):
        d = window.start + timedelta(days=offset)
        factor = MONTH_FACTOR[d.month] * WEEKDAY_FACTOR[d.weekday()] if is_working_day(d) else 0.0
        if d in pushes:
            factor *= QUARTER_END_PUSH
        month_index = months_between(window.start, d)
        days.append(Day(d.toordinal(), f"{d.isoformat()}T", month_index, factor))
    return days


def _quarter_end_push_days(window: Window) -> frozenset[date]:
    ends = {quarter_end(m) for m in window.months()}
    last_days = (working_days(end - timedelta(days=20), end) for end in sorted(ends))
    return frozenset(d for days in last_days for d in days[-QUARTER_END_WORKING_DAYS:])
