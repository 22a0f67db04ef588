"""Benchmark: the rep scorecard's CPU time, product vs DuckDB and pandas, on a shared machine.

    .venv/bin/python bench/scorecard_cpu_bench.py --url sqlite:///bench.db --period 2026-Q3 \
        --as-of 2026-08-15 [--repeat 7]

bench/reference_bench.py times wall clocks, which a loaded machine stretches by whatever else
runs at the time (its DuckDB figure at 1,000 reps moved from 0.18 s to 1.9 s between runs at a
load of 8 to 17 on 2 CPUs). This one times the same work, interleaved in one warm process, by
wall clock and by the CPU time of this process (`time.process_time`, every thread). On SQLite
the whole product runs in this process, so its CPU time is the work a scorecard costs,
whatever the load; on PostgreSQL the server's share is not in it, so only the wall clock counts
there. DuckDB's CPU time adds up its threads. The product's answers are not compared here:
reference_bench does that.
"""

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from reference import Question, duckdb_scorecard, duckdb_tables, load_rows, pandas_scorecard
from sqlalchemy.orm import Session

from pacesetter.domain.periods import parse_period
from pacesetter.metrics.catalogue import SCORECARD_METRICS
from pacesetter.metrics.scorecard import build_scorecard, row_people
from pacesetter.metrics.values import person_metrics
from pacesetter.store.db import make_engine
from pacesetter.store.scope import Scope


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--period", required=True)
    parser.add_argument("--as-of", required=True, type=date.fromisoformat)
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    period = parse_period(options.period)
    question = Question(period.start, period.end, options.as_of)
    engine = make_engine(options.url)
    everyone = Scope.everything()
    with Session(engine) as session, engine.connect() as connection:
        ids = row_people(everyone, period, None, None)
        rows = load_rows(connection, question)
        duck = duckdb_tables(rows)
        runs: dict[str, Callable[[], Any]] = {
            "product scorecard": lambda: build_scorecard(session, everyone, period, options.as_of),
            "product metrics": lambda: person_metrics(
                session, ids, period, options.as_of, SCORECARD_METRICS
            ),
            "duckdb": lambda: duckdb_scorecard(duck, question),
            "pandas": lambda: pandas_scorecard(rows, question),
        }
        for run in runs.values():
            run()  # warm
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
        for _ in range(options.repeat):
            for name, run in runs.items():
                wall, cpu = time.perf_counter(), time.process_time()
                run()
                times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    engine.dispose()
    print(describe(times))


def describe(times: dict[str, list[tuple[float, float]]]) -> str:
    def low_median(values: list[float]) -> tuple[float, float]:
        return min(values), statistics.median(values)

    lines = ["| | wall min / median | CPU min / median | CPU ÷ DuckDB's | pandas' CPU ÷ it |"]
    lines.append("|---|---:|---:|---:|---:|")
    duck = low_median([cpu for _, cpu in times["duckdb"]])
    pandas = low_median([cpu for _, cpu in times["pandas"]])
    for name, pairs in times.items():
        wall = low_median([w for w, _ in pairs])
        cpu = low_median([c for _, c in pairs])
        lines.append(
            f"| {name} | {wall[0]:.3f} / {wall[1]:.3f} s | {cpu[0]:.3f} / {cpu[1]:.3f} s "
            f"| {cpu[0] / duck[0]:.1f} / {cpu[1] / duck[1]:.1f} "
            f"| {pandas[0] / cpu[0]:.1f} / {pandas[1] / cpu[1]:.1f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
