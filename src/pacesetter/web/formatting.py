"""How numbers, money and dates read on a page (Jinja filters)."""

from datetime import date

from pacesetter.domain.goal_rules.text import percent

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
MISSING = "\u2014"  # an em dash: shown where there is no value
EN_DASH = "\u2013"


def format_money(amount: float | None, currency: str) -> str:
    """Whole units with thousands separators: `$1,234,567`, `-€980`, `12,500 SEK`."""
    if amount is None:
        return MISSING
    whole = round(amount)
    digits = f"{abs(whole):,}"
    sign = "-" if whole < 0 else ""
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    return f"{sign}{symbol}{digits}" if symbol else f"{sign}{digits} {currency.upper()}"


def format_number(value: float | None) -> str:
    if value is None:
        return MISSING
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def format_percent(share: float | None) -> str:
    """A share as a whole percent, rounded down (see `percent`); a dash when there is none."""
    return MISSING if share is None else percent(share)


def format_day(day: date | None) -> str:
    """`3 Feb 2026`: unambiguous on both sides of the Atlantic."""
    return MISSING if day is None else f"{day.day} {day:%b %Y}"


def format_span(start: date, end: date) -> str:
    """`1 Jan - 31 Mar 2026` with an en dash (the year once when both ends share it)."""
    first = f"{start.day} {start:%b}" if start.year == end.year else format_day(start)
    return f"{first} {EN_DASH} {format_day(end)}"
