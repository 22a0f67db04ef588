"""Benchmark harness (issue 10): one organisation through every import kind on SQLite and
PostgreSQL, each against the raw bulk load of the same rows, then the reports, the rep scorecard
checked against DuckDB and pandas.

    make bench BENCH_ARGS="--reps 1000"          (installs bench/requirements.lock first)
    .venv/bin/python bench/org_bench.py [--reps 5000] [--months 12] [--db sqlite postgresql]
        [--work DIR] [--period 2026-Q3] [--as-of 2026-08-15] [--skip goals] [--repeat 3]
        [--no-doc] [--keep]

1. The synthetic generator writes the organisation once into --work (kept between runs).
2. For each database, two fresh databases with the schema. Into the first, each kind is
   imported in load order by `pacesetter import KIND FILE` as a process of its own (wall time,
   the child's peak RSS). After each kind, the rows it stored (every table that grew, the audit
   trail included) are bulk-loaded into the second, in their stored form and without any check:
   PostgreSQL `COPY ... FROM STDIN`, SQLite one transaction of `executemany` (with the foreign
   keys every Pacesetter connection turns on). Both databases have the same indexes.
3. `pacesetter report NAME --period P --as-of D --format json` on the first database, as a
   process, for the rep scorecard, the quadrant and the manager scorecard.
4. bench/reference_bench.py on the first database, as a process: the rep scorecard, the
   quadrant and the manager KPIs computed by the product, by a hand-written DuckDB query and by
   pandas over the same rows in memory, interleaved, every value compared.

It prints, and writes into docs/benchmarks.md between the markers for this size (unless
--no-doc), the machine, the date and a table per database. Not here (issue 10): page latency
under concurrent clients (bench/latency_bench.py).
"""

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import psutil
import psycopg
from sqlalchemy import Engine, Table, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from pacesetter.cli.demo import LOAD_ORDER
from pacesetter.domain.periods import parse_period
from pacesetter.store import schema
from pacesetter.store.db import make_engine, normalise_url
from pacesetter.store.models import Base
from pacesetter.synth.generate import generate_org

POSTGRES_ADMIN_URL = os.environ.get(
    "PACESETTER_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
# Tables an import touches that are not the kind's rows: the run's own record.
# One-row tables the migrations fill in both databases (data_version: migration 0011).
NOT_COPIED = frozenset({"import_runs", "org_settings", "alembic_version", "data_version"})
COPY_ROWS = 50_000
# The reports timed after the imports, each as `pacesetter report NAME --format json`.
REPORTS = ("scorecard", "quadrant", "manager")
DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# reference_bench.py's timings of the quadrant and the manager KPIs end with these words; the
# scorecard's have none.
REFERENCE_SUFFIXES = (" quadrant", " managers")


@dataclass(frozen=True)
class Measure:
    kind: str
    rows: int
    seconds: float
    raw_seconds: float
    rss_mib: float
    failure: str = ""  # why the import was refused or failed; empty when it succeeded


@dataclass(frozen=True)
class Timed:
    """One `pacesetter` command run as a process."""

    seconds: float
    rss_mib: float
    failure: str = ""


@dataclass(frozen=True)
class Question:
    period: str
    as_of: date


@dataclass
class DatabaseRun:
    """What one database's run measured."""

    database: str
    measures: list[Measure] = field(default_factory=list)
    reports: dict[str, Timed] = field(default_factory=dict)
    reference: dict[str, Any] | None = None
    reference_rss_mib: float = 0.0


def main() -> None:
    arguments = _arguments()
    work = Path(arguments.work)
    folder = _generated(work / f"org-{arguments.reps}x{arguments.months}", arguments)
    period = parse_period(arguments.period or _last_quarter())
    question = Question(period.name, arguments.as_of or _middle(period.start, period.end))
    heading = (
        f"{arguments.reps:,} reps x {arguments.months} months, measured {date.today()} "
        f"(load average at the start {os.getloadavg()[0]:.1f}) at {_revision()}; {_machine()}"
    )
    print(heading + "\n")
    runs: list[DatabaseRun] = []
    for database in arguments.db:
        run = _run_database(database, folder, work, question, arguments)
        print(_markdown_database(run, question))
        runs.append(run)
    if not arguments.no_doc:
        _write_doc(Path(arguments.doc), arguments.reps, heading, runs, question, arguments.skip)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--work", default="/tmp/pacesetter-bench")
    parser.add_argument("--period", default=None, help="report period [last full quarter]")
    parser.add_argument(
        "--as-of", type=date.fromisoformat, default=None, help="[the middle of the period]"
    )
    parser.add_argument("--skip", nargs="*", default=[], choices=LOAD_ORDER, help="kinds")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved reference runs")
    parser.add_argument("--doc", default=str(DOC))
    parser.add_argument("--no-doc", action="store_true")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the imported database (its URL is printed) for later page and latency runs",
    )
    return parser.parse_args()


def _machine() -> str:
    memory = psutil.virtual_memory().total / 2**30
    versions = (
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"psycopg {psycopg.__version__}, {_postgres_version()}"
    )
    return f"{os.cpu_count()} CPUs, {memory:.1f} GiB, {platform.platform()}; {versions}"


def _revision() -> str:
    """The commit measured, and whether the working tree differed from it (a run from a tree
    exported with `git archive` names its commit in PACESETTER_BENCH_REVISION)."""
    if exported := os.environ.get("PACESETTER_BENCH_REVISION"):
        return exported
    repository = Path(__file__).resolve().parents[1]
    head = _git(repository, "rev-parse", "--short", "HEAD")
    changed = _git(repository, "status", "--porcelain", "--untracked-files=no", "--", "src")
    return f"{head} (with uncommitted changes in src/)" if changed else head


def _git(repository: Path, *arguments: str) -> str:
    command = ["git", "-C", str(repository), *arguments]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def _postgres_version() -> str:
    try:
        with _admin().connect() as connection:
            return "PostgreSQL " + str(connection.execute(text("SHOW server_version")).scalar())
    except OperationalError:
        return "PostgreSQL not reachable"


def _generated(folder: Path, arguments: argparse.Namespace) -> Path:
    """The organisation's files, written once per size (a marker file says it is complete)."""
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        generate_org(folder, reps=arguments.reps, months=arguments.months)
        done.touch()
    return folder


def _middle(start: date, end: date) -> date:
    """The as-of date asked at by default: mid-period, so the to-date window, the open
    pipeline and the follow-ups still waiting on their window all have rows."""
    return start + (end - start) // 2


# --- one database ---------------------------------------------------------------------------


def _run_database(
    database: str, folder: Path, work: Path, question: Question, arguments: argparse.Namespace
) -> DatabaseRun:
    product, raw = _fresh(database, work, "product"), _fresh(database, work, "raw")
    run = DatabaseRun(database)
    try:
        copier = _Copier(make_engine(product), make_engine(raw))
        kinds = [kind for kind in LOAD_ORDER if kind not in arguments.skip]
        run.measures = [_import_kind(kind, folder, product, copier) for kind in kinds]
        run.reports = {
            report: _timed_pacesetter(product, _report_command(report, question))
            for report in REPORTS
        }
        run.reference, run.reference_rss_mib = _reference(product, question, arguments.repeat)
    finally:
        _drop(raw)
        if arguments.keep:
            print(f"kept the imported {NAMES[database]} database: {product}", file=sys.stderr)
        else:
            _drop(product)
    return run


def _report_command(report: str, question: Question) -> list[str]:
    dated = ["--period", question.period, "--as-of", question.as_of.isoformat()]
    return ["report", report, *dated, "--format", "json"]


def _import_kind(kind: str, folder: Path, url: str, copier: "_Copier") -> Measure:
    """One kind's import; a refused or failed import is recorded and the run goes on."""
    command = ["import", kind, str(folder / f"{kind}.csv"), "--format", "json"]
    timed = _timed_pacesetter(url, command)
    rows, raw_seconds = copier.copy_new_rows()
    return Measure(kind, rows, timed.seconds, raw_seconds, timed.rss_mib, timed.failure)


def _reference(url: str, question: Question, repeat: int) -> tuple[dict[str, Any] | None, float]:
    """bench/reference_bench.py's JSON outcome on `url` (None if it failed: its errors are
    shown), and its peak RSS (MiB)."""
    script = Path(__file__).with_name("reference_bench.py")
    dated = ["--period", question.period, "--as-of", question.as_of.isoformat()]
    command = [str(script), "--url", url, *dated, "--repeat", str(repeat), "--json"]
    with tempfile.TemporaryFile("w+") as answer:
        _seconds, rss, status = _timed_child(command, os.environ, answer, quiet=False)
        answer.seek(0)
        text_found = answer.read()
    if not text_found:
        print(f"bench/reference_bench.py failed (status {status})", file=sys.stderr)
        return None, rss
    return json.loads(text_found), rss


def _timed_pacesetter(url: str, arguments: Sequence[str]) -> Timed:
    """Wall time and peak RSS of `pacesetter ARGUMENTS` run as a process, and why it failed."""
    program = "import sys; from pacesetter.cli.main import app; sys.exit(app())"
    environment = os.environ | {"PACESETTER_DATABASE_URL": url}
    with tempfile.TemporaryFile("w+") as answer:
        seconds, rss, status = _timed_child(["-c", program, *arguments], environment, answer)
        answer.seek(0)
        failure = _failure(answer.read(), status) if status else ""
    if status:
        print(f"pacesetter {' '.join(arguments)}: status {status}, {failure}", file=sys.stderr)
    return Timed(seconds, rss, failure)


def _failure(output: str, status: int) -> str:
    """An import's refusal as its errors (how many, the commonest reason), else the status."""
    try:
        errors = json.loads(output)["errors"]
    except (ValueError, KeyError, TypeError):
        return f"failed (status {status})"
    reasons = Counter(error["reason"] for error in errors)
    if not reasons:
        return "refused"
    reason, count = reasons.most_common(1)[0]
    return f"refused: {len(errors):,} errors, {count:,} of them {reason!r}"


def _timed_child(
    arguments: Sequence[str],
    environment: Mapping[str, str],
    output: IO[str] | None = None,
    *,
    quiet: bool = True,
) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MiB) and exit status of `python ARGUMENTS` as a process; its
    standard output goes to `output` (or nowhere), its errors nowhere when `quiet`."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *arguments],
        env=environment,
        stdout=output or subprocess.DEVNULL,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    peak = _peak_rss(child)
    return time.perf_counter() - started, peak / 2**20, child.returncode


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
        for leftover in work.glob(f"bench-{name}.db*"):  # a kept database is replaced too
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


def _markdown_database(run: DatabaseRun, question: Question) -> str:
    """One database's tables: the imports against the raw load, the reports, the reference."""
    lines = [
        f"#### {NAMES[run.database]}",
        "",
        "| kind | rows stored | import | raw load | ratio | peak RSS |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for m in run.measures:
        ratio = f"{m.seconds / m.raw_seconds:.1f}" if m.raw_seconds else "n/a"
        if m.failure:
            ratio = f"**{m.failure}**"
        lines.append(
            f"| {m.kind} | {m.rows:,} | {m.seconds:.1f} s | {m.raw_seconds:.2f} s | "
            f"{ratio} | {m.rss_mib:.0f} MiB |"
        )
    lines += [
        "",
        f"| report ({question.period} at {question.as_of}, JSON, a process) | wall | peak RSS |",
        "|---|---:|---:|",
    ]
    for report, timed in run.reports.items():
        wall = f"{timed.seconds:.1f} s" + (f" (**{timed.failure}**)" if timed.failure else "")
        lines.append(f"| {report} | {wall} | {timed.rss_mib:.0f} MiB |")
    if run.reference is None:
        lines += ["", "**The reference comparison failed** (bench/reference_bench.py)."]
    else:
        lines += ["", *_markdown_reference(run.reference, run.reference_rss_mib)]
    return "\n".join(lines) + "\n"


def _markdown_reference(outcome: dict[str, Any], rss_mib: float) -> list[str]:
    timings = {timing["name"]: timing for timing in outcome["timings"]}
    lines = [
        f"| {outcome['people']:,} people, {outcome.get('reps', 0):,} reps, "
        f"{outcome.get('managers', 0):,} managers (one warm process) | "
        "min | median | ÷ DuckDB (min / median) | pandas ÷ it (min / median) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, timing in timings.items():
        # Each report against its own references: "... quadrant", "... managers".
        suffix = next((end for end in REFERENCE_SUFFIXES if name.endswith(end)), "")
        duck, pandas = timings["duckdb" + suffix], timings["pandas" + suffix]
        low, middle = timing["low"], timing["median"]
        versus_duck = f"{low / duck['low']:.1f} / {middle / duck['median']:.1f}"
        versus_pandas = f"{pandas['low'] / low:.2f} / {pandas['median'] / middle:.2f}"
        lines.append(f"| {name} | {low:.2f} s | {middle:.2f} s | {versus_duck} | {versus_pandas} |")
    verdict = _verdict(outcome["mismatches"], "scorecard and quadrant")
    verdict += "; " + _verdict(outcome.get("manager_mismatches", []), "manager KPIs")
    lines += [
        "",
        f"{outcome['compared']:,} values compared (each person's 17 scorecard metrics, each "
        f"rep's results pace, activity pace and quadrant, {outcome.get('placed', 0):,} reps "
        f"placed; each manager's 18 KPIs): {verdict}. Rows read into pandas in "
        f"{outcome['load_seconds']:.1f} s and copied into DuckDB in "
        f"{outcome['duckdb_load_seconds']:.1f} s (not in the times above); memory: the "
        f"product's process {outcome['rss_product_mib']:.0f} MiB, the frames "
        f"+{outcome['rss_frames_mib']:.0f} MiB, DuckDB +{outcome['rss_duckdb_mib']:.0f} MiB, "
        f"peak {rss_mib:.0f} MiB.",
    ]
    return lines


def _verdict(mismatches: list[list[Any]], report: str) -> str:
    if not mismatches:
        return f"{report}: every value equal in all three"
    examples = ", ".join(str(mismatch) for mismatch in mismatches[:3])
    return f"{report}: **{len(mismatches)} values differ** (product, DuckDB, pandas): {examples}"


def _write_doc(
    doc: Path,
    reps: int,
    heading: str,
    runs: list[DatabaseRun],
    question: Question,
    skipped: list[str],
) -> None:
    """Replace this size's and these databases' section of `doc` (between its markers), or
    append it: runs on one database each, in parallel, keep a section each."""
    key = f"org_bench {reps} reps {'+'.join(run.database for run in runs)}"
    begin, end = f"<!-- {key}: begin -->", f"<!-- {key}: end -->"
    note = f"Kinds not imported in this run: {', '.join(skipped)}.\n\n" if skipped else ""
    tables = "\n".join(_markdown_database(run, question) for run in runs)
    section = f"{begin}\n{heading}\n\n{note}{tables}{end}"
    text_found = doc.read_text(encoding="utf-8")
    if begin in text_found and end in text_found:
        before, rest = text_found.split(begin, 1)
        text_found = before + section + rest.split(end, 1)[1]
    else:
        text_found = text_found.rstrip("\n") + "\n\n" + section + "\n"
    doc.write_text(text_found, encoding="utf-8")


if __name__ == "__main__":
    main()
