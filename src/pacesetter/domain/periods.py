"""Periods: the ISO weeks, months, quarters and years that goals, plans and reports are about.

Names follow metrics.md: month `2026-03`, quarter `2026-Q1`, year `2026`, ISO week `2026-W07`.

Fiscal years. With the fiscal year starting in month m (1 = January, the default), a fiscal year
is named by the calendar year in which it ENDS, as a sales manager says "FY26": with m = 4, `2026`
is 2025-04-01..2026-03-31 and `2026-Q1` is 2025-04-01..2025-06-30. Only quarters and years depend
on m; months and ISO weeks never do, so a `Period` of those kinds always carries m = 1.

Elapsed fraction. `elapsed_fraction(P, d)` is the share of P's working days up to and including d
(0 before P, 1 from its last day on). With a milestone `Distribution`, each sub-period of P
(clipped to P) elapses by its own working days and contributes its weight times that fraction,
so completed sub-periods count in full. A stretch without a single working day (a week of
holidays) elapses by calendar days instead: the fraction still runs from 0 to 1 and pacing never
divides by zero.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import total_ordering
from math import fsum, isfinite
from numbers import Real
from types import MappingProxyType

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.errors import Invalid

ONE_DAY = timedelta(days=1)
# The dates and period years a person may ask about: wide enough for any real sales history or
# plan, narrow enough that every neighbouring period and fiscal year still has a date.
FIRST_YEAR, LAST_YEAR = 1900, 2999
EARLIEST_DAY, LATEST_DAY = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)


class PeriodError(Invalid, ValueError):
    """A period name, period or milestone distribution that does not make sense."""


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


# A kind can be split into the kinds ranked below it.
_FINENESS = {PeriodKind.WEEK: 0, PeriodKind.MONTH: 1, PeriodKind.QUARTER: 2, PeriodKind.YEAR: 3}
_LENGTH_IN_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}
_NAME_FORMATS = {
    PeriodKind.WEEK: "{year:04d}-W{number:02d}",
    PeriodKind.MONTH: "{year:04d}-{number:02d}",
    PeriodKind.QUARTER: "{year:04d}-Q{number}",
    PeriodKind.YEAR: "{year:04d}",
}
# Lenient on case and leading zeros; `Period.name` is the canonical spelling.
_NAME_PATTERNS = {
    PeriodKind.WEEK: re.compile(r"(\d{4})-W(\d{1,2})", re.IGNORECASE),
    PeriodKind.MONTH: re.compile(r"(\d{4})-(\d{1,2})"),
    PeriodKind.QUARTER: re.compile(r"(\d{4})-Q(\d)", re.IGNORECASE),
    PeriodKind.YEAR: re.compile(r"(\d{4})"),
}


@total_ordering
@dataclass(frozen=True, repr=False)
class Period:
    """One week, month, quarter or year, with inclusive `start` and `end` dates.

    `number` is the month (1-12), quarter (1-4) or ISO week (1-53) within `year` (the ISO year
    for a week, the fiscal year for a quarter or year), and 1 for a year. Periods are equal when
    they have the same name and fiscal year start, and sort by start date, then end date.
    """

    kind: PeriodKind
    year: int
    number: int = 1
    fiscal_year_start_month: int = 1
    start: date = field(init=False, compare=False)
    end: date = field(init=False, compare=False)

    def __post_init__(self) -> None:
        kind = _kind(self.kind)
        if kind in (PeriodKind.WEEK, PeriodKind.MONTH):
            object.__setattr__(self, "fiscal_year_start_month", 1)
        _check_numbers(kind, self.year, self.number, self.fiscal_year_start_month)
        start, end = _span(kind, self.year, self.number, self.fiscal_year_start_month)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    @property
    def name(self) -> str:
        return _NAME_FORMATS[self.kind].format(year=self.year, number=self.number)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"Period({self.name}: {self.start}..{self.end})"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    def months(self) -> list[Period]:
        """The calendar months the period touches: a week across a month end touches two."""
        return self._overlapping(PeriodKind.MONTH)

    def weeks(self) -> list[Period]:
        """The ISO weeks starting (on Monday) in the period: each week belongs to one period."""
        return [week for week in self._overlapping(PeriodKind.WEEK) if self.contains(week.start)]

    def sub_periods(self, kind: PeriodKind | str) -> list[Period]:
        """The periods of a finer kind that make up this one, in order.

        Months and quarters partition the period; ISO weeks ignore month and year ends, so the
        first and last week may run over its edges.
        """
        finer = _kind(kind)
        if _FINENESS[finer] >= _FINENESS[self.kind]:
            raise PeriodError(f"a {self.kind} cannot be split into {finer}s")
        return self._overlapping(finer)

    def previous(self) -> Period:
        """The period of the same kind (and fiscal year start) that ends the day before."""
        return period_of(self.start - ONE_DAY, self.kind, self.fiscal_year_start_month)

    def midpoint(self) -> date:
        """start + floor(calendar days / 2) days: the forecast cut-off of forecast_accuracy."""
        return self.start + timedelta(days=((self.end - self.start).days + 1) // 2)

    def _overlapping(self, kind: PeriodKind) -> list[Period]:
        found = [period_of(self.start, kind, self.fiscal_year_start_month)]
        while found[-1].end < self.end:
            found.append(period_of(found[-1].end + ONE_DAY, kind, self.fiscal_year_start_month))
        return found

    def _sort_key(self) -> tuple[date, date, str, int]:
        return self.start, self.end, self.name, self.fiscal_year_start_month


def parse_period(text: str, fiscal_year_start_month: int = 1) -> Period:
    """The period a name such as `2026-03`, `2026-Q1`, `2026` or `2026-W07` stands for."""
    for kind, pattern in _NAME_PATTERNS.items():
        match = pattern.fullmatch(text.strip())
        if match:
            number = 1 if kind is PeriodKind.YEAR else int(match[2])
            if not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
                raise PeriodError(f"{text!r}: periods run from {FIRST_YEAR} to {LAST_YEAR}")
            try:
                return Period(kind, int(match[1]), number, fiscal_year_start_month)
            except PeriodError as error:
                raise PeriodError(f"{text!r}: {error}") from None
    raise PeriodError(
        f"{text!r} is not a period name: expected YYYY, YYYY-MM, YYYY-Qn or YYYY-Www "
        "(for example 2026, 2026-03, 2026-Q1, 2026-W07)"
    )


def period_of(d: date, kind: PeriodKind | str, fiscal_year_start_month: int = 1) -> Period:
    """The period of the given kind that contains d."""
    kind = _kind(kind)
    if kind is PeriodKind.WEEK:
        iso = d.isocalendar()
        return Period(kind, iso.year, iso.week)
    if kind is PeriodKind.MONTH:
        return Period(kind, d.year, d.month)
    start_month = fiscal_year_start_month
    fiscal_year = d.year + 1 if start_month != 1 and d.month >= start_month else d.year
    number = 1 if kind is PeriodKind.YEAR else (d.month - start_month) % 12 // 3 + 1
    return Period(kind, fiscal_year, number, start_month)


def to_date_window(period: Period, as_of: date) -> tuple[date, date] | None:
    """What counts "to date" in a report on P at d: start of P to min(d, end of P).

    None when d is before P: nothing of P has happened yet.
    """
    if as_of < period.start:
        return None
    return period.start, min(as_of, period.end)


def trailing_12_months(d: date) -> tuple[date, date]:
    """The 12 months up to d, (d - 1 year, d], as inclusive dates.

    A year before 29 February is taken as 28 February, so the window starts on 1 March.
    """
    try:
        year_before = d.replace(year=d.year - 1)
    except ValueError:
        year_before = d.replace(year=d.year - 1, day=28)
    return year_before + ONE_DAY, d


def trailing_days(d: date, days: int) -> tuple[date, date]:
    """The n days up to d, [d - n days, d], as inclusive dates (n + 1 dates in all)."""
    if days < 0:
        raise PeriodError(f"a trailing window needs a number of days >= 0, got {days}")
    return d - timedelta(days=days), d


@dataclass(frozen=True)
class Distribution:
    """Milestones: how a target is spread over the sub-periods of its period.

    `kind` names the sub-periods: months or weeks of a quarter, months or quarters of a year,
    weeks of a month (a week running over the period's edge counts only its days inside).
    `weights` maps each sub-period's name to its weight and must name exactly the sub-periods of
    the period it paces, or lists the weights in their order, which lets one pattern (say 30/30/40)
    serve every quarter. Weights are relative and are normalised to add up to 1.
    """

    kind: PeriodKind
    weights: Mapping[str, float] | Sequence[float]

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", _kind(self.kind))
        if isinstance(self.weights, Mapping):
            weights = {name: _weight(value) for name, value in self.weights.items()}
            object.__setattr__(self, "weights", MappingProxyType(weights))
            values: Sequence[float] = list(weights.values())
        else:
            values = tuple(_weight(value) for value in self.weights)
            object.__setattr__(self, "weights", values)
        if not any(values):
            raise PeriodError("a distribution needs at least one weight above 0")

    def __hash__(self) -> int:
        if isinstance(self.weights, Mapping):
            return hash((self.kind, frozenset(self.weights.items())))
        return hash((self.kind, self.weights))

    def segments(self, period: Period) -> list[tuple[date, date, float]]:
        """The sub-periods of `period`, clipped to it, each with its normalised weight."""
        subs = period.sub_periods(self.kind)
        weights = self._weights_for(period, subs)
        total = fsum(weights)
        return [
            (max(sub.start, period.start), min(sub.end, period.end), weight / total)
            for sub, weight in zip(subs, weights, strict=True)
        ]

    def _weights_for(self, period: Period, subs: list[Period]) -> list[float]:
        if isinstance(self.weights, Mapping):
            return _weights_by_name(self.weights, period, [sub.name for sub in subs])
        if len(self.weights) != len(subs):
            raise PeriodError(
                f"{period} has {len(subs)} {self.kind} sub-periods, "
                f"but the distribution lists {len(self.weights)} weights"
            )
        return list(self.weights)


def elapsed_fraction(
    period: Period, d: date, calendar: WorkCalendar, distribution: Distribution | None = None
) -> float:
    """How much of P counts as gone at d, for pace and projection (see the module docstring)."""
    if distribution is None:
        segments = [(period.start, period.end, 1.0)]
    else:
        segments = distribution.segments(period)
    if d >= period.end:
        return 1.0
    total = fsum(weight * _range_fraction(s, e, d, calendar) for s, e, weight in segments)
    # Normalised weights may add up to a hair over 1; a share of the period cannot.
    return min(1.0, total)


def _range_fraction(start: date, end: date, d: date, calendar: WorkCalendar) -> float:
    """The share of the working days of [start, end] up to and including d."""
    if d < start:
        return 0.0
    if d >= end:
        return 1.0
    total = calendar.working_days(start, end)
    if total == 0:  # nothing to pace by: let calendar days elapse instead
        return ((d - start).days + 1) / ((end - start).days + 1)
    return calendar.working_days(start, d) / total


def _weights_by_name(weights: Mapping[str, float], period: Period, names: list[str]) -> list[float]:
    missing = [name for name in names if name not in weights]
    unexpected = sorted(set(weights) - set(names))
    if missing or unexpected:
        raise PeriodError(
            f"a distribution over {period} needs one weight for each of {', '.join(names)}; "
            f"missing: {', '.join(missing) or 'none'}; "
            f"unexpected: {', '.join(unexpected) or 'none'}"
        )
    return [weights[name] for name in names]


def _weight(value: object) -> float:
    if not isinstance(value, Real) or not isfinite(value) or value < 0:
        raise PeriodError(f"a distribution weight must be a finite number >= 0, got {value!r}")
    return float(value)


def _kind(value: PeriodKind | str) -> PeriodKind:
    try:
        return PeriodKind(value)
    except ValueError:
        raise PeriodError(
            f"unknown period kind {value!r}: expected week, month, quarter or year"
        ) from None


def _check_numbers(kind: PeriodKind, year: int, number: int, fiscal_year_start_month: int) -> None:
    if not 1 <= fiscal_year_start_month <= 12:
        raise PeriodError(f"a fiscal year starts in month 1 to 12, not {fiscal_year_start_month}")
    if not 1 <= year <= 9999:
        raise PeriodError(f"the year must be 1 to 9999, got {year}")
    # 28 December always falls in the last ISO week of its year.
    highest = (
        date(year, 12, 28).isocalendar().week
        if kind is PeriodKind.WEEK
        else 12 // _LENGTH_IN_MONTHS[kind]
    )
    if not 1 <= number <= highest:
        year_name = "ISO year" if kind is PeriodKind.WEEK else "year"
        raise PeriodError(f"{year_name} {year} has {kind}s 1 to {highest}, not {kind} {number}")


def _span(
    kind: PeriodKind, year: int, number: int, fiscal_year_start_month: int
) -> tuple[date, date]:
    """The first and last date of a period whose numbers have been checked."""
    try:
        if kind is PeriodKind.WEEK:
            monday = date.fromisocalendar(year, number, 1)
            return monday, monday + timedelta(days=6)
        first = _first_month(kind, year, number, fiscal_year_start_month)
        last_year, last_index = divmod(first + _LENGTH_IN_MONTHS[kind] - 1, 12)
        last_day = monthrange(last_year, last_index + 1)[1]
        return date(first // 12, first % 12 + 1, 1), date(last_year, last_index + 1, last_day)
    except (ValueError, OverflowError):
        name = _NAME_FORMATS[kind].format(year=year, number=number)
        raise PeriodError(f"{name} runs outside the dates from 0001 to 9999") from None


def _first_month(kind: PeriodKind, year: int, number: int, fiscal_year_start_month: int) -> int:
    """The first month of a month, quarter or year, as a month count (year * 12 + month - 1)."""
    if kind is PeriodKind.MONTH:
        return year * 12 + number - 1
    # A fiscal year starting after January began in the calendar year before the one it is named by.
    fiscal_year_start = year * 12 + fiscal_year_start_month - 1
    if fiscal_year_start_month != 1:
        fiscal_year_start -= 12
    return fiscal_year_start + 3 * (number - 1)
