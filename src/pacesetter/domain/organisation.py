"""Rules for the organisation's settings: what each may hold, and how weekdays are written.

Settings are stored as plain values; these functions turn what a person types (`Mon-Fri`,
`Europe/Paris`, `4`) into those values, or say clearly why they cannot.
"""

import math
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from pacesetter.domain.errors import Invalid
from pacesetter.domain.vocab import BusinessStage

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_weekdays(text: str) -> frozenset[int]:
    """`0,1,2,3,4` (as stored, Monday = 0), `mon,tue,...` or a range such as `mon-fri`."""
    days: set[int] = set()
    for part in (p.strip().lower() for p in text.split(",") if p.strip()):
        first, _, last = part.partition("-")
        start, end = _weekday(first), _weekday(last or first)
        days.update(range(start, end + 1) if start <= end else [*range(start, 7), *range(end + 1)])
    if not days:
        raise Invalid("Working days cannot be empty: give at least one weekday, e.g. mon-fri.")
    return frozenset(days)


def format_weekdays(days: frozenset[int]) -> str:
    """The stored form: sorted weekday numbers, comma-separated."""
    return ",".join(str(day) for day in sorted(days))


def _weekday(token: str) -> int:
    if token.isdigit() and int(token) < 7:
        return int(token)
    if token[:3] in WEEKDAY_NAMES:
        return WEEKDAY_NAMES.index(token[:3])
    raise Invalid(f"{token!r} is not a weekday: use mon..sun or 0..6 (Monday = 0).")


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid(f"{value!r} is not a time zone name such as Europe/Paris or UTC.") from None
    return value


def _fiscal_month(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 12:
        raise Invalid(f"The fiscal year start month must be 1 to 12, not {value!r}.")
    return int(value)


def _stage(value: str) -> str:
    try:
        return BusinessStage(value.strip().lower()).value
    except ValueError:
        choices = ", ".join(stage.value for stage in BusinessStage)
        raise Invalid(f"The business stage must be one of {choices}, not {value!r}.") from None


def _currency(value: str) -> str:
    if len(value.strip()) != 3 or not value.strip().isalpha():
        raise Invalid(f"A currency is a three-letter code such as USD or EUR, not {value!r}.")
    return value.strip().upper()


def _country(value: str) -> str | None:
    if not value.strip():
        return None
    code = value.strip().upper()
    if code not in holidays.list_supported_countries():
        raise Invalid(f"No public-holiday calendar is known for the country code {value!r}.")
    return code


def _positive_days(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise Invalid(f"A cadence is a whole number of days, 1 or more, not {value!r}.")
    return int(value)


def _share(value: str) -> float:
    number = _number(value)
    if not 0 <= number <= 1:
        raise Invalid(f"A share is a number from 0 to 1 (0.5 = 50%), not {value!r}.")
    return number


def _multiple(value: str) -> float:
    number = _number(value)
    if number <= 0:
        raise Invalid(f"A multiple is a number above 0, such as 2, not {value!r}.")
    return number


def _count(value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise Invalid(f"A threshold is a whole number, 1 or more, not {value!r}.")
    return int(value)


def _number(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise Invalid(f"{value!r} is not a number.") from None
    if not math.isfinite(number):
        raise Invalid(f"{value!r} is not a finite number.")
    return number


def _name(value: str) -> str:
    if not value.strip():
        raise Invalid("The organisation needs a name.")
    return value.strip()


# Each setting a person may change, and the rule that turns their text into the stored value.
SETTING_RULES: dict[str, Callable[[str], object]] = {
    "name": _name,
    "currency": _currency,
    "timezone": _timezone,
    "fiscal_year_start_month": _fiscal_month,
    "business_stage": _stage,
    "working_weekdays": lambda text: format_weekdays(parse_weekdays(text)),
    "team_meeting_cadence_days": _positive_days,
    "holiday_country": _country,
    "signal_personal_target_share": _share,
    "signal_personal_target_min_reports": _count,
    "signal_top_account_fraction": _share,
    "signal_top_account_multiple": _multiple,
    "signal_selling_time_share": _share,
    "signal_one_on_one_cadence": _share,
    "signal_team_meeting_gap_multiple": _multiple,
    "signal_forecast_accuracy": _share,
    "signal_improvement_plan_rate": _share,
    "signal_new_hire_days": _count,
    "signal_new_hire_one_on_one_days": _count,
    "signal_single_closer_share": _share,
    "role_leadership_only_reports": _count,
    "role_leadership_only_signals": _count,
    "role_limit_target_reports": _count,
    "role_limit_target_share": _share,
}


def clean_setting(name: str, value: str) -> object:
    """The stored value of setting `name` given as text; `Invalid` if unknown or malformed."""
    if name not in SETTING_RULES:
        raise Invalid(f"There is no organisation setting {name!r}.")
    return SETTING_RULES[name](value)
