"""The organisation's clock: every report's default as-of date is today where the org is."""

from datetime import date, datetime

from pacesetter.store.models import OrgSettings
from pacesetter.store.org_settings import today_in


def org_today(org: OrgSettings, now: datetime | None = None) -> date:
    """Today in the organisation's time zone: the default as-of date of every report (the rule
    is `store.org_settings.today_in`, which the CLI uses too)."""
    return today_in(org.timezone, now)
