"""New, persisting or cleared: each manager's fired signals for P at d against those fired for
the previous period of the same length at its last day (domain.overload.signal_changes).

The previous period's signals need that period's KPIs, computed once for all the managers at
once (`manager_kpis` at the previous period's end): the same KPIs the manager's card shows as
the trend beside each value, so the page asks for them once.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Select
from sqlalchemy.orm import Session

from pacesetter.domain.overload import signal_changes
from pacesetter.domain.periods import Period
from pacesetter.metrics.catalogue import Value
from pacesetter.metrics.manager_kpis import manager_kpis, previous_forecast_accuracy
from pacesetter.metrics.manager_signals import ManagerSignals, manager_signals
from pacesetter.metrics.managers.population import employed_during

Ids = Select[tuple[int]]


@dataclass(frozen=True)
class PreviousPeriod:
    """The previous period of the same length, taken at its end: each manager's KPIs there and
    the change of each signal since (absent for a manager not employed then)."""

    period: Period
    kpis: dict[int, dict[str, Value]]
    changes: dict[int, dict[str, str]]


def previous_period(
    session: Session, managers: Ids, period: Period, now: Mapping[int, ManagerSignals]
) -> PreviousPeriod:
    """`now` are the managers' signals for P: each is compared with their signals for the
    previous period (a manager who was not employed then had none: every signal is new)."""
    previous = period.previous()
    there = managers.where(employed_during(previous.start, previous.end))
    kpis = manager_kpis(session, there, previous, previous.end)
    accuracy = previous_forecast_accuracy(session, there, previous)
    before = manager_signals(session, there, previous, previous.end, kpis, accuracy)
    changes = {
        key: signal_changes(_names(signals), _names(before.get(key)))
        for key, signals in now.items()
    }
    return PreviousPeriod(previous, kpis, changes)


def _names(signals: ManagerSignals | None) -> list[str]:
    return [] if signals is None else [signal.name for signal in signals.signals]


def earlier_kpis(
    session: Session, managers: Ids, period: Period, count: int
) -> list[tuple[Period, dict[int, dict[str, Value]]]]:
    """The KPIs of the `count` periods of P's length before the previous one, each at its end,
    the earliest first: with the previous period's and P's, a KPI's trend on the card."""
    periods: list[Period] = []
    past = period.previous()
    for _ in range(count):
        past = past.previous()
        periods.insert(0, past)
    return [(each, manager_kpis(session, managers, each, each.end)) for each in periods]
