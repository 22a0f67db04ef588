"""How numbers, money and dates read to a person: one set of rules for pages, CLI tables, the
audit trail and (later) email. Files for further work (CSV, JSON) carry unrounded values instead.

- A share is a whole percent, rounded down, so "100%" always means the goal is met.
- Money is whole units with thousands separators, with the currency's symbol when one is known.
- A count is a count: whole numbers as they are; a fractional one (an expected value at a date,
  a projection) with one decimal below 10 ("8.6") and none from 10 up ("86"), halves rounded up.
  Days follow the count's rule.
- Nothing to show is an em dash.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pacesetter.domain.goal_rules.text import percent

MISSING = "\u2014"  # an em dash: shown where there is no value
EN_DASH = "\u2013"
# Symbols a sales team reads at a glance; any other currency is written after the amount.
CURRENCY_SYMBOLS = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "INR": "₹",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
    "CNY": "CN¥",
    "BRL": "R$",
}
Number = float | int | Decimal


def rounded(value: Number, places: int = 0) -> Decimal:
    """`value` to `places` decimals, halves away from zero (2.5 -> 3, as people round)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money(amount: Number | None, currency: str | None = None) -> str:
    """Whole units with thousands separators: `$1,234,567`, `-€980`, `12,500 SEK`, or plain
    `1,234,567` where the currency does not matter (a CLI table of one organisation)."""
    if amount is None:
        return MISSING
    whole = rounded(amount)
    digits = f"{abs(whole):,.0f}"
    sign = "-" if whole < 0 else ""
    if currency is None:
        return f"{sign}{digits}"
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    return f"{sign}{symbol}{digits}" if symbol else f"{sign}{digits} {currency.upper()}"


def number(value: Number | None) -> str:
    """A count (or days): whole as it is, a fraction to about two significant figures."""
    if value is None:
        return MISSING
    if float(value).is_integer():
        return f"{int(value):,}"
    places = 1 if abs(value) < 10 else 0
    return f"{rounded(value, places):,}"


def share(value: Number | None) -> str:
    """A whole percent, rounded down (see `percent`)."""
    return MISSING if value is None else percent(value)


def in_unit(value: Number | None, unit: str, currency: str | None = None) -> str:
    """A metric's value as its unit reads: money, share, count or days."""
    if unit == "money":
        return money(value, currency)
    if unit == "share":
        return share(value)
    return number(value)


def day(value: date | None) -> str:
    """`3 Feb 2026`: unambiguous on both sides of the Atlantic."""
    return MISSING if value is None else f"{value.day} {value:%b %Y}"


def span(start: date, end: date) -> str:
    """`1 Jan - 31 Mar 2026` with an en dash (the year once when both ends share it)."""
    first = f"{start.day} {start:%b}" if start.year == end.year else day(start)
    return f"{first} {EN_DASH} {day(end)}"
