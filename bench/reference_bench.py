"""Benchmark: the rep scorecard as the product computes it vs DuckDB and pandas (issue 10).

    .venv/bin/python bench/reference_bench.py --url sqlite:///bench.db --period 2026-Q3 \
        --as-of 2026-08-15 [--repeat 3] [--json]

On a database that already holds an organisation: the rows are read once into memory
(bench/reference.py), then, interleaved `--repeat` times in this warm process, the product's
scorecard (`build_scorecard`, goal lines included), the product's metrics alone
(`person_metrics` of the scorecard's columns: what the references compute), the hand-written
DuckDB query and the pandas version; then the same for the quadrant, the product twice: its
whole `placements` (with the QDQ score, which the references leave out) and `paces` (results
pace, activity pace and quadrant: what the references compute). Every person's every metric
must be equal in all three (floats to 1e-9 relative: the engines add in different orders); a
difference is printed with the person, metric and the three values, and the run exits with
status 1. It prints the min and median wall time of each, the ratios of the product to DuckDB
and to pandas, and memory (peak RSS of the process, and what the in-memory copies added).
`--json` prints one JSON document.

Then the manager scorecard: the product's `manager_kpis` for every manager and director employed
during P (what `pacesetter report manager` reads) against bench/reference_managers.py's DuckDB
query and pandas version of metrics.md's manager KPIs, compared and timed the same way.
"""

import argparse
import json
import math
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import psutil
from reference import (
    METRICS,
    PLACEMENT,
    Question,
    Values,
    duckdb_quadrant,
    duckdb_scorecard,
    duckdb_tables,
    load_rows,
    pandas_quadrant,
    pandas_scorecard,
)
from reference_managers import KPIS as MANAGER_KPIS
from reference_managers import (
    ManagerQuestion,
    duckdb_manager_tables,
    duckdb_managers,
    load_manager_rows,
    pandas_managers,
)
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pacesetter.domain.periods import Period, parse_period
from pacesetter.domain.vocab import Role
from pacesetter.metrics.catalogue import SCORECARD_METRICS
from pacesetter.metrics.manager_kpis import manager_kpis
from pacesetter.metrics.manager_report import report_managers
from pacesetter.metrics.quadrant import Paces, Placement, paces, placements
from pacesetter.metrics.scorecard import build_scorecard, row_people
from pacesetter.metrics.values import person_metrics
from pacesetter.store.db import make_engine
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope

RELATIVE = 1e-9


@dataclass(frozen=True)
class Timing:
    name: str
    low: float
    median: float


@dataclass(frozen=True)
class Outcome:
    database: str
    period: str
    as_of: str
    people: int
    reps: int
    placed: int
    managers: int
    compared: int
    mismatches: list[list[Any]]  # the rep scorecard's and the quadrant's
    manager_mismatches: list[list[Any]]  # apart, so each report has a verdict of its own
    timings: list[Timing]
    load_seconds: float
    duckdb_load_seconds: float
    rss_product_mib: float
    rss_frames_mib: float
    rss_duckdb_mib: float
    peak_rss_mib: float


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--period", required=True)
    parser.add_argument("--as-of", required=True, type=date.fromisoformat)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    period = parse_period(options.period)
    outcome = compare(options.url, period, options.as_of, options.repeat)
    if options.json:
        print(json.dumps(asdict(outcome)))
    else:
        print(describe(outcome))
    sys.exit(1 if outcome.mismatches or outcome.manager_mismatches else 0)


def compare(url: str, period: Period, as_of: date, repeat: int) -> Outcome:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return _compare(engine, session, period, as_of, repeat)
    finally:
        engine.dispose()


def _compare(engine: Engine, session: Session, period: Period, as_of: date, repeat: int) -> Outcome:
    question = Question(period.start, period.end, as_of)
    process = psutil.Process()
    everyone = Scope.everything()
    ids = row_people(everyone, period, None, None)
    reps = ids.where(Person.role == Role.REP)
    identities = select(Person.id, Person.external_id).where(Person.id.in_(ids))
    external = {key: name for key, name in session.execute(identities)}
    managers = report_managers(everyone, period, None)
    manager_question = ManagerQuestion(period.start, period.end, as_of)

    def product_scorecard() -> Values:
        report = build_scorecard(session, everyone, period, as_of)
        return {row.external_id: row.metrics for row in report.rows}

    def product_metrics() -> Values:
        found = person_metrics(session, ids, period, as_of, SCORECARD_METRICS)
        return {external[key]: values for key, values in found.items()}

    def product_quadrant() -> Values:
        found = placements(session, reps, period, as_of)
        return {external[key]: _placement_values(placed) for key, placed in found.items()}

    def product_paces() -> Values:
        found = paces(session, reps, period, as_of)
        return {external[key]: _placement_values(placed) for key, placed in found.items()}

    def product_managers() -> Values:
        found = manager_kpis(session, managers, period, as_of)
        return {external[key]: {name: found[key][name] for name in MANAGER_KPIS} for key in found}

    product_scorecard()  # warm: the first run reads the tables from disk
    rss_product = process.memory_info().rss
    started = time.perf_counter()
    with engine.connect() as connection:
        rows = load_rows(connection, question)
        manager_rows = load_manager_rows(connection, manager_question)
    load_seconds = time.perf_counter() - started
    rss_frames = process.memory_info().rss
    started = time.perf_counter()
    duck = duckdb_tables(rows)
    duck_managers = duckdb_manager_tables(manager_rows)
    duckdb_load_seconds = time.perf_counter() - started
    rss_duckdb = process.memory_info().rss
    runs: dict[str, Callable[[], Values]] = {
        "product scorecard": product_scorecard,
        "product metrics": product_metrics,
        "duckdb": lambda: duckdb_scorecard(duck, question),
        "pandas": lambda: pandas_scorecard(rows, question),
        "product quadrant": product_quadrant,
        "product paces quadrant": product_paces,
        "duckdb quadrant": lambda: duckdb_quadrant(duck, rows, question),
        "pandas quadrant": lambda: pandas_quadrant(rows, question),
        "product managers": product_managers,
        "duckdb managers": lambda: duckdb_managers(duck_managers, manager_question),
        "pandas managers": lambda: pandas_managers(manager_rows, manager_question),
    }
    try:
        times, answers = interleaved(runs, repeat)
    finally:
        duck.close()
        duck_managers.close()
    product = answers["product scorecard"]
    mismatches = differences(product, answers["duckdb"], answers["pandas"], METRICS)
    placed = answers["product quadrant"]
    quadrant_answers = (answers["duckdb quadrant"], answers["pandas quadrant"])
    mismatches += differences(placed, *quadrant_answers, PLACEMENT)
    mismatches += differences(answers["product paces quadrant"], *quadrant_answers, PLACEMENT)
    kpis = answers["product managers"]
    manager_answers = (answers["duckdb managers"], answers["pandas managers"])
    if answers["product metrics"] != product:
        mismatches.append(["(all)", "person_metrics differs from build_scorecard"])
    return Outcome(
        database=engine.dialect.name,
        period=period.name,
        as_of=as_of.isoformat(),
        people=len(product),
        reps=len(placed),
        placed=sum(1 for values in placed.values() if values["quadrant"]),
        managers=len(kpis),
        compared=len(product) * len(METRICS)
        + len(placed) * len(PLACEMENT)
        + len(kpis) * len(MANAGER_KPIS),
        mismatches=mismatches,
        manager_mismatches=differences(kpis, *manager_answers, MANAGER_KPIS),
        timings=[Timing(name, min(seen), statistics.median(seen)) for name, seen in times.items()],
        load_seconds=load_seconds,
        duckdb_load_seconds=duckdb_load_seconds,
        rss_product_mib=rss_product / 2**20,
        rss_frames_mib=(rss_frames - rss_product) / 2**20,
        rss_duckdb_mib=(rss_duckdb - rss_frames) / 2**20,
        peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def interleaved(
    runs: dict[str, Callable[[], Values]], repeat: int
) -> tuple[dict[str, list[float]], dict[str, Values]]:
    """Each run `repeat` times, one of each in turn; the wall times, and each one's answer."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    answers: dict[str, Values] = {}
    for _ in range(repeat):
        for name, run in runs.items():
            started = time.perf_counter()
            answers[name] = run()
            times[name].append(time.perf_counter() - started)
    return times, answers


def _placement_values(placed: Placement | Paces) -> dict[str, Any]:
    return {name: getattr(placed, name) for name in PLACEMENT}


def differences(
    product: Values, duckdb: Values, pandas: Values, names: Sequence[str]
) -> list[list[Any]]:
    """[person, metric, product, duckdb, pandas] for every value the three do not agree on
    (a person missing from one is reported once, as metric "(row)")."""
    found: list[list[Any]] = []
    for person in sorted(product.keys() | duckdb.keys() | pandas.keys()):
        answers = [source.get(person) for source in (product, duckdb, pandas)]
        if any(answer is None for answer in answers):
            found.append([person, "(row)", *(answer is not None for answer in answers)])
            continue
        for name in names:
            values = [answer[name] for answer in answers]
            if not (same(values[0], values[1]) and same(values[0], values[2])):
                found.append([person, name, *values])
    return found


def same(left: float | int | str | None, right: float | int | str | None) -> bool:
    if left is None or right is None or isinstance(left, str) or isinstance(right, str):
        return left == right
    return math.isclose(left, right, rel_tol=RELATIVE, abs_tol=RELATIVE)


def describe(outcome: Outcome) -> str:
    timings = {timing.name: timing for timing in outcome.timings}
    lines = [
        f"{outcome.database}: scorecard {outcome.period} at {outcome.as_of}, "
        f"{outcome.people} people x {len(METRICS)} metrics, {outcome.managers} managers x "
        f"{len(MANAGER_KPIS)} KPIs",
        f"rows into pandas {outcome.load_seconds:.2f} s, pandas into DuckDB "
        f"{outcome.duckdb_load_seconds:.2f} s",
    ]
    for timing in outcome.timings:
        lines.append(f"{timing.name:18} min {timing.low:8.3f} s  median {timing.median:8.3f} s")
    for name, duck, pandas in (
        ("product scorecard", "duckdb", "pandas"),
        ("product metrics", "duckdb", "pandas"),
        ("product quadrant", "duckdb quadrant", "pandas quadrant"),
        ("product paces quadrant", "duckdb quadrant", "pandas quadrant"),
        ("product managers", "duckdb managers", "pandas managers"),
    ):
        product = timings[name]
        lines.append(
            f"{name} / {duck}: {ratio(product, timings[duck])}; "
            f"{pandas} / {name}: {ratio(timings[pandas], product)}"
        )
    lines.append(
        f"RSS: product {outcome.rss_product_mib:.0f} MiB, + frames "
        f"{outcome.rss_frames_mib:.0f} MiB, + DuckDB {outcome.rss_duckdb_mib:.0f} MiB; "
        f"peak {outcome.peak_rss_mib:.0f} MiB"
    )
    found = outcome.mismatches + outcome.manager_mismatches
    verdict = "all equal" if not found else f"{len(found)} differ"
    lines.append(f"{outcome.compared:,} values compared: {verdict}")
    lines.extend(f"  {mismatch}" for mismatch in found[:20])
    return "\n".join(lines)


def ratio(slower: Timing, faster: Timing) -> str:
    """min / min and median / median."""
    return f"{slower.low / faster.low:.1f} (min), {slower.median / faster.median:.1f} (median)"


if __name__ == "__main__":
    main()
