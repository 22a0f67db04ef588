"""Benchmark: pages and reports read from the rollups against the raw rows (issue 10).

    .venv/bin/python bench/rollup_bench.py --url sqlite:///bench.db [--as-of 2026-12-04]
        [--repeat 5]

On a database that already holds an organisation (migrated to 0010, so its rollups are filled),
runs each case `--repeat` times each way, interleaved: with the rollups (the product) and with
every family read from the raw rows (what the product did before them). The cases: the home
page of the director with the most people below them (in this process, signed in), and the
rep scorecard's metrics for everyone and the team numbers of every manager, over the last whole
quarter and over the quarter to date. It prints per case and way the minimum and median
seconds and the statements, and fails if the two ways differ.
"""

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any
from unittest import mock

from fastapi.testclient import TestClient
from latency_bench import _sessions
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from pacesetter.app import create_app
from pacesetter.auth.sessions import SESSION_COOKIE
from pacesetter.domain.periods import PeriodKind, period_of
from pacesetter.metrics import values
from pacesetter.metrics.catalogue import SCORECARD_METRICS
from pacesetter.store.db import make_engine
from pacesetter.store.models import Activity, Person

Case = Callable[[], object]


class Statements:
    """Counts the statements an engine runs (their time is not comparable across the two
    databases: SQLite runs a query as its rows are fetched, after the cursor event)."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        event.listen(engine, "after_cursor_execute", self._after)

    def _after(self, *_: object) -> None:
        self.count += 1


@contextmanager
def raw_rows() -> Iterator[None]:
    """Every family read from the raw rows, as before the rollups."""
    with mock.patch.object(values, "rollup_for", lambda family, metrics: None):
        yield


@contextmanager
def rollups() -> Iterator[None]:
    yield


WAYS = {"raw rows": raw_rows, "rollups": rollups}


def main() -> None:
    options = _arguments()
    engine = make_engine(options.url)
    with Session(engine) as db:
        as_of = options.as_of or db.scalar(select(func.max(Activity.occurred_on)))
    statements = Statements(engine)
    for name, case in _cases(engine, options.url, as_of).items():
        _measure(name, case, statements, options.repeat)


def _cases(engine: Engine, url: str, as_of: date) -> dict[str, Case]:
    client = TestClient(create_app(engine))
    client.cookies.set(SESSION_COOKIE, _sessions(url)["director"])
    quarter = period_of(as_of, PeriodKind.QUARTER)
    whole = quarter.previous()
    everyone = select(Person.id)
    managers = select(Person.id).where(Person.id.in_(select(Person.manager_id)))

    def home() -> str:
        answer = client.get(f"/?as_of={as_of}")
        assert answer.status_code == 200, answer.status_code
        return answer.text

    def report(compute: Callable[..., Any], ids: Any, period: Any) -> Case:
        def run() -> Any:
            with Session(engine) as db:
                return compute(db, ids, period, as_of, SCORECARD_METRICS)

        return run

    return {
        f"director's home page, as of {as_of}": home,
        f"rep scorecard, everyone, {whole.name} (whole)": report(
            values.person_metrics, everyone, whole
        ),
        f"rep scorecard, everyone, {quarter.name} to date": report(
            values.person_metrics, everyone, quarter
        ),
        f"team numbers, every manager, {quarter.name} to date": report(
            values.team_metrics, managers, quarter
        ),
    }


def _measure(name: str, case: Case, statements: Statements, repeat: int) -> None:
    runs: dict[str, list[tuple[float, int]]] = {way: [] for way in WAYS}
    answers: dict[str, object] = {}
    for _ in range(repeat):
        for way, within in WAYS.items():
            with within():
                count, started = statements.count, time.perf_counter()
                answers[way] = case()
                seconds = time.perf_counter() - started
            runs[way].append((seconds, statements.count - count))
    print(name)
    for way, measured in runs.items():
        times = [run[0] for run in measured]
        print(
            f"  {way:9}: min {min(times):.3f} s, median {statistics.median(times):.3f} s, "
            f"{measured[-1][1]} statements"
        )
    if answers["raw rows"] != answers["rollups"]:
        sys.exit(f"{name}: the two ways differ")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--as-of", type=date.fromisoformat, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    return parser.parse_args()


if __name__ == "__main__":
    main()
