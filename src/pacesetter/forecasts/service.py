"""A manager submits their forecast for a period: the amount they expect their team to win.

Pages (`POST /managers/forecasts`) and the API (`POST /api/v1/forecasts`) both call
`submit_forecast`; the import (`ingest/kinds/forecasts.py`) stores the same rows. Every check
runs before anything is added, so a refused forecast writes nothing.
"""

import math
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from pacesetter.domain.errors import Forbidden, Invalid
from pacesetter.domain.periods import Period, PeriodError, PeriodKind, parse_period, period_of
from pacesetter.domain.vocab import Role
from pacesetter.store.models import Forecast, OrgSettings, Person
from pacesetter.store.org_settings import today_in
from pacesetter.store.scope import Scope

FORECASTERS = (Role.MANAGER, Role.DIRECTOR)
# The largest amount taken (http.validation.MAX_AMOUNT: exact as a float).
MAX_FORECAST = 10**15


def forecast_period(org: OrgSettings, name: str | None, now: datetime) -> Period:
    """The period by name in the fiscal year; none given: the quarter of today where the org is."""
    fiscal = org.fiscal_year_start_month
    if not name or not name.strip():
        return period_of(today_in(org.timezone, now), PeriodKind.QUARTER, fiscal)
    try:
        return parse_period(name.strip(), fiscal)
    except PeriodError as error:
        raise Invalid(str(error)) from None


def submit_forecast(
    session: Session,
    scope: Scope,
    user: Person,
    manager_id: int,
    amount: float,
    period_name: str | None,
    org: OrgSettings,
    now: datetime | None = None,
) -> Forecast:
    """Record `manager_id`'s forecast, submitted now. A manager or director submits their own
    (an admin may record one for them); someone outside the scope is not found."""
    moment = now or datetime.now(UTC)
    manager = scope.person(session, manager_id)
    if manager.id != user.id and user.role != Role.ADMIN:
        raise Forbidden("Managers submit their own forecast.")
    if manager.role not in FORECASTERS:
        raise Invalid(f"{manager.name} is not a manager or director: they make no forecast.")
    _check_amount(amount)
    period = forecast_period(org, period_name, moment)
    forecast = Forecast(
        manager_id=manager.id,
        period=period.name,
        amount=float(amount),
        submitted_at=moment.astimezone(UTC).replace(tzinfo=None),
        submitted_on=today_in(org.timezone, moment),
    )
    session.add(forecast)
    session.flush()
    return forecast


def _check_amount(amount: float) -> None:
    if not math.isfinite(amount) or amount < 0 or amount > MAX_FORECAST:
        raise Invalid(f"A forecast is an amount from 0 to {MAX_FORECAST:,}.")
