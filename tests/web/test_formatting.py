"""Money and dates as a sales manager reads them."""

from datetime import date

import pytest

from pacesetter.web.formatting import format_day, format_money, format_number, format_span


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (1_234_567.4, "USD", "$1,234,567"),
        (-980, "EUR", "-€980"),
        (12_500, "sek", "12,500 SEK"),
        (-0.4, "USD", "$0"),
        (None, "USD", "—"),
    ],
)
def test_money_has_a_symbol_and_thousands_separators(
    amount: float | None, currency: str, shown: str
) -> None:
    assert format_money(amount, currency) == shown


def test_counts_have_thousands_separators() -> None:
    # a fraction below 10 keeps one decimal, its half rounded up as people round (0.25 -> 0.3)
    assert (format_number(12_345), format_number(0.25), format_number(None)) == (
        "12,345",
        "0.3",
        "—",
    )


def test_dates_and_spans_read_unambiguously() -> None:
    assert format_day(date(2026, 2, 3)) == "3 Feb 2026"
    assert format_span(date(2026, 1, 1), date(2026, 3, 31)) == "1 Jan \u2013 31 Mar 2026"
    assert format_span(date(2025, 12, 29), date(2026, 1, 4)) == "29 Dec 2025 \u2013 4 Jan 2026"
