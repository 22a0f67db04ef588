"""Benchmark: every rep's quadrant and QDQ plan score at once (metrics.quadrant), on a database
that already holds an organisation.

    .venv/bin/python bench/quadrant_bench.py --url sqlite:///bench.db --period 2026-06 \
        --as-of 2026-06-15 [--repeat 5]

Load the organisation first (see bench/manager_bench.py: `pacesetter generate --reps 5000` and
`pacesetter import KIND FILE` for each file, plans and coaching included). These run
`--repeat` times, interleaved, in one process on a warm database: `placements` for every rep,
`paces` (the same without QDQ), the whole report as the CLI, API and page build it (rows,
names, and last period's quadrant beside each), and what the previous period's column and the
manager KPIs read, both the full placement and the cheaper `quadrants` / `activity_paces` that
give the same numbers. It prints
the min and median wall time, the SQL statements one run issues (the same for 5 reps or 5,000:
set-based, never per rep), how many reps were placed, and the process's peak RSS.
"""

import argparse
import resource
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from pacesetter.domain.periods import parse_period
from pacesetter.domain.vocab import Role
from pacesetter.metrics.org_settings import load_work_calendar, report_years
from pacesetter.metrics.plans import activity_paces
from pacesetter.metrics.quadrant import build_quadrant, paces, placements, quadrants
from pacesetter.metrics.scorecard import row_people
from pacesetter.store.db import make_engine
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope


def timed(engine: Engine, run: Callable[[], Any]) -> tuple[float, int, Any]:
    """Wall time of one run, the SQL statements it issued, and what it returned."""
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    started = time.perf_counter()
    try:
        found = run()
    finally:
        elapsed = time.perf_counter() - started
        event.remove(engine, "before_cursor_execute", count)
    return elapsed, len(statements), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--period", required=True)
    parser.add_argument("--as-of", required=True, type=date.fromisoformat)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    engine = make_engine(options.url)
    period, as_of, everyone = parse_period(options.period), options.as_of, Scope.everything()
    reps = row_people(everyone, period, None, None).where(Person.role == Role.REP)
    previous = period.previous()
    previous_reps = row_people(everyone, previous, None, None).where(Person.role == Role.REP)
    with Session(engine) as session:
        calendar = load_work_calendar(session, report_years(period.start, period.end))
        runs = {
            "placements": lambda: placements(session, reps, period, as_of),
            # Results pace, activity pace and quadrant without QDQ: what the references compute.
            "paces": lambda: paces(session, reps, period, as_of),
            "report": lambda: build_quadrant(session, everyone, period, as_of, with_previous=True),
            # What the previous period's column and the manager KPIs read: the full placement
            # (how they were computed before) against the quadrant or activity pace alone.
            "prev placed": lambda: placements(session, previous_reps, previous, previous.end),
            "prev quads": lambda: quadrants(session, previous_reps, previous, previous.end),
            "act paces": lambda: activity_paces(session, reps, period, as_of, calendar),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        counts: dict[str, int] = {}
        for _ in range(options.repeat):
            for name, run in runs.items():
                elapsed, counts[name], _ = timed(engine, run)
                times[name].append(elapsed)
        rows = len(session.scalars(select(Person.id).where(Person.id.in_(reps))).all())
        report = build_quadrant(session, everyone, period, as_of)
        placed = sum(1 for row in report.rows if row.placement.quadrant)
    print(f"{options.url}: {rows} reps employed in {options.period}, {placed} placed")
    print(f"{options.period} at {as_of}, {options.repeat} runs")
    for name, found_times in times.items():
        low, middle = min(found_times), statistics.median(found_times)
        print(f"{name:12} min {low:7.2f} s  median {middle:7.2f} s  {counts[name]} statements")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
