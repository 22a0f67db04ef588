"""Benchmark harness (issue 10, first part): one organisation through every import kind on
SQLite and PostgreSQL, each against the raw bulk load of the same rows, then the rep scorecard.

    .venv/bin/python bench/org_bench.py [--reps 1000] [--months 12] [--db sqlite postgresql]
                                        [--work DIR] [--period 2026-Q3]

1. The synthetic generator writes the organisation once into --work (kept between runs).
2. For each database, two fresh databases with the schema. Into the first, each kind is
   imported in load order by `pacesetter import KIND FILE` as a process of its own (wall time,
   the child's peak RSS). After each kind, the rows it stored (every table that grew, the audit
   trail included) are bulk-loaded into the second, in their stored form and without any check:
   PostgreSQL `COPY ... FROM STDIN`, SQLite one transaction of `executemany` (with the foreign
   keys every Pacesetter connection turns on). Both databases have the same indexes.
3. `pacesetter report NAME --period P --format json` on the first database, as a process, for
   the rep scorecard, the quadrant and the manager scorecard.

It prints a Markdown table (kind, rows, import, raw load, ratio, peak RSS) per database.
Not yet here (issue 10): a reference computation of the scorecards (DuckDB and pandas are not
installed and adding them is not allowed; a plain-Python reference is the plan), and page
latency under concurrent clients.
"""

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import psutil
import psycopg
from sqlalchemy import Engine, Table, create_engine, select, text
from sqlalchemy.engine import make_url

from pacesetter.cli.demo import LOAD_ORDER
from pacesetter.store import schema
from pacesetter.store.db import make_engine, normalise_url
from pacesetter.store.models import Base
from pacesetter.synth.generate import generate_org

POSTGRES_ADMIN_URL = os.environ.get(
    "PACESETTER_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
# Tables an import touches that are not the kind's rows: the run's own record.
NOT_COPIED = frozenset({"import_runs", "org_settings", "alembic_version"})
COPY_ROWS = 50_000
# The reports timed after the imports, each as `pacesetter report NAME --format json`.
REPORTS = ("scorecard", "quadrant", "manager")


@dataclass(frozen=True)
class Measure:
    kind: str
    rows: int
    seconds: float
    raw_seconds: float
    rss_mib: float


def main() -> None:
    arguments = _arguments()
    work = Path(arguments.work)
    folder = _generated(work / f"org-{arguments.reps}x{arguments.months}", arguments)
    print(f"Machine: {_machine()}; load average {os.getloadavg()[0]:.1f}; {date.today()}\n")
    for database in arguments.db:
        _run_database(database, folder, work, arguments.period)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=1000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--work", default="/tmp/pacesetter-bench")
    parser.add_argument("--period", default=None, help="scorecard period [last full quarter]")
    return parser.parse_args()


def _machine() -> str:
    memory = psutil.virtual_memory().total / 2**30
    versions = (
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"psycopg {psycopg.__version__}"
    )
    return f"{os.cpu_count()} CPUs, {memory:.1f} GiB, {platform.platform()}; {versions}"


def _generated(folder: Path, arguments: argparse.Namespace) -> Path:
    """The organisation's files, written once per size."""
    if not (folder / "coaching.csv").exists():
        folder.mkdir(parents=True, exist_ok=True)
        generate_org(folder, reps=arguments.reps, months=arguments.months)
    return folder


# --- one database ---------------------------------------------------------------------------


def _run_database(database: str, folder: Path, work: Path, period: str | None) -> None:
    product, raw = _fresh(database, work, "product"), _fresh(database, work, "raw")
    try:
        copier = _Copier(make_engine(product), make_engine(raw))
        measures = [_import_kind(kind, folder, product, copier) for kind in LOAD_ORDER]
        reports = {
            report: _timed_process(product, _report_command(report, period or _last_quarter()))
            for report in REPORTS
        }
        _print(database, measures, reports)
    finally:
        _drop(product)
        _drop(raw)


def _report_command(report: str, period: str) -> list[str]:
    return ["report", report, "--period", period, "--format", "json"]


def _import_kind(kind: str, folder: Path, url: str, copier: "_Copier") -> Measure:
    command = ["import", kind, str(folder / f"{kind}.csv"), "--format", "json"]
    seconds, rss = _timed_process(url, command)
    rows, raw_seconds = copier.copy_new_rows()
    return Measure(kind, rows, seconds, raw_seconds, rss)


def _timed_process(url: str, arguments: Sequence[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of `pacesetter ARGUMENTS` run as a process."""
    program = "import sys; from pacesetter.cli.main import app; sys.exit(app())"
    environment = os.environ | {"PACESETTER_DATABASE_URL": url}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", program, *arguments],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = _peak_rss(child)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"pacesetter {' '.join(arguments)} failed (status {child.returncode})")
    return seconds, peak / 2**20


def _peak_rss(child: subprocess.Popen[bytes]) -> int:
    """The child's resident size, sampled every 50 ms until it ends (the kernel's own peak
    would count the pages of the harness it was forked from)."""
    process, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, process.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    child.wait()
    return peak


class _Copier:
    """Copies the rows the product database gained since the last call into the raw one,
    table by table in dependency order, timing only the writes."""

    def __init__(self, source: Engine, target: Engine) -> None:
        self.source, self.target = source, target
        tables = Base.metadata.sorted_tables
        self.tables = [t for t in tables if t.name not in NOT_COPIED and "id" in t.c]
        self.copied: dict[str, int] = {table.name: 0 for table in self.tables}

    def copy_new_rows(self) -> tuple[int, float]:
        rows, seconds = 0, 0.0
        for table in self.tables:
            for new in self._new_rows(table):
                seconds += _bulk_load(self.target, table, new)
                rows += len(new)
                self.copied[table.name] = max(row[0] for row in new)
        return rows, seconds

    def _new_rows(self, table: Table) -> Iterator[list[tuple[object, ...]]]:
        """The rows added since the last copy, in slices: the harness stays small, so the
        peak RSS of the children it starts (which begin as a copy of it) is their own."""
        statement = select(table).where(table.c.id > self.copied[table.name]).order_by(table.c.id)
        with self.source.connect() as connection:
            result = connection.execution_options(yield_per=COPY_ROWS).execute(statement)
            for part in result.partitions():
                yield [tuple(row) for row in part]


def _bulk_load(engine: Engine, table: Table, rows: list[tuple[object, ...]]) -> float:
    columns = [column.name for column in table.columns]
    raw = engine.raw_connection()
    try:
        started = time.perf_counter()
        if engine.dialect.name == "postgresql":
            _copy_postgres(raw, table.name, columns, rows)
        else:
            marks = ", ".join("?" * len(columns))
            cursor = raw.cursor()
            cursor.execute("BEGIN")
            cursor.executemany(
                f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})",
                [_sqlite_row(row) for row in rows],
            )
            cursor.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        raw.close()


def _copy_postgres(raw: object, name: str, columns: list[str], rows: list[tuple]) -> None:
    connection = raw.driver_connection  # type: ignore[attr-defined]
    statement = f"COPY {name} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([_stored(value) for value in row])
    connection.commit()


def _sqlite_row(row: tuple[object, ...]) -> tuple[object, ...]:
    return tuple(float(v) if isinstance(v, Decimal) else _stored(v) for v in row)


def _stored(value: object) -> object:
    """A value as the table's column takes it: JSON columns as their text."""
    return json.dumps(value) if isinstance(value, dict | list) else value


# --- databases and output -------------------------------------------------------------------


def _fresh(kind: str, work: Path, name: str) -> str:
    if kind == "sqlite":
        work.mkdir(parents=True, exist_ok=True)
        for leftover in work.glob(f"bench-{name}.db*"):
            leftover.unlink()
        url = f"sqlite:///{work / f'bench-{name}.db'}"
    else:
        database = f"pacesetter_bench_{name}_{uuid.uuid4().hex[:8]}"
        with _admin().connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{database}"'))
        url = make_url(normalise_url(POSTGRES_ADMIN_URL)).set(database=database)
        url = url.render_as_string(hide_password=False)
    engine = make_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    return url


def _drop(url: str) -> None:
    if url.startswith("sqlite"):
        database = Path(make_url(url).database or "")
        for leftover in database.parent.glob(f"{database.name}*"):
            leftover.unlink()
        return
    with _admin().connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))


def _admin() -> Engine:
    return create_engine(normalise_url(POSTGRES_ADMIN_URL), isolation_level="AUTOCOMMIT")


def _last_quarter() -> str:
    today = date.today()
    quarter = (today.month - 1) // 3
    return f"{today.year}-Q{quarter}" if quarter else f"{today.year - 1}-Q4"


def _print(database: str, measures: list[Measure], reports: dict[str, tuple[float, float]]) -> None:
    print(f"### {database}\n")
    print("| kind | rows stored | import | raw load | ratio | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|")
    for m in measures:
        ratio = m.seconds / m.raw_seconds if m.raw_seconds else float("nan")
        print(
            f"| {m.kind} | {m.rows:,} | {m.seconds:.1f} s | {m.raw_seconds:.2f} s | "
            f"{ratio:.1f} | {m.rss_mib:.0f} MiB |"
        )
    print()
    for report, (seconds, rss) in reports.items():
        print(f"Report {report} (one quarter, JSON): {seconds:.1f} s, peak RSS {rss:.0f} MiB")
    print()


if __name__ == "__main__":
    main()
