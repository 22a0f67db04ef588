"""The organisation settings reports depend on: the working calendar and the fiscal year.

Without an `org_settings` row the defaults of docs/configuration.md apply: Monday to Friday,
the fiscal year starting in January, no country holidays. Days in the `holidays` table are always
non-working; with `holiday_country` set, so are that country's public holidays.
"""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.organisation import parse_weekdays
from pacesetter.store.models import Holiday
from pacesetter.store.org_settings import load_org_settings


def load_work_calendar(session: Session, years: Iterable[int] = ()) -> WorkCalendar:
    """The organisation's working calendar; country holidays are looked up for `years`."""
    settings = load_org_settings(session)
    weekdays = parse_weekdays(settings.working_weekdays)
    holidays = set(session.scalars(select(Holiday.day)))
    if settings.holiday_country:
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
    return load_org_settings(session).fiscal_year_start_month
