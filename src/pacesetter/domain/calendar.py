"""Working days: which dates count when pacing a target or timing a follow-up.

metrics.md counts Monday to Friday as working days, less any configured holidays. A
`WorkCalendar` holds both as plain data, so the domain never looks holidays up itself: the
caller passes the dates (or builds them once with `WorkCalendar.with_country_holidays`).

Reports count working days for thousands of goals, so `working_days` is arithmetic over whole
weeks plus a binary search in the sorted holidays, never a walk over every date.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from pacesetter.domain.errors import Invalid

MONDAY_TO_FRIDAY = frozenset(range(5))


class CalendarError(Invalid, ValueError):
    """A calendar that cannot be built: no working weekday, an unknown country or region."""


@dataclass(frozen=True)
class WorkCalendar:
    """The working weekdays (0 = Monday ... 6 = Sunday) and the holiday dates of an organisation.

    A holiday that falls on a non-working weekday changes nothing; it is kept as given so the
    calendar still shows what was configured.
    """

    working_weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    holidays: frozenset[date] = frozenset()
    # Ordinals of the holidays that remove a working day, sorted for binary search.
    _closed_ordinals: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weekdays = frozenset(self.working_weekdays)
        if not weekdays or not weekdays <= frozenset(range(7)):
            raise CalendarError(
                f"working weekdays must be a non-empty subset of 0 (Monday) to 6 (Sunday), "
                f"got {sorted(weekdays)}"
            )
        holidays = frozenset(self.holidays)
        closed = sorted(d.toordinal() for d in holidays if d.weekday() in weekdays)
        object.__setattr__(self, "working_weekdays", weekdays)
        object.__setattr__(self, "holidays", holidays)
        object.__setattr__(self, "_closed_ordinals", tuple(closed))

    @classmethod
    def with_country_holidays(
        cls,
        country: str,
        years: Iterable[int],
        subdivision: str | None = None,
        working_weekdays: frozenset[int] = MONDAY_TO_FRIDAY,
    ) -> WorkCalendar:
        """A calendar with the public holidays of a country (ISO code) in the given years.

        The `holidays` package is imported here only, so the rest of the domain runs without it.
        """
        import holidays

        try:
            found = holidays.country_holidays(country, subdiv=subdivision, years=list(years))
        except NotImplementedError as error:
            raise CalendarError(f"no holiday calendar for {country!r}: {error}") from error
        return cls(working_weekdays=frozenset(working_weekdays), holidays=frozenset(found))

    def is_working_day(self, d: date) -> bool:
        return d.weekday() in self.working_weekdays and d not in self.holidays

    def working_days(self, start: date, end: date) -> int:
        """How many working days lie in the inclusive range [start, end]; 0 when end < start."""
        if end < start:
            return 0
        return self._open_weekdays(start, end) - self._closed_between(start, end)

    def add_working_days(self, d: date, n: int) -> date:
        """The nth working day after d (before d when n < 0); d itself when n is 0.

        d need not be a working day: the follow-up window of a Saturday meeting still ends on
        the second working day after that Saturday. Steps a day at a time, as n is small.
        """
        step = timedelta(days=1 if n >= 0 else -1)
        day = d
        for _ in range(abs(n)):
            day += step
            while not self.is_working_day(day):
                day += step
        return day

    def _open_weekdays(self, start: date, end: date) -> int:
        """Dates in [start, end] on a working weekday, holidays ignored."""
        whole_weeks, rest = divmod((end - start).days + 1, 7)
        first = start.weekday()
        partial = sum((first + offset) % 7 in self.working_weekdays for offset in range(rest))
        return whole_weeks * len(self.working_weekdays) + partial

    def _closed_between(self, start: date, end: date) -> int:
        """Holidays in [start, end] that fall on a working weekday."""
        ordinals = self._closed_ordinals
        return bisect_right(ordinals, end.toordinal()) - bisect_left(ordinals, start.toordinal())
