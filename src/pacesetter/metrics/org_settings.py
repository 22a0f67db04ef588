"""The organisation settings reports depend on: the working calendar and the fiscal year.

Without an `org_settings` row the defaults of docs/configuration.md apply: Monday to Friday,
the fiscal year starting in January, no country holidays. Days in the `holidays` table are always
non-working; with `holiday_country` set, so are that country's public holidays.
"""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import MONDAY_TO_FRIDAY, WorkCalendar
from pacesetter.store.models import Holiday, OrgSettings

ORG_SETTINGS_ID = 1


def load_work_calendar(session: Session, years: Iterable[int] = ()) -> WorkCalendar:
    """The organisation's working calendar; country holidays are looked up for `years`."""
    settings = session.get(OrgSettings, ORG_SETTINGS_ID)
    weekdays = _weekdays(settings.working_weekdays) if settings else MONDAY_TO_FRIDAY
    holidays = set(session.scalars(select(Holiday.day)))
    if settings is not None and settings.holiday_country:
        country = WorkCalendar.with_country_holidays(
            settings.holiday_country, years, None, weekdays
        )
        holidays |= country.holidays
    return WorkCalendar(working_weekdays=weekdays, holidays=frozenset(holidays))


def report_years(start: date, end: date) -> range:
    """The years whose holidays a report over [start, end] needs: a follow-up window that
    starts in the last days of the range ends in the next year."""
    return range(start.year, end.year + 2)


def fiscal_year_start_month(session: Session) -> int:
    """The month (1-12) the fiscal year starts in: quarters and years are named after it."""
    settings = session.get(OrgSettings, ORG_SETTINGS_ID)
    return settings.fiscal_year_start_month if settings else 1


def _weekdays(text: str) -> frozenset[int]:
    """`0,1,2,3,4` as stored (Monday = 0)."""
    return frozenset(int(part) for part in text.split(",") if part.strip())
