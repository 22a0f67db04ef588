"""Periods, windows and the elapsed fraction: named scenarios with the dates and fractions worked
out by hand (the arithmetic is beside each number), then properties over random periods."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.errors import Invalid
from pacesetter.domain.periods import (
    Distribution,
    Period,
    PeriodError,
    PeriodKind,
    elapsed_fraction,
    parse_period,
    period_of,
    to_date_window,
    trailing_12_months,
    trailing_days,
)

MON_FRI = WorkCalendar()
APRIL_FISCAL = 4  # fiscal year from 1 April, named by the calendar year it ends in


# --- names and dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "start", "end"),
    [
        ("2026-03", PeriodKind.MONTH, date(2026, 3, 1), date(2026, 3, 31)),
        ("2024-02", PeriodKind.MONTH, date(2024, 2, 1), date(2024, 2, 29)),  # leap year
        ("2026-Q1", PeriodKind.QUARTER, date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q4", PeriodKind.QUARTER, date(2026, 10, 1), date(2026, 12, 31)),
        ("2026", PeriodKind.YEAR, date(2026, 1, 1), date(2026, 12, 31)),
        # ISO week 1 of 2026 holds Thursday 1 January, so it starts on Monday 2025-12-29;
        # week 7 starts 6 weeks later: 2025-12-29 + 42 days = 2026-02-09
        ("2026-W01", PeriodKind.WEEK, date(2025, 12, 29), date(2026, 1, 4)),
        ("2026-W07", PeriodKind.WEEK, date(2026, 2, 9), date(2026, 2, 15)),
        # 31 December 2026 is a Thursday, so 2026 has a week 53 reaching into 2027
        ("2026-W53", PeriodKind.WEEK, date(2026, 12, 28), date(2027, 1, 3)),
        ("2020-W53", PeriodKind.WEEK, date(2020, 12, 28), date(2021, 1, 3)),
    ],
)
def test_a_period_name_stands_for_its_dates(
    name: str, kind: PeriodKind, start: date, end: date
) -> None:
    period = parse_period(name)
    assert (period.kind, period.start, period.end, period.name) == (kind, start, end, name)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [(" 2026-q1 ", "2026-Q1"), ("2026-w7", "2026-W07"), ("2026-3", "2026-03")],
)
def test_parsing_forgives_case_spaces_and_missing_zeros(text: str, canonical: str) -> None:
    assert parse_period(text).name == canonical


@pytest.mark.parametrize(
    ("name", "fiscal_start", "start", "end"),
    [
        # FY2026 from April ends in March 2026, so it starts in April 2025
        ("2026", APRIL_FISCAL, date(2025, 4, 1), date(2026, 3, 31)),
        ("2026-Q1", APRIL_FISCAL, date(2025, 4, 1), date(2025, 6, 30)),
        ("2026-Q3", APRIL_FISCAL, date(2025, 10, 1), date(2025, 12, 31)),
        ("2026-Q4", APRIL_FISCAL, date(2026, 1, 1), date(2026, 3, 31)),
        # from July: Q2 is October to December of the calendar year before
        ("2026-Q2", 7, date(2025, 10, 1), date(2025, 12, 31)),
        # from February: FY2026 = 2025-02-01 .. 2026-01-31
        ("2026", 2, date(2025, 2, 1), date(2026, 1, 31)),
        # from January, fiscal and calendar years are the same
        ("2026-Q1", 1, date(2026, 1, 1), date(2026, 3, 31)),
    ],
)
def test_fiscal_years_are_named_by_the_year_they_end_in(
    name: str, fiscal_start: int, start: date, end: date
) -> None:
    period = parse_period(name, fiscal_year_start_month=fiscal_start)
    assert (period.start, period.end, period.fiscal_year_start_month) == (start, end, fiscal_start)


@pytest.mark.parametrize("name", ["2026-03", "2026-W07"])
def test_months_and_weeks_do_not_depend_on_the_fiscal_year(name: str) -> None:
    assert parse_period(name, fiscal_year_start_month=APRIL_FISCAL) == parse_period(name)


@pytest.mark.parametrize(
    ("text", "fiscal_start", "message"),
    [
        ("2026-13", 1, "year 2026 has months 1 to 12, not month 13"),
        ("2026-00", 1, "not month 0"),
        ("2026-Q5", 1, "year 2026 has quarters 1 to 4, not quarter 5"),
        ("2026-W54", 1, "ISO year 2026 has weeks 1 to 53, not week 54"),
        ("2025-W53", 1, "ISO year 2025 has weeks 1 to 52, not week 53"),
        ("garbage", 1, "'garbage' is not a period name: expected YYYY, YYYY-MM"),
        ("", 1, "is not a period name"),
        ("26-03", 1, "is not a period name"),
        ("2026-03-01", 1, "is not a period name"),
        ("2026-H1", 1, "is not a period name"),
        ("2026", 13, "a fiscal year starts in month 1 to 12, not 13"),
        ("0001", APRIL_FISCAL, "periods run from 1900 to 2999"),  # would start in year 0
        ("9999-Q4", 1, "periods run from 1900 to 2999"),
    ],
)
def test_bad_period_names_say_what_is_wrong(text: str, fiscal_start: int, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_period(text, fiscal_year_start_month=fiscal_start)


def test_period_errors_are_domain_validation_errors() -> None:
    assert issubclass(PeriodError, Invalid)
    assert issubclass(PeriodError, ValueError)


@pytest.mark.parametrize(
    ("d", "kind", "fiscal_start", "name"),
    [
        (date(2026, 3, 10), "week", 1, "2026-W11"),
        (date(2025, 12, 29), "week", 1, "2026-W01"),  # ISO year ahead of the calendar
        (date(2027, 1, 1), "week", 1, "2026-W53"),  # ISO year behind the calendar
        (date(2026, 3, 10), "month", APRIL_FISCAL, "2026-03"),
        (date(2026, 12, 31), "quarter", 1, "2026-Q4"),
        (date(2025, 4, 1), "quarter", APRIL_FISCAL, "2026-Q1"),
        (date(2026, 3, 31), "quarter", APRIL_FISCAL, "2026-Q4"),
        (date(2026, 4, 1), "quarter", APRIL_FISCAL, "2027-Q1"),
        (date(2025, 12, 31), "year", APRIL_FISCAL, "2026"),
        (date(2026, 1, 31), "year", 2, "2026"),
        (date(2026, 2, 1), "year", 2, "2027"),
    ],
)
def test_period_of_finds_the_period_holding_a_date(
    d: date, kind: str, fiscal_start: int, name: str
) -> None:
    assert period_of(d, kind, fiscal_year_start_month=fiscal_start).name == name


def test_an_unknown_kind_is_a_period_error() -> None:
    with pytest.raises(PeriodError, match="unknown period kind 'day'"):
        period_of(date(2026, 3, 10), "day")


def test_periods_sort_by_start_then_end_and_work_as_keys() -> None:
    names = ["2026-03", "2026", "2026-Q1", "2026-W01", "2025-12"]
    ordered = [period.name for period in sorted(parse_period(name) for name in names)]
    assert ordered == ["2025-12", "2026-W01", "2026-Q1", "2026", "2026-03"]
    assert len({parse_period("2026-Q1"), period_of(date(2026, 2, 1), "quarter")}) == 1


def test_a_fiscal_quarter_differs_from_the_calendar_quarter_on_the_same_dates() -> None:
    calendar_q1 = parse_period("2026-Q1")
    fiscal_q4 = parse_period("2026-Q4", fiscal_year_start_month=APRIL_FISCAL)
    assert (calendar_q1.start, calendar_q1.end) == (fiscal_q4.start, fiscal_q4.end)
    assert calendar_q1 != fiscal_q4


def test_a_period_prints_as_its_name() -> None:
    assert str(parse_period("2026-W07")) == "2026-W07"
    assert repr(parse_period("2026-W07")) == "Period(2026-W07: 2026-02-09..2026-02-15)"


# --- splitting, stepping back, the midpoint ----------------------------------------------------


def _names(periods: list[Period]) -> list[str]:
    return [period.name for period in periods]


def test_a_week_across_a_month_end_touches_both_months() -> None:
    # 2026-W05 is Monday 26 January .. Sunday 1 February
    assert _names(parse_period("2026-W05").months()) == ["2026-01", "2026-02"]


def test_the_months_of_a_fiscal_year_run_from_its_first_month() -> None:
    months = parse_period("2026", fiscal_year_start_month=APRIL_FISCAL).months()
    assert _names(months) == [f"2025-{m:02d}" for m in range(4, 13)] + [
        "2026-01",
        "2026-02",
        "2026-03",
    ]


def test_weeks_are_the_iso_weeks_starting_in_the_period() -> None:
    # March 2026: Mondays 2, 9, 16, 23, 30. W09 (from 23 Feb) is February's; W14 (to 5 April)
    # is March's because it starts on the 30th.
    assert _names(parse_period("2026-03").weeks()) == [f"2026-W{n}" for n in range(10, 15)]
    # Calendar year 2026: first Monday 5 January (W02), last Monday 28 December (W53)
    year_weeks = parse_period("2026").weeks()
    assert (year_weeks[0].name, year_weeks[-1].name, len(year_weeks)) == (
        "2026-W02",
        "2026-W53",
        52,
    )


def test_sub_periods_of_a_month_are_every_week_touching_it() -> None:
    # Sunday 1 March belongs to W09; Monday 30 and Tuesday 31 March to W14
    assert _names(parse_period("2026-03").sub_periods("week")) == [
        f"2026-W{n:02d}" for n in range(9, 15)
    ]


def test_the_quarters_of_a_fiscal_year_keep_its_fiscal_start() -> None:
    quarters = parse_period("2026", fiscal_year_start_month=APRIL_FISCAL).sub_periods("quarter")
    assert _names(quarters) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert (quarters[0].start, quarters[-1].end) == (date(2025, 4, 1), date(2026, 3, 31))


@pytest.mark.parametrize(
    ("name", "kind"), [("2026-W07", "month"), ("2026-03", "month"), ("2026-Q1", "year")]
)
def test_a_period_splits_only_into_finer_kinds(name: str, kind: str) -> None:
    with pytest.raises(PeriodError, match="cannot be split into"):
        parse_period(name).sub_periods(kind)


@pytest.mark.parametrize(
    ("name", "fiscal_start", "previous"),
    [
        ("2026-03", 1, "2026-02"),
        ("2026-01", 1, "2025-12"),
        ("2026-Q1", 1, "2025-Q4"),
        ("2026", 1, "2025"),
        ("2026-W01", 1, "2025-W52"),
        ("2027-W01", 1, "2026-W53"),
        ("2026-Q1", APRIL_FISCAL, "2025-Q4"),  # FY2025 Q4 = January .. March 2025
    ],
)
def test_previous_is_the_period_of_the_same_kind_just_before(
    name: str, fiscal_start: int, previous: str
) -> None:
    period = parse_period(name, fiscal_year_start_month=fiscal_start)
    assert period.previous() == parse_period(previous, fiscal_year_start_month=fiscal_start)
    assert period.previous().end == period.start - timedelta(days=1)


@pytest.mark.parametrize(
    ("name", "midpoint"),
    [
        ("2026-03", date(2026, 3, 16)),  # 31 days // 2 = 15 -> 1 March + 15
        ("2026-02", date(2026, 2, 15)),  # 28 // 2 = 14 -> 1 February + 14
        ("2026-Q1", date(2026, 2, 15)),  # 31 + 28 + 31 = 90, // 2 = 45 -> 1 January + 45
        ("2024", date(2024, 7, 2)),  # 366 // 2 = 183; 1 January + 182 = 1 July (leap), + 1
        ("2026-W07", date(2026, 2, 12)),  # 7 // 2 = 3 -> Monday 9 + 3 = Thursday 12
    ],
)
def test_the_midpoint_is_start_plus_half_the_calendar_days_rounded_down(
    name: str, midpoint: date
) -> None:
    assert parse_period(name).midpoint() == midpoint


# --- windows ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "window"),
    [
        (date(2026, 2, 28), None),  # before March: nothing to date
        (date(2026, 3, 1), (date(2026, 3, 1), date(2026, 3, 1))),
        (date(2026, 3, 10), (date(2026, 3, 1), date(2026, 3, 10))),
        (date(2026, 5, 20), (date(2026, 3, 1), date(2026, 3, 31))),  # clipped to the end
    ],
)
def test_the_to_date_window_runs_from_the_start_to_the_as_of_date_clipped(
    as_of: date, window: tuple[date, date] | None
) -> None:
    assert to_date_window(parse_period("2026-03"), as_of) == window


@pytest.mark.parametrize(
    ("d", "start"),
    [
        (date(2026, 3, 31), date(2025, 4, 1)),  # (2025-03-31, 2026-03-31]
        (date(2028, 2, 29), date(2027, 3, 1)),  # a year before 29 Feb is 28 Feb 2027
        (date(2025, 2, 28), date(2024, 2, 29)),  # (2024-02-28, 2025-02-28] holds the leap day
        (date(2025, 3, 1), date(2024, 3, 2)),
    ],
)
def test_the_12_months_up_to_d_exclude_the_day_a_year_before(d: date, start: date) -> None:
    assert trailing_12_months(d) == (start, d)


def test_the_30_days_up_to_d_include_both_ends() -> None:
    # [31 March - 30 days, 31 March] = 1 .. 31 March: 31 dates
    assert trailing_days(date(2026, 3, 31), 30) == (date(2026, 3, 1), date(2026, 3, 31))
    assert trailing_days(date(2026, 3, 31), 0) == (date(2026, 3, 31), date(2026, 3, 31))
    with pytest.raises(PeriodError, match=">= 0"):
        trailing_days(date(2026, 3, 31), -1)


# --- elapsed fraction -------------------------------------------------------------------------

MARCH_2026 = parse_period("2026-03")  # 22 working days (see test_calendar)
Q1_2026 = parse_period("2026-Q1")  # January 22 + February 20 + March 22 = 64 working days


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 2, 28), 0.0),  # before March
        (date(2026, 3, 1), 0.0),  # Sunday 1 March: 0 of 22 working days gone
        (date(2026, 3, 6), 5 / 22),  # Mon 2 .. Fri 6
        (date(2026, 3, 8), 5 / 22),  # the weekend adds nothing
        (date(2026, 3, 10), 7 / 22),  # + Mon 9, Tue 10
        (date(2026, 3, 27), 20 / 22),  # four full weeks
        (date(2026, 3, 31), 1.0),
        (date(2026, 4, 15), 1.0),  # after March
    ],
)
def test_elapsed_fraction_counts_working_days_up_to_and_including_d(
    d: date, expected: float
) -> None:
    assert elapsed_fraction(MARCH_2026, d, MON_FRI) == expected


def test_holidays_slow_the_elapsed_fraction() -> None:
    easter = WorkCalendar(holidays=frozenset({date(2026, 4, 3), date(2026, 4, 6)}))
    # April 2026: 22 weekdays - 2 = 20; by Wed 8 April: 1, 2, 7, 8 = 4 working days
    assert elapsed_fraction(parse_period("2026-04"), date(2026, 4, 8), easter) == 4 / 20


def test_a_quarter_elapses_by_its_working_days() -> None:
    # by Sunday 15 February: January 22 + February 2-6, 9-13 = 32 of 64
    assert elapsed_fraction(Q1_2026, date(2026, 2, 15), MON_FRI) == 0.5


def test_a_period_without_working_days_elapses_by_calendar_days() -> None:
    # 2026-W53 (Mon 28 December .. Sun 3 January) with every weekday a holiday
    holidays = frozenset(date(2026, 12, 28) + timedelta(days=i) for i in range(5))
    week = parse_period("2026-W53")
    closed = WorkCalendar(holidays=holidays)
    assert elapsed_fraction(week, date(2026, 12, 27), closed) == 0.0
    assert elapsed_fraction(week, date(2026, 12, 30), closed) == 3 / 7  # 28, 29, 30 of 7 days
    assert elapsed_fraction(week, date(2027, 1, 3), closed) == 1.0


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2025, 12, 31), 0.0),
        (date(2026, 1, 31), 0.2),  # January done, February not begun
        (date(2026, 2, 15), 0.2 + 0.3 * 10 / 20),  # half of February's working days
        (date(2026, 3, 10), 0.2 + 0.3 + 0.5 * 7 / 22),
        (date(2026, 3, 31), 1.0),
    ],
)
def test_a_monthly_distribution_counts_finished_months_in_full(d: date, expected: float) -> None:
    ramp = Distribution("month", {"2026-01": 0.2, "2026-02": 0.3, "2026-03": 0.5})
    assert elapsed_fraction(Q1_2026, d, MON_FRI, ramp) == pytest.approx(expected)


def test_distribution_weights_are_relative() -> None:
    # [1, 1, 2] -> 0.25, 0.25, 0.5; by 15 February: 0.25 + 0.25 * 10/20
    weights = Distribution(PeriodKind.MONTH, [1, 1, 2])
    assert elapsed_fraction(Q1_2026, date(2026, 2, 15), MON_FRI, weights) == pytest.approx(0.375)


def test_weekly_milestones_count_only_the_days_of_a_week_inside_the_month() -> None:
    # March 2026 touches W09 (only Sunday 1 March) .. W14 (only Mon 30, Tue 31 March).
    # Weights 0, 1, 1, 1, 1, 1 -> 0, 0.2 each.
    weekly = Distribution("week", [0, 1, 1, 1, 1, 1])
    # Tue 10 March: W10 done (0.2) + W11 at 2 of 5 working days (0.2 * 2/5)
    assert elapsed_fraction(MARCH_2026, date(2026, 3, 10), MON_FRI, weekly) == pytest.approx(0.28)
    # Mon 30 March: W10-W13 done (0.8) + W14 at 1 of its 2 days inside March (0.2 * 1/2)
    assert elapsed_fraction(MARCH_2026, date(2026, 3, 30), MON_FRI, weekly) == pytest.approx(0.9)


def test_quarterly_milestones_follow_the_fiscal_year() -> None:
    fiscal_2026 = parse_period("2026", fiscal_year_start_month=APRIL_FISCAL)
    even = Distribution("quarter", [1, 1, 1, 1])
    # 31 December 2025 ends fiscal Q3: three quarters of four done
    assert elapsed_fraction(fiscal_2026, date(2025, 12, 31), MON_FRI, even) == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([1, -1, 1], "finite number >= 0, got -1"),
        ([1, float("nan"), 1], "finite number >= 0, got nan"),
        ([1, float("inf"), 1], "finite number >= 0, got inf"),
        ([1, "2", 1], "finite number >= 0, got '2'"),
        ([0, 0, 0], "at least one weight above 0"),
        ([], "at least one weight above 0"),
        ({"2026-01": 0.0}, "at least one weight above 0"),
    ],
)
def test_a_distribution_rejects_weights_that_cannot_spread_a_target(
    weights: object, message: str
) -> None:
    with pytest.raises(PeriodError, match=message):
        Distribution("month", weights)


@pytest.mark.parametrize(
    ("distribution", "message"),
    [
        (Distribution("month", [1, 1]), "2026-Q1 has 3 month sub-periods, but the distribution "),
        (
            Distribution("month", {"2026-01": 1, "2026-02": 1, "2026-04": 1}),
            "missing: 2026-03; unexpected: 2026-04",
        ),
        (Distribution("quarter", [1]), "a quarter cannot be split into quarters"),
    ],
)
def test_a_distribution_must_fit_the_period_it_paces(
    distribution: Distribution, message: str
) -> None:
    with pytest.raises(PeriodError, match=message):
        elapsed_fraction(Q1_2026, date(2026, 2, 1), MON_FRI, distribution)


def test_distributions_are_equal_whatever_the_order_of_their_names() -> None:
    first = Distribution("month", {"2026-01": 1, "2026-02": 2})
    second = Distribution(PeriodKind.MONTH, {"2026-02": 2.0, "2026-01": 1.0})
    assert first == second
    assert hash(first) == hash(second)


# --- properties -------------------------------------------------------------------------------

DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
# Pacing draws periods and holidays from the same few years, so the holidays fall inside them.
PACING_DATES = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
FISCAL_STARTS = st.integers(1, 12)
KINDS = st.sampled_from(list(PeriodKind))
PERIODS = st.builds(period_of, DATES, KINDS, FISCAL_STARTS)
PACED_PERIODS = st.builds(period_of, PACING_DATES, KINDS, FISCAL_STARTS)
SPLITTABLE = st.builds(period_of, DATES, st.sampled_from(["quarter", "year"]), FISCAL_STARTS)
PACED_SPLITTABLE = st.builds(
    period_of, PACING_DATES, st.sampled_from(["month", "quarter", "year"]), FISCAL_STARTS
)
OFFSETS = st.integers(-40, 400)
CALENDARS = st.builds(WorkCalendar, holidays=st.frozensets(PACING_DATES, max_size=60))
FINER = {
    PeriodKind.MONTH: ["week"],
    PeriodKind.QUARTER: ["week", "month"],
    PeriodKind.YEAR: ["week", "month", "quarter"],
}


@st.composite
def paced_periods(draw: st.DrawFn) -> tuple[Period, Distribution | None]:
    """A period, with a random distribution over one of its finer kinds when it has one."""
    period = draw(PACED_PERIODS)
    if period.kind is PeriodKind.WEEK or draw(st.booleans()):
        return period, None
    kind = draw(st.sampled_from(FINER[period.kind]))
    count = len(period.sub_periods(kind))
    weights = draw(st.lists(st.floats(0, 10), min_size=count, max_size=count))
    return period, Distribution(kind, [*weights[:-1], weights[-1] + 1])


@given(paced_periods(), OFFSETS, CALENDARS)
def test_the_elapsed_fraction_stays_between_0_and_1(
    paced: tuple[Period, Distribution | None], offset: int, calendar: WorkCalendar
) -> None:
    period, distribution = paced
    d = period.start + timedelta(days=offset)
    assert 0.0 <= elapsed_fraction(period, d, calendar, distribution) <= 1.0


@given(paced_periods(), OFFSETS, st.integers(0, 60), CALENDARS)
def test_the_elapsed_fraction_never_goes_back(
    paced: tuple[Period, Distribution | None], offset: int, step: int, calendar: WorkCalendar
) -> None:
    period, distribution = paced
    earlier = period.start + timedelta(days=offset)
    later = earlier + timedelta(days=step)
    fraction = elapsed_fraction(period, earlier, calendar, distribution)
    assert fraction <= elapsed_fraction(period, later, calendar, distribution)


@given(PACED_SPLITTABLE, st.data(), OFFSETS, CALENDARS)
def test_milestones_weighted_by_working_days_give_the_plain_fraction(
    period: Period, data: st.DataObject, offset: int, calendar: WorkCalendar
) -> None:
    kind = data.draw(st.sampled_from(FINER[period.kind]))
    clipped = [
        (max(s.start, period.start), min(s.end, period.end)) for s in period.sub_periods(kind)
    ]
    even = Distribution(kind, [calendar.working_days(start, end) for start, end in clipped])
    d = period.start + timedelta(days=offset)
    plain = elapsed_fraction(period, d, calendar)
    assert elapsed_fraction(period, d, calendar, even) == pytest.approx(plain, abs=1e-12)


@given(SPLITTABLE, st.data())
def test_months_and_quarters_partition_their_period(period: Period, data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from([k for k in FINER[period.kind] if k != "week"]))
    parts = period.sub_periods(kind)
    assert parts[0].start == period.start
    assert parts[-1].end == period.end
    for before, after in pairwise(parts):
        assert after.start == before.end + timedelta(days=1)  # no gap, no overlap
    days = sum((part.end - part.start).days + 1 for part in parts)
    assert days == (period.end - period.start).days + 1


@given(PERIODS)
def test_the_weeks_of_a_period_are_its_mondays(period: Period) -> None:
    mondays = [
        period.start + timedelta(days=i)
        for i in range((period.end - period.start).days + 1)
        if (period.start + timedelta(days=i)).weekday() == 0
    ]
    assert [week.start for week in period.weeks()] == mondays


@given(PERIODS)
def test_a_period_name_round_trips_through_parsing(period: Period) -> None:
    assert parse_period(period.name, period.fiscal_year_start_month) == period


@given(PERIODS)
def test_previous_ends_the_day_before_with_the_same_kind(period: Period) -> None:
    previous = period.previous()
    assert previous.end + timedelta(days=1) == period.start
    assert (previous.kind, previous.fiscal_year_start_month) == (
        period.kind,
        period.fiscal_year_start_month,
    )


@given(DATES, KINDS, FISCAL_STARTS)
def test_period_of_d_contains_d(d: date, kind: PeriodKind, fiscal_start: int) -> None:
    period = period_of(d, kind, fiscal_start)
    assert period.contains(d)
    assert not period.contains(period.start - timedelta(days=1))
    assert not period.contains(period.end + timedelta(days=1))


@given(DATES)
def test_the_12_months_up_to_d_span_a_year_of_days(d: date) -> None:
    start, end = trailing_12_months(d)
    assert end == d
    assert (end - start).days + 1 in (365, 366)
