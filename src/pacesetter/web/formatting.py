"""The pages' Jinja filters: the rules of `domain.formatting` (which CLI tables, the audit trail
and, later, email share) under the names the templates and page handlers use."""

from pacesetter.domain.formatting import (
    CURRENCY_SYMBOLS,
    EN_DASH,
    MISSING,
    day,
    in_unit,
    money,
    number,
    share,
    span,
)

format_money = money
format_number = number
format_percent = share
format_value = in_unit
format_day = day
format_span = span

__all__ = [
    "CURRENCY_SYMBOLS",
    "EN_DASH",
    "MISSING",
    "format_day",
    "format_money",
    "format_number",
    "format_percent",
    "format_span",
    "format_value",
]
