"""The working calendar and fiscal year read from the organisation settings."""

from datetime import date

from sqlalchemy.orm import Session

from pacesetter.domain.calendar import MONDAY_TO_FRIDAY
from pacesetter.metrics.org_settings import (
    fiscal_year_start_month,
    load_work_calendar,
    report_years,
)
from pacesetter.store.models import Holiday, OrgSettings


def test_without_settings_the_defaults_apply(db: Session) -> None:
    calendar = load_work_calendar(db, [2026])
    assert (calendar.working_weekdays, calendar.holidays) == (MONDAY_TO_FRIDAY, frozenset())
    assert fiscal_year_start_month(db) == 1


def test_settings_and_the_holidays_table_make_the_calendar(db: Session) -> None:
    db.add(OrgSettings(id=1, working_weekdays="6,0,1,2,3", fiscal_year_start_month=4))
    db.add(Holiday(day=date(2026, 3, 2), name="Founders' day"))
    db.flush()
    calendar = load_work_calendar(db, [2026])
    assert calendar.working_weekdays == frozenset({6, 0, 1, 2, 3})
    assert calendar.holidays == frozenset({date(2026, 3, 2)})
    assert fiscal_year_start_month(db) == 4


def test_a_holiday_country_adds_its_public_holidays_for_the_years_asked(db: Session) -> None:
    db.add(OrgSettings(id=1, holiday_country="FR"))
    db.add(Holiday(day=date(2026, 3, 2), name="Founders' day"))
    db.flush()
    calendar = load_work_calendar(db, report_years(date(2026, 1, 1), date(2026, 12, 31)))
    assert date(2026, 3, 2) in calendar.holidays  # from the table
    assert date(2026, 5, 1) in calendar.holidays  # Fête du Travail
    assert date(2027, 1, 1) in calendar.holidays  # the next year, for year-end follow-ups
    assert not calendar.is_working_day(date(2026, 7, 14))  # a Tuesday, Fête nationale
