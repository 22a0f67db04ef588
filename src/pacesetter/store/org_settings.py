"""The organisation's settings row (id 1): reading it, with defaults before anyone saved one,
and changing it."""

from collections.abc import Mapping
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pacesetter.domain.organisation import clean_setting
from pacesetter.store.models import Holiday, OrgSettings

ORG_SETTINGS_ID = 1


def load_org_settings(session: Session) -> OrgSettings:
    """The saved row; otherwise an unsaved one carrying the column defaults, so every reader
    sees the same defaults as docs/configuration.md."""
    saved = session.get(OrgSettings, ORG_SETTINGS_ID)
    if saved is not None:
        return saved
    defaults = {
        column.key: column.default.arg
        for column in OrgSettings.__table__.columns
        if column.default is not None and not callable(column.default.arg)
    }
    return OrgSettings(id=ORG_SETTINGS_ID, **defaults)


def today_in(zone: str, now: datetime | None = None) -> date:
    """Today in the time zone `zone`: the date a sales team lives by, not the server's clock
    (a server in UTC is already in tomorrow for an organisation in Sydney)."""
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(zone)).date()


def org_today(session: Session, now: datetime | None = None) -> date:
    """Today where the organisation is: the default as-of date of pages, API and CLI alike."""
    return today_in(load_org_settings(session).timezone, now)


def update_org_settings(session: Session, changes: Mapping[str, str]) -> OrgSettings:
    """Apply settings given as text (validated by the domain rules); saves the row."""
    cleaned = {name: clean_setting(name, value) for name, value in changes.items()}
    settings = load_org_settings(session)
    for name, value in cleaned.items():
        setattr(settings, name, value)
    session.add(settings)
    session.flush()
    return settings


def list_holidays(session: Session) -> list[Holiday]:
    return list(session.scalars(select(Holiday).order_by(Holiday.day)))


def set_holiday(session: Session, day: date, name: str) -> Holiday:
    holiday = session.get(Holiday, day) or Holiday(day=day)
    holiday.name = name
    session.add(holiday)
    session.flush()
    return holiday


def remove_holiday(session: Session, day: date) -> bool:
    return session.execute(delete(Holiday).where(Holiday.day == day)).rowcount > 0
