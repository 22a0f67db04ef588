"""Benchmark: the manager scorecard (KPIs), the signals and the whole manager report, for every
manager and director at once, on a database that already holds an organisation.

    .venv/bin/python bench/manager_bench.py --url sqlite:///bench.db --period 2026-Q2 \
        --as-of 2026-06-15 [--repeat 5]

Load the organisation first, for example 5,000 reps over 6 months from the generator through
the import path (`pacesetter generate --reps 5000 --months 6 --as-of 2026-06-30`, then
`pacesetter import KIND FILE` for each file). Each part runs `--repeat` times, interleaved, in
one process on a warm database; it prints the min and median wall time, the SQL statements one
run issues (the same for 5 managers or 500: set-based, never per manager or rep), the number of
managers, and the process's peak RSS. Results go to docs/benchmarks.md by hand.
"""

import argparse
import resource
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from pacesetter.domain.periods import Period, parse_period
from pacesetter.metrics.manager_kpis import manager_kpis, previous_forecast_accuracy
from pacesetter.metrics.manager_report import build_manager_report, report_managers
from pacesetter.metrics.manager_signals import manager_signals
from pacesetter.metrics.org_settings import load_work_calendar, report_years
from pacesetter.store.db import make_engine
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope


class Parts:
    """The three things timed, for every manager and director employed during P at once."""

    def __init__(self, session: Session, period: Period, as_of: date) -> None:
        self.session, self.period, self.as_of = session, period, as_of
        self.managers = report_managers(Scope.everything(), period, None)
        years = report_years(period.previous().start, period.end)
        self.calendar = load_work_calendar(session, years)
        # What the signals read, computed once beforehand (not timed with them).
        self.kpis = self.scorecard()
        self.previous = previous_forecast_accuracy(session, self.managers, period)

    def scorecard(self) -> Any:
        return manager_kpis(
            self.session, self.managers, self.period, self.as_of, calendar=self.calendar
        )

    def signals(self) -> Any:
        return manager_signals(
            self.session,
            self.managers,
            self.period,
            self.as_of,
            self.kpis,
            self.previous,
            calendar=self.calendar,
        )

    def report(self) -> Any:
        return build_manager_report(self.session, Scope.everything(), self.period, self.as_of)


def timed(engine: Engine, run: Callable[[], Any]) -> tuple[float, int]:
    """Wall time of one run, and the SQL statements it issued."""
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    started = time.perf_counter()
    try:
        run()
    finally:
        elapsed = time.perf_counter() - started
        event.remove(engine, "before_cursor_execute", count)
    return elapsed, len(statements)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--period", required=True)
    parser.add_argument("--as-of", required=True, type=date.fromisoformat)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    engine = make_engine(options.url)
    with Session(engine) as session:
        parts = Parts(session, parse_period(options.period), options.as_of)
        runs = {"kpis": parts.scorecard, "signals": parts.signals, "report": parts.report}
        times: dict[str, list[float]] = {name: [] for name in runs}
        counts: dict[str, int] = {}
        for _ in range(options.repeat):
            for name, run in runs.items():
                elapsed, counts[name] = timed(engine, run)
                times[name].append(elapsed)
        managers = len(parts.kpis)
        reps = session.scalar(select(func.count()).where(Person.role == "rep"))
    print(f"{options.url}: {reps} reps, {managers} managers and directors")
    print(f"{options.period} at {options.as_of}, {options.repeat} runs")
    for name, found in times.items():
        low, middle = min(found), statistics.median(found)
        print(f"{name:8} min {low:7.2f} s  median {middle:7.2f} s  {counts[name]} statements")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
