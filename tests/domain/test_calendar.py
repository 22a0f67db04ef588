"""Working days: counts worked out by hand against a wall calendar, then properties against a
day-by-day reference count."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pacesetter.domain.calendar import CalendarError, WorkCalendar
from pacesetter.domain.errors import Invalid

MON_FRI = WorkCalendar()
GOOD_FRIDAY_2026 = date(2026, 4, 3)
EASTER_MONDAY_2026 = date(2026, 4, 6)
EASTER_2026 = WorkCalendar(holidays=frozenset({GOOD_FRIDAY_2026, EASTER_MONDAY_2026}))
SUNDAY_TO_THURSDAY = WorkCalendar(working_weekdays=frozenset({6, 0, 1, 2, 3}))


@pytest.mark.parametrize(
    ("calendar", "start", "end", "expected"),
    [
        # Mon 2026-03-02 .. Sun 2026-03-08: Mon-Fri
        (MON_FRI, date(2026, 3, 2), date(2026, 3, 8), 5),
        # March 2026 starts on a Sunday: 2-6, 9-13, 16-20, 23-27 (4 x 5) + 30, 31 = 22
        (MON_FRI, date(2026, 3, 1), date(2026, 3, 31), 22),
        # Sat 7 and Sun 8 March only
        (MON_FRI, date(2026, 3, 7), date(2026, 3, 8), 0),
        # one Tuesday
        (MON_FRI, date(2026, 3, 10), date(2026, 3, 10), 1),
        # end before start is an empty range
        (MON_FRI, date(2026, 3, 10), date(2026, 3, 9), 0),
        # January 2026 starts on a Thursday: 1, 2 + 5-9, 12-16, 19-23, 26-30 = 2 + 20 = 22
        (MON_FRI, date(2026, 1, 1), date(2026, 1, 31), 22),
        # Q1 2026: January 22 + February 20 (2-27, four full weeks) + March 22 = 64
        (MON_FRI, date(2026, 1, 1), date(2026, 3, 31), 64),
        # 2026 has 261 weekdays: 52 full weeks (260) + Thursday 31 December
        (MON_FRI, date(2026, 1, 1), date(2026, 12, 31), 261),
        # April 2026 (Wed 1st): 1-3 + 6-10, 13-17, 20-24 + 27-30 = 3 + 15 + 4 = 22, less 2 holidays
        (EASTER_2026, date(2026, 4, 1), date(2026, 4, 30), 20),
        # Sunday-to-Thursday March 2026: 5 Sundays + 5 Mondays + 5 Tuesdays + 4 Wed + 4 Thu = 23
        (SUNDAY_TO_THURSDAY, date(2026, 3, 1), date(2026, 3, 31), 23),
    ],
)
def test_working_days_match_hand_counts(
    calendar: WorkCalendar, start: date, end: date, expected: int
) -> None:
    assert calendar.working_days(start, end) == expected


def test_a_holiday_on_a_weekend_removes_no_working_day() -> None:
    # Boxing Day 2026 is a Saturday; the week of Mon 21 .. Sun 27 December keeps 4 working days
    # (Christmas Day, Friday 25, is the only one lost).
    calendar = WorkCalendar(holidays=frozenset({date(2026, 12, 25), date(2026, 12, 26)}))
    assert calendar.working_days(date(2026, 12, 21), date(2026, 12, 27)) == 4


def test_holidays_are_not_working_days_but_other_weekdays_are() -> None:
    assert not EASTER_2026.is_working_day(GOOD_FRIDAY_2026)
    assert EASTER_2026.is_working_day(date(2026, 4, 2))  # Maundy Thursday
    assert not EASTER_2026.is_working_day(date(2026, 4, 4))  # Saturday
    assert SUNDAY_TO_THURSDAY.is_working_day(date(2026, 3, 1))  # a Sunday
    assert not SUNDAY_TO_THURSDAY.is_working_day(date(2026, 3, 6))  # a Friday


@pytest.mark.parametrize(
    ("calendar", "start", "n", "expected"),
    [
        # Thursday meeting: Friday is the 1st working day after, Monday the 2nd
        (MON_FRI, date(2026, 3, 5), 2, date(2026, 3, 9)),
        # Friday meeting: Monday, then Tuesday
        (MON_FRI, date(2026, 3, 6), 2, date(2026, 3, 10)),
        # a Saturday meeting still gets two working days: Monday, Tuesday
        (MON_FRI, date(2026, 3, 7), 2, date(2026, 3, 10)),
        # Thursday before Easter: Good Friday and Easter Monday are skipped -> Tue 7, Wed 8
        (EASTER_2026, date(2026, 4, 2), 2, date(2026, 4, 8)),
        # n = 0 is the date itself, even on a weekend
        (MON_FRI, date(2026, 3, 7), 0, date(2026, 3, 7)),
        # backwards: the working day before Monday is Friday
        (MON_FRI, date(2026, 3, 9), -1, date(2026, 3, 6)),
        # 22 working days after Sat 28 February 2026 is the last one of March
        (MON_FRI, date(2026, 2, 28), 22, date(2026, 3, 31)),
    ],
)
def test_add_working_days_counts_only_working_days(
    calendar: WorkCalendar, start: date, n: int, expected: date
) -> None:
    assert calendar.add_working_days(start, n) == expected


@pytest.mark.parametrize("weekdays", [frozenset(), frozenset({0, 7}), frozenset({-1})])
def test_a_calendar_needs_working_weekdays_between_monday_and_sunday(
    weekdays: frozenset[int],
) -> None:
    with pytest.raises(CalendarError, match="non-empty subset of 0"):
        WorkCalendar(working_weekdays=weekdays)


def test_calendar_errors_are_domain_validation_errors() -> None:
    assert issubclass(CalendarError, Invalid)
    assert issubclass(CalendarError, ValueError)


def test_calendars_with_the_same_days_are_equal_and_usable_as_keys() -> None:
    again = WorkCalendar(holidays=frozenset({EASTER_MONDAY_2026, GOOD_FRIDAY_2026}))
    assert again == EASTER_2026
    assert {again: "cached"}[EASTER_2026] == "cached"


def test_country_holidays_come_from_the_holidays_package() -> None:
    england = WorkCalendar.with_country_holidays("GB", [2026], subdivision="ENG")
    assert GOOD_FRIDAY_2026 in england.holidays
    assert EASTER_MONDAY_2026 in england.holidays
    # Boxing Day falls on a Saturday in 2026, so Monday 28 December is the bank holiday
    assert not england.is_working_day(date(2026, 12, 28))
    # April 2026: 22 weekdays less Good Friday and Easter Monday
    assert england.working_days(date(2026, 4, 1), date(2026, 4, 30)) == 20


def test_an_unknown_country_is_a_calendar_error() -> None:
    with pytest.raises(CalendarError, match="no holiday calendar for 'XX'"):
        WorkCalendar.with_country_holidays("XX", [2026])


# --- properties, against a day-by-day reference -------------------------------------------

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
CALENDARS = st.builds(
    WorkCalendar,
    working_weekdays=st.frozensets(st.integers(0, 6), min_size=1),
    holidays=st.frozensets(st.dates(date(2025, 12, 1), date(2026, 3, 31)), max_size=40),
)
# Ranges near the holidays above, so they matter.
NEAR_DAYS = st.dates(min_value=date(2025, 10, 1), max_value=date(2026, 6, 30))


def _reference_count(calendar: WorkCalendar, start: date, end: date) -> int:
    days = (end - start).days + 1
    return sum(calendar.is_working_day(start + timedelta(days=i)) for i in range(max(days, 0)))


@given(CALENDARS, NEAR_DAYS, NEAR_DAYS)
def test_working_days_equal_a_day_by_day_count(
    calendar: WorkCalendar, start: date, end: date
) -> None:
    assert calendar.working_days(start, end) == _reference_count(calendar, start, end)


@given(CALENDARS, NEAR_DAYS, st.integers(0, 120), st.integers(0, 120))
def test_working_days_of_a_split_range_add_up(
    calendar: WorkCalendar, start: date, first_part: int, second_part: int
) -> None:
    middle = start + timedelta(days=first_part)
    end = middle + timedelta(days=second_part)
    whole = calendar.working_days(start, end)
    assert whole == calendar.working_days(start, middle) + calendar.working_days(
        middle + timedelta(days=1), end
    )


@given(CALENDARS, NEAR_DAYS, st.integers(1, 30))
def test_the_nth_working_day_after_d_is_a_working_day_n_working_days_on(
    calendar: WorkCalendar, d: date, n: int
) -> None:
    result = calendar.add_working_days(d, n)
    assert calendar.is_working_day(result)
    assert calendar.working_days(d + timedelta(days=1), result) == n


@given(DAYS, DAYS)
def test_any_run_of_whole_weeks_has_five_monday_to_friday_working_days_each(
    start: date, end: date
) -> None:
    # Whole weeks only: 7k days from any start hold exactly 5k working days.
    weeks = abs((end - start).days) // 7
    assert MON_FRI.working_days(start, start + timedelta(days=7 * weeks - 1)) == 5 * weeks
