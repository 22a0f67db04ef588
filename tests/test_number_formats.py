"""One set of rules for how a number reads, whichever surface shows it (pages, CLI tables, the
audit trail): scenario tables with the rounding written out."""

from decimal import Decimal

import pytest

from pacesetter.cli.reporting import shown
from pacesetter.domain.formatting import in_unit, money, number, share
from pacesetter.metrics.catalogue import Unit
from pacesetter.web.formatting import format_money, format_number, format_percent


@pytest.mark.parametrize(
    ("value", "reads"),
    [
        (12, "12"),
        (12.0, "12"),  # a count that arrives as a float is still a count
        (12_345, "12,345"),
        (8.55, "8.6"),  # an expected count below 10: one decimal (not "8.55 deals")
        (0.25, "0.3"),  # halves round up, as people round
        (85.5, "86"),  # from 10 up: whole
        (1234.5, "1,235"),
        (Decimal("2.5"), "2.5"),
        (None, "—"),
    ],
)
def test_counts_read_as_counts(value: float | None, reads: str) -> None:
    assert number(value) == reads


@pytest.mark.parametrize(
    ("value", "reads"),
    [
        (0.8999, "89%"),  # 89.99% rounded down: 90% would say more than was done
        (0.9, "90%"),
        (0.29, "29%"),  # 0.29 x 100 = 28.999... in floating point
        (0.999, "99%"),  # so "100%" always means met
        (1.0, "100%"),
        (1.234, "123%"),
        (None, "—"),
    ],
)
def test_shares_are_whole_percents_rounded_down(value: float | None, reads: str) -> None:
    assert share(value) == reads


@pytest.mark.parametrize(
    ("amount", "currency", "reads"),
    [
        (1234.5, None, "1,235"),
        (1234.5, "USD", "$1,235"),
        (2.5, "usd", "$3"),
        (-980.4, "EUR", "-€980"),
        (12_500, "SEK", "12,500 SEK"),
        (None, "USD", "—"),
    ],
)
def test_money_is_whole_units(amount: float | None, currency: str | None, reads: str) -> None:
    assert money(amount, currency) == reads


@pytest.mark.parametrize(
    ("value", "unit", "reads"),
    [
        (0.8999, Unit.SHARE, "89%"),  # the CLI table printed 90.0% where the pages print 89%
        (8.55, Unit.COUNT, "8.6"),
        (6000.4, Unit.MONEY, "6,000"),
        (34.25, Unit.DAYS, "34"),
        (None, Unit.SHARE, "—"),
    ],
)
def test_the_cli_table_and_the_pages_read_alike(
    value: float | None, unit: Unit, reads: str
) -> None:
    page = {
        Unit.SHARE: format_percent(value),
        Unit.COUNT: format_number(value),
        Unit.DAYS: format_number(value),
        Unit.MONEY: format_money(value, "USD").replace("$", ""),
    }[unit]
    assert shown(value, unit) == in_unit(value, unit.value) == page == reads
