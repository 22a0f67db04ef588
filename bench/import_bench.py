"""Benchmark: `pacesetter import activities` against the database's own raw bulk load.

    .venv/bin/python bench/import_bench.py --rows 1000000 [--db sqlite postgresql] [--work DIR]

For each size: the synthetic generator (`pacesetter.synth`) writes an organisation whose
activities file is cut to exactly `--rows` rows. For each database, two fresh databases get the
same people, accounts and deals (not timed); then, each in a child process of its own:

- full: `import_file("activities", ...)`, the product's import (check pass, write pass, one
  transaction), exactly as `pacesetter import` runs it;
- raw: the same rows, already resolved to table values (ids, UTC date-times, local dates), loaded
  with no validation at all: PostgreSQL `COPY ... FROM STDIN` via psycopg, SQLite one transaction
  of `executemany` (with the foreign keys and WAL the product's connections use).

It prints rows/s, the ratio full / raw, and the peak RSS of each child. Results go to
docs/benchmarks.md by hand, with the machine they were measured on.
"""

import argparse
import csv
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import psutil
import psycopg
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url

from pacesetter.ingest import import_file
from pacesetter.store import schema
from pacesetter.store.db import make_engine, normalise_url
from pacesetter.store.models import Account, Deal, Person
from pacesetter.synth.generate import generate_org

POSTGRES_ADMIN_URL = os.environ.get(
    "PACESETTER_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
AS_OF = date(2026, 6, 30)
MONTHS = 12
# The generator writes 150 to 180 activities per seller and month (ramps, leavers): ask for
# at least enough, then cut.
ACTIVITIES_PER_SELLER_MONTH = 150
SETUP_KINDS = ("people", "accounts", "deals")
TABLE_COLUMNS = (
    "external_id",
    "owner_id",
    "type",
    "occurred_at",
    "occurred_on",
    "account_id",
    "deal_id",
    "outcome",
    "with_decision_maker",
)


def main() -> None:
    arguments = _arguments()
    if arguments.child:
        _child(arguments.child, arguments.url, Path(arguments.file))
        return
    print(_machine())
    for rows in arguments.rows:
        folder = _generated(Path(arguments.work) / f"org-{rows}", rows)
        for database in arguments.db:
            _compare(database, folder, rows, Path(arguments.work), arguments.repeat)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument(
        "--db", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"]
    )
    parser.add_argument(
        "--work", default="/tmp/pacesetter-bench", help="generated files and SQLite databases"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best counts")
    parser.add_argument("--child", choices=("full", "raw"), help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    return parser.parse_args()


def _machine() -> str:
    memory = psutil.virtual_memory().total / 2**30
    versions = (
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"psycopg {psycopg.__version__}"
    )
    return f"{os.cpu_count()} CPUs, {memory:.1f} GiB, {platform.platform()}; {versions}"


# --- the data -------------------------------------------------------------------------------


def _generated(folder: Path, rows: int) -> Path:
    """A synthetic org whose activities file has exactly `rows` rows (kept between runs)."""
    done = folder / "activities.csv"
    if done.exists():
        return folder
    sellers = -(-rows // (MONTHS * ACTIVITIES_PER_SELLER_MONTH))
    started = time.perf_counter()
    counts = generate_org(folder / "full", reps=sellers, months=MONTHS, seed=1, as_of=AS_OF)
    if counts["activities"] < rows:
        raise SystemExit(
            f"the generator wrote {counts['activities']:,} activities, fewer than {rows:,}"
        )
    for kind in SETUP_KINDS:
        (folder / "full" / f"{kind}.csv").rename(folder / f"{kind}.csv")
    _cut(folder / "full" / "activities.csv", done, rows)
    seconds = time.perf_counter() - started
    print(f"generated {rows:,} activities for {sellers} sellers in {seconds:.0f} s")
    return folder


def _cut(source: Path, target: Path, rows: int) -> None:
    with source.open(newline="") as whole, target.open("w", newline="") as cut:
        for number, line in enumerate(whole):
            if number > rows:
                break
            cut.write(line)
    source.unlink()


def _table_file(url: str, activities: Path, target: Path) -> Path:
    """The activities as table rows, for the raw load: references resolved the simple way."""
    engine = make_engine(url)
    with engine.connect() as connection:
        people = _ids(connection, Person.email, Person.id) | _ids(
            connection, Person.external_id, Person.id
        )
        accounts = _ids(connection, Account.external_id, Account.id)
        deals = _ids(connection, Deal.external_id, Deal.id)
    engine.dispose()
    with activities.open(newline="") as source, target.open("w", newline="") as table:
        writer = csv.writer(table)
        writer.writerow(TABLE_COLUMNS)
        for row in csv.DictReader(source):
            writer.writerow(_table_row(row, people, accounts, deals))
    return target


def _ids(connection: object, key: object, value: object) -> dict[str, int]:
    return dict(connection.execute(select(key, value)).all())  # type: ignore[attr-defined]


def _table_row(
    row: dict[str, str], people: dict[str, int], accounts: dict[str, int], deals: dict[str, int]
) -> list[object]:
    at = datetime.fromisoformat(row["occurred_at"])
    return [
        row["external_id"],
        people[row["owner"]],
        row["type"],
        at.strftime("%Y-%m-%d %H:%M:%S.%f"),
        at.date().isoformat(),
        accounts.get(row["account"], ""),
        deals.get(row["deal"], ""),
        row["outcome"],
        1 if row["with_decision_maker"] == "true" else 0,
    ]


# --- the databases --------------------------------------------------------------------------


def _fresh_database(kind: str, work: Path, name: str) -> str:
    if kind == "sqlite":
        path = work / f"{name}.db"
        for leftover in work.glob(f"{name}.db*"):
            leftover.unlink()
        return f"sqlite:///{path}"
    database = f"pacesetter_bench_{name}_{uuid.uuid4().hex[:8]}"
    with _admin().connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    return (
        make_url(normalise_url(POSTGRES_ADMIN_URL)).set(database=database).render_as_string(False)
    )


def _drop(url: str) -> None:
    if url.startswith("sqlite"):
        database = Path(make_url(url).database or "")
        for leftover in database.parent.glob(f"{database.name}*"):
            leftover.unlink()
    else:
        with _admin().connect() as connection:
            connection.execute(
                text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
            )


def _admin() -> Engine:
    return create_engine(normalise_url(POSTGRES_ADMIN_URL), isolation_level="AUTOCOMMIT")


def _set_up(url: str, folder: Path) -> None:
    engine = make_engine(url)
    schema.upgrade(engine)
    for kind in SETUP_KINDS:
        report = import_file(kind, folder / f"{kind}.csv", engine=engine)
        if not report.accepted:
            raise SystemExit(f"setup {kind}: {report.errors.to_list()[:3]}")
    engine.dispose()


# --- measuring ------------------------------------------------------------------------------


def _compare(kind: str, folder: Path, rows: int, work: Path, repeat: int) -> None:
    """Best of `repeat` runs of each, alternating, each on a fresh database (the machine is
    shared: the best run is the one least disturbed)."""
    best: dict[str, dict[str, float]] = {}
    for _ in range(repeat):
        for mode in ("raw", "full"):
            figures = _measure(kind, mode, folder, rows, work)
            if mode not in best or figures["seconds"] < best[mode]["seconds"]:
                best[mode] = figures
    _print(kind, rows, best["full"], best["raw"])


def _measure(kind: str, mode: str, folder: Path, rows: int, work: Path) -> dict[str, float]:
    url = _fresh_database(kind, work, f"{kind}_{rows}_{mode}")
    try:
        _set_up(url, folder)
        source = folder / "activities.csv"
        if mode == "raw":
            source = _table_file(url, source, work / f"table-{kind}-{rows}.csv")
        return _run_child(mode, url, source)
    finally:
        _drop(url)


def _run_child(mode: str, url: str, path: Path) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", mode, "--url", url, "--file", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.splitlines()[-1])


def _print(kind: str, rows: int, full: dict[str, float], raw: dict[str, float]) -> None:
    ratio = full["seconds"] / raw["seconds"]
    for name, figures in (("raw load", raw), ("full import", full)):
        print(
            f"{kind:10} {rows:>11,} rows  {name:11} {figures['seconds']:8.1f} s "
            f"{rows / figures['seconds']:>10,.0f} rows/s  peak RSS {figures['rss_mib']:6.0f} MiB"
        )
    print(f"{kind:10} {rows:>11,} rows  ratio full / raw = {ratio:.2f}")


def _child(mode: str, url: str, path: Path) -> None:
    started = time.perf_counter()
    if mode == "full":
        report = import_file("activities", path, engine=make_engine(url))
        if not report.accepted:
            raise SystemExit(json.dumps(report.to_dict()["errors"][:5]))
    else:
        (_raw_postgres if url.startswith("postgresql") else _raw_sqlite)(url, path)
    seconds = time.perf_counter() - started
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mib": rss_mib}))


def _raw_postgres(url: str, path: Path) -> None:
    columns = ", ".join(TABLE_COLUMNS)
    plain = make_url(url).set(drivername="postgresql").render_as_string(False)
    statement = f"COPY activities ({columns}) FROM STDIN WITH (FORMAT csv, HEADER true)"
    with (
        psycopg.connect(plain) as connection,
        connection.cursor() as cursor,
        path.open("rb") as source,
        cursor.copy(statement) as copy,
    ):
        while block := source.read(1 << 20):
            copy.write(block)


def _raw_sqlite(url: str, path: Path) -> None:
    connection = sqlite3.connect(make_url(url).database, isolation_level=None)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "busy_timeout=30000"):
        connection.execute(f"PRAGMA {pragma}")
    marks = ", ".join("?" for _ in TABLE_COLUMNS)
    with path.open(newline="") as source:
        connection.execute("BEGIN")
        connection.executemany(
            f"INSERT INTO activities ({', '.join(TABLE_COLUMNS)}) VALUES ({marks})", _nulls(source)
        )
        connection.execute("COMMIT")
    connection.close()


def _nulls(source: object) -> Iterator[list[str | None]]:
    """CSV rows with empty cells as NULL (an empty account is no account)."""
    rows = csv.reader(source)  # type: ignore[arg-type]
    next(rows)
    for row in rows:
        yield [cell or None for cell in row]


if __name__ == "__main__":
    main()
