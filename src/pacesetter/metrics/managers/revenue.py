"""Team revenue KPIs: team attainment, % of reps at goal, forecast accuracy, CRM compliance.

Each is one or two statements for every manager at once (metrics.md "Manager KPIs"); the
team's numbers come from the catalogue (`team_metrics`), summed over the team closure.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import DealStatus
from pacesetter.metrics.catalogue import Value
from pacesetter.metrics.grouping import ByTeam
from pacesetter.metrics.managers.population import Counts, Members, team_rep_ids
from pacesetter.metrics.sql import count_where
from pacesetter.metrics.values import MetricValues, person_metrics, team_metrics
from pacesetter.store.models import Deal, Forecast

Ids = Select[tuple[int]]
REVENUE = ("revenue_won", "revenue_target")
# Characters a next step made only of counts as empty (SQL's TRIM strips spaces only).
BLANKS = ("\t", "\n", "\r")


def team_revenue(
    session: Session, managers: Ids, period: Period, as_of: date, calendar: WorkCalendar
) -> MetricValues:
    """Each manager's team `revenue_won` to d and the target of their approved team goal."""
    return team_metrics(session, managers, period, as_of, REVENUE, calendar=calendar)


def attainment(values: dict[str, Value]) -> float | None:
    """revenue won / target; null without a goal or with a target of 0."""
    target = values["revenue_target"]
    return None if not target else float(values["revenue_won"] or 0) / target


def reps_at_goal(
    session: Session,
    grouping: ByTeam,
    reps: Members,
    period: Period,
    as_of: date,
    calendar: WorkCalendar,
) -> dict[int, Counts]:
    """Among each team's reps with an approved `revenue_won` goal for P, (how many attained it
    to d, how many have one): a target of 0 is never attained; the KPI is their share."""
    rep_ids = team_rep_ids(grouping.closure, period)
    own = person_metrics(session, rep_ids, period, as_of, REVENUE, calendar=calendar)
    found: dict[int, Counts] = {}
    for key, members in reps.items():
        goals = [own[m.person_id] for m in members]
        with_goal = [values for values in goals if values["revenue_target"] is not None]
        attained = sum(1 for values in with_goal if (attainment(values) or 0) >= 1)
        found[key] = (attained, len(with_goal))
    return found


def forecast_accuracy(actual: Value, forecast: float | None) -> float | None:
    """max(0, 1 - |A - f| / A); with A = 0, 1 when f = 0 else 0; null without either."""
    if actual is None or forecast is None:
        return None
    if actual == 0:
        return 1.0 if forecast == 0 else 0.0
    return max(0.0, 1 - abs(actual - forecast) / actual)


def latest_forecasts(session: Session, managers: Ids, period: Period) -> dict[int, float]:
    """Each manager's latest forecast for P (by submission time) submitted on or before the
    midpoint of P; managers without one are absent."""
    statement = (
        select(Forecast.manager_id, Forecast.amount)
        .where(Forecast.manager_id.in_(managers), Forecast.period == period.name)
        .where(Forecast.submitted_on <= period.midpoint())
        .order_by(Forecast.manager_id, Forecast.submitted_at)
    )
    # In submission order, so the latest of each manager is the one kept.
    return {manager: float(amount) for manager, amount in session.execute(statement)}


def forecast_accuracies(
    session: Session, managers: Ids, period: Period, as_of: date, revenue: MetricValues
) -> dict[int, float | None]:
    """Each manager's forecast accuracy for P at d: the actual is the team's `revenue_won`
    over all of P, known only once d has reached the end of P."""
    forecasts = latest_forecasts(session, managers, period)
    ended = as_of >= period.end
    return {
        key: forecast_accuracy(values["revenue_won"] if ended else None, forecasts.get(key))
        for key, values in revenue.items()
    }


def previous_forecast_accuracy(
    session: Session, managers: Ids, period: Period, *, calendar: WorkCalendar | None = None
) -> dict[int, float | None]:
    """Each manager's forecast accuracy for the previous period of the same length as P,
    taken at its end (it has ended): what the `unreliable_forecast` signal compares with."""
    records = past_forecast(session, managers, period.previous(), calendar)
    return {key: record.accuracy for key, record in records.items()}


@dataclass(frozen=True)
class ForecastRecord:
    """One past period's forecast: the forecast that counted, the team's actual, accuracy."""

    period: str
    forecast: float | None
    actual: float
    accuracy: float | None


def past_forecast(
    session: Session, managers: Ids, past: Period, calendar: WorkCalendar | None
) -> dict[int, ForecastRecord]:
    """Each manager's forecast for a period that has ended, against the team's actual."""
    revenue = team_metrics(session, managers, past, past.end, ("revenue_won",), calendar=calendar)
    forecasts = latest_forecasts(session, managers, past)
    found: dict[int, ForecastRecord] = {}
    for key, values in revenue.items():
        actual, forecast = float(values["revenue_won"] or 0), forecasts.get(key)
        found[key] = ForecastRecord(
            past.name, forecast, actual, forecast_accuracy(actual, forecast)
        )
    return found


def forecast_history(
    session: Session,
    managers: Ids,
    period: Period,
    count: int,
    *,
    calendar: WorkCalendar | None = None,
) -> dict[int, list[ForecastRecord]]:
    """Each manager's forecasts in the `count` periods of P's length before P, the latest
    first: three statements a period, whatever the number of managers."""
    found: dict[int, list[ForecastRecord]] = {}
    past = period
    for _ in range(count):
        past = past.previous()
        for key, record in past_forecast(session, managers, past, calendar).items():
            found.setdefault(key, []).append(record)
    return found


@dataclass(frozen=True)
class ForecastRollup:
    """A manager's latest forecast for P by d against their team's won revenue to d and the
    open pipeline at d closing by the end of P: what a director rolls up."""

    forecast: float | None
    submitted_on: date | None
    won: float
    pipeline: float


def forecast_rollups(
    session: Session, managers: Ids, period: Period, as_of: date, calendar: WorkCalendar
) -> dict[int, ForecastRollup]:
    """Each manager's `ForecastRollup` for P at d (any forecast submitted by d counts here)."""
    slugs = ("revenue_won", "open_pipeline")
    team = team_metrics(session, managers, period, as_of, slugs, calendar=calendar)
    statement = (
        select(Forecast.manager_id, Forecast.amount, Forecast.submitted_on)
        .where(Forecast.manager_id.in_(managers), Forecast.period == period.name)
        .where(Forecast.submitted_on <= as_of)
        .order_by(Forecast.manager_id, Forecast.submitted_at)
    )
    # In submission order, so the latest of each manager is the one kept.
    latest = {manager: (float(amount), day) for manager, amount, day in session.execute(statement)}
    return {
        key: ForecastRollup(
            *latest.get(key, (None, None)),
            float(values["revenue_won"] or 0),
            float(values["open_pipeline"] or 0),
        )
        for key, values in team.items()
    }


def crm_compliance(session: Session, grouping: ByTeam, as_of: date) -> dict[int, Counts]:
    """Over each team's deals open at d, (those with an amount > 0, a close date >= d and a
    next step that is not blank, all of them); teams with none open are absent."""
    per_owner = (
        select(Deal.owner_id.label("key"), func.count().label("open_deals"))
        .add_columns(count_where(_compliant(as_of)).label("compliant_deals"))
        .where(Deal.owner_id.in_(grouping.owners()), Deal.created_date <= as_of)
        .where((Deal.status == DealStatus.OPEN) | (Deal.close_date > as_of))
        .group_by(Deal.owner_id)
    )
    statement = grouping.group(per_owner, ["open_deals", "compliant_deals"])
    return {
        row.key: (int(row.compliant_deals), int(row.open_deals))
        for row in session.execute(statement)
    }


def _compliant(as_of: date) -> ColumnElement[bool]:
    step: ColumnElement[str] = func.coalesce(Deal.next_step, "")
    for blank in BLANKS:
        step = func.replace(step, blank, " ")
    return (Deal.amount > 0) & (Deal.close_date >= as_of) & (func.trim(step) != "")
