"""The organisation's settings row, or its defaults before anyone has saved one."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pacesetter.metrics.org_settings import ORG_SETTINGS_ID
from pacesetter.store.models import OrgSettings


def load_org_settings(db: Session) -> OrgSettings:
    """The saved row; otherwise an unsaved one carrying the column defaults."""
    saved = db.get(OrgSettings, ORG_SETTINGS_ID)
    if saved is not None:
        return saved
    defaults = {
        column.key: column.default.arg
        for column in OrgSettings.__table__.columns
        if column.default is not None and not callable(column.default.arg)
    }
    return OrgSettings(id=ORG_SETTINGS_ID, **defaults)


def org_today(org: OrgSettings, now: datetime | None = None) -> date:
    """Today in the organisation's time zone: the default as-of date of every report."""
    return (now or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(org.timezone)).date()
