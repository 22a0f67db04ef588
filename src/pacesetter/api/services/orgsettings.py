"""The organisation's clock: every report's default as-of date is today where the org is."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pacesetter.store.models import OrgSettings


def org_today(org: OrgSettings, now: datetime | None = None) -> date:
    """Today in the organisation's time zone: the default as-of date of every report."""
    return (now or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(org.timezone)).date()
