"""Who is asking and when: one `Context` per request, CLI command or scheduled job, built by
`context_for` and nowhere else, so that every surface agrees on the organisation's "today" (in
its time zone, `today_in`), on the period a name or a default stands for, and on the as-of date.

Route and command code take the context instead of reading the clock or the settings
themselves; a test freezes "now" by passing it here.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from pacesetter.domain.periods import Period, PeriodKind, parse_period, period_of
from pacesetter.store.org_settings import load_org_settings, today_in
from pacesetter.store.scope import Scope


@dataclass(frozen=True)
class Context:
    """The viewer's scope, the organisation's today and its fiscal year's first month."""

    scope: Scope
    today: date
    fiscal_start: int

    def period(self, name: str | None, default: PeriodKind = PeriodKind.MONTH) -> Period:
        """The period `name` stands for in the fiscal year; without a name, the `default`
        kind of period that holds today."""
        if name:
            return parse_period(name, self.fiscal_start)
        return period_of(self.today, default, self.fiscal_start)

    def as_of(self, period: Period, given: date | None = None) -> date:
        """The date asked for, or today clipped to the period (a past period: its last day)."""
        return given or min(max(self.today, period.start), period.end)


def context_for(session: Session, scope: Scope, now: datetime | None = None) -> Context:
    """The context of one request, command or job: the org's settings read once."""
    org = load_org_settings(session)
    return Context(scope, today_in(org.timezone, now), org.fiscal_year_start_month)
