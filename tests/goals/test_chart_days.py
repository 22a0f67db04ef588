"""A goal's chart starts on its period's first day, whatever weekday that is."""

from datetime import date

import pytest

from pacesetter.domain.periods import parse_period
from pacesetter.goals.progress import chart_days


@pytest.mark.parametrize(
    ("period", "first", "second"),
    [
        ("2026-01", date(2026, 1, 1), date(2026, 1, 2)),  # a Thursday, then the first Friday
        ("2026-03", date(2026, 3, 1), date(2026, 3, 6)),  # a Sunday
        ("2026-Q2", date(2026, 4, 1), date(2026, 4, 3)),
        ("2026", date(2026, 1, 1), date(2026, 1, 31)),  # a year: then each month's end
    ],
)
def test_the_chart_starts_on_the_first_day(period: str, first: date, second: date) -> None:
    span = parse_period(period)
    days = chart_days(span, span.end, [])
    assert days[:2] == [first, second]
    assert days[-1] == span.end
