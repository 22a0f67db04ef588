"""The one import path: the CLI today, the upload page and the API tomorrow, all call `run_import`.

An import makes two streaming passes, in bounded memory:
1. check: every row of the file is parsed and checked, every problem reported; natural keys are
   hashed to find duplicates (confirmed by a rescan of the file, only when there are suspects);
   kinds whose rows refer to each other check that at the end. Clean records are parked in a
   spill file, so the file is parsed once;
2. write (only if the check found no error): the spilled records are read back in chunks of
   `CHUNK_ROWS` and upserted, each chunk with a few set-based statements (counted, not executed,
   in a dry run).
The service only flushes: the caller's transaction makes the import all-or-nothing.
"""

import time
from collections.abc import Callable, Hashable, Iterator, Sequence
from pathlib import Path
from zoneinfo import ZoneInfoNotFoundError

from sqlalchemy import Connection, Engine, false, func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Conflict, Invalid
from pacesetter.ingest.cells import Cell, LocalClock, is_blank, text
from pacesetter.ingest.dedupe import KeyHashes
from pacesetter.ingest.header import HeaderPlan, plan_header
from pacesetter.ingest.kinds import Kind, KindContext, kind_named
from pacesetter.ingest.mapping import ColumnMapping
from pacesetter.ingest.reader import FileProblem, Source, Table, open_table
from pacesetter.ingest.report import ImportReport, Problem
from pacesetter.ingest.rows import Row, RowSink
from pacesetter.ingest.spill import Spill
from pacesetter.ingest.upsert import Change, Upserter
from pacesetter.store.audit import record_import
from pacesetter.store.crashpoints import crash_point
from pacesetter.store.db import unit_of_work
from pacesetter.store.models import ImportRun, OrgSettings, utcnow
from pacesetter.store.rollups import BulkWrite
from pacesetter.store.statistics import analyze_written

# (phase "check" or "write", rows done, rows in all when known)
Progress = Callable[[str, int, int | None], None]
CHUNK_ROWS = 10_000
# How long an import waits for another to finish before it says so.
IMPORT_WAIT_SECONDS = 60.0
_IMPORT_LOCK = 0x50414345_494D5054  # the advisory lock of imports ("PACEIMPT")


def run_import(
    session: Session,
    kind: str,
    source: Source,
    *,
    file_name: str,
    mapping: ColumnMapping | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    actor_id: int | None = None,
) -> ImportReport:
    """Import one file of `kind` from `source` (a path or a seekable binary stream).

    A file with any error writes nothing; the report lists the problems. A clean file is
    upserted by natural key and recorded as an `ImportRun` (not in a dry run, which reports
    what would be added, updated and unchanged). Raises `Invalid` for an unknown kind.
    """
    kind_class = kind_named(kind)
    if not dry_run:
        take_import_turn(session)
    report = ImportReport(kind=kind, file=file_name, dry_run=dry_run)
    job = _Job(kind_class(_context(session, dry_run)), source, mapping, report, progress)
    try:
        plan = job.check()
        if plan is not None and report.accepted:
            job.write(actor_id)
    finally:
        job.spill.close()
    if not dry_run:
        record_import(session, _audit_summary(report), actor_id)
    return report


def _audit_summary(report: ImportReport) -> dict[str, object]:
    """What the audit trail keeps of a run: accepted or rejected, and its counts (a rejected
    file writes nothing else, so its entry commits with the import's otherwise empty
    transaction)."""
    counts = ("kind", "file", "run_id", "rows", "added", "updated", "unchanged")
    summary: dict[str, object] = {name: getattr(report, name) for name in counts}
    summary["accepted"] = report.accepted
    summary["errors"] = len(report.errors)
    return summary


def import_file(
    kind: str,
    path: Path,
    *,
    mapping: ColumnMapping | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> ImportReport:
    """`run_import` in a transaction of its own, committed when it ends (the CLI's way)."""
    with unit_of_work(engine) as session:
        return run_import(
            session,
            kind,
            path,
            file_name=str(path),
            mapping=mapping,
            dry_run=dry_run,
            progress=progress,
        )


class ImportBusy(Conflict):
    def __init__(self) -> None:
        super().__init__("Another import is running: try again when it has finished.")


def take_import_turn(session: Session) -> None:
    """Wait for any other import to end, then hold the turn until this transaction ends; after
    `IMPORT_WAIT_SECONDS`, `ImportBusy`. Two imports writing at once would each miss the rows
    the other is adding (PostgreSQL: a unique violation; SQLite: "database is locked").

    PostgreSQL: a transaction-scoped advisory lock. SQLite: the database's write lock, taken by
    a write that changes nothing before the import reads anything."""
    if session.get_bind().dialect.name == "postgresql":
        _advisory_turn(session)
    else:
        _sqlite_turn(session)


def _advisory_turn(session: Session) -> None:
    deadline = time.monotonic() + IMPORT_WAIT_SECONDS
    taken = select(func.pg_try_advisory_xact_lock(_IMPORT_LOCK))
    while not session.scalar(taken):
        if time.monotonic() > deadline:
            raise ImportBusy()
        time.sleep(0.1)


def _sqlite_turn(session: Session) -> None:
    connection = session.connection()
    usual = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
    connection.exec_driver_sql(f"PRAGMA busy_timeout={int(IMPORT_WAIT_SECONDS * 1000)}")
    try:
        connection.execute(update(ImportRun).where(false()).values(kind=ImportRun.kind))
    except OperationalError as error:
        if "locked" in str(error.orig):
            raise ImportBusy() from None
        raise
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={int(usual or 0)}")


def _context(session: Session, dry_run: bool) -> KindContext:
    settings = session.get(OrgSettings, 1)
    zone = settings.timezone if settings else "UTC"
    try:
        clock = LocalClock(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid(f"the organisation's time zone {zone!r} is unknown") from None
    fiscal_start = settings.fiscal_year_start_month if settings else 1
    return KindContext(session, clock, fiscal_start, dry_run)


class _ReportSink:
    def __init__(self, report: ImportReport) -> None:
        self.error = report.errors.add
        self.warning = report.warnings.add


class _QuietSink:
    """For rescans: every problem was reported by the check already."""

    def error(self, problem: Problem) -> None:
        pass

    def warning(self, problem: Problem) -> None:
        pass


class _Job:
    def __init__(
        self,
        kind: Kind,
        source: Source,
        mapping: ColumnMapping | None,
        report: ImportReport,
        progress: Progress | None,
    ) -> None:
        self.kind, self.source, self.mapping, self.report = kind, source, mapping, report
        self.progress: Progress = progress or (lambda phase, done, total: None)
        self.keys = KeyHashes()
        self.spill = Spill(kind.table, CHUNK_ROWS)
        self.clean = True  # no row error yet: clean records still go to the spill
        self.ragged = 0

    def check(self) -> HeaderPlan | None:
        """Pass 1: the plan for the file, or None if it cannot be read at all."""
        try:
            with open_table(self.source, self.report.file) as table:
                plan = plan_header(table.header, self.kind.columns(), self.mapping, self.report)
                if plan is None:
                    return None
                self._check_rows(table, plan)
            self._confirm_duplicates(plan)
        except FileProblem as problem:
            self.report.errors.add(Problem(problem.line, None, None, problem.reason))
            return None
        self.kind.check_rows(self.report.errors.add)
        if not self.report.rows:
            self.report.warnings.add(Problem(None, None, None, "the file has no data rows"))
        return plan

    def _rows(self, table: Table, plan: HeaderPlan, sink: RowSink) -> Iterator[Row]:
        """The file's data rows; blank rows are skipped, ragged ones reported."""
        width = plan.width
        for line, raw in table.rows:
            if not raw or (is_blank(raw[0]) and all(is_blank(cell) for cell in raw)):
                continue
            if len(raw) == width or _only_blank_beyond(raw, width):
                yield Row(line, plan.cells_for(raw, width), plan, sink)
            else:
                self.ragged += 1
                reason = f"the row has {len(raw)} fields but the header has {width}"
                sink.error(Problem(line, None, None, reason))

    def _check_rows(self, table: Table, plan: HeaderPlan) -> None:
        parsed = 0
        for row in self._rows(table, plan, _ReportSink(self.report)):
            self._check(row)
            parsed += 1
            if parsed % CHUNK_ROWS == 0:
                self.progress("check", parsed, None)
        self.report.rows = parsed + self.ragged
        self.progress("check", self.report.rows, self.report.rows)

    def _check(self, row: Row) -> None:
        record = self.kind.parse(row)
        key = self.kind.key_of(record)
        if key is not None:
            self.keys.add(key)
        self.kind.keep(row, record)
        self.clean = self.clean and row.ok and not self.ragged
        if self.clean:
            self.spill.add(record)

    def _confirm_duplicates(self, plan: HeaderPlan) -> None:
        """Rescan for the keys whose hashes repeat; report each repeat with the first line."""
        suspects = self.keys.suspects()
        if not suspects:
            return
        first_line: dict[Hashable, int] = {}
        with open_table(self.source, self.report.file) as table:
            for row in self._rows(table, plan, _QuietSink()):
                key = self.kind.key_of(self.kind.parse(row))
                if key is None or hash(key) not in suspects:
                    continue
                if key in first_line:
                    self.report.errors.add(self._duplicate(row, first_line[key]))
                else:
                    first_line[key] = row.line

    def _duplicate(self, row: Row, first: int) -> Problem:
        columns = self.kind.key_columns
        value = ", ".join(text(row.cell(column), 1000) for column in columns)
        reason = f"duplicate {self.kind.key_label} in the file (first on line {first})"
        return Problem(row.line, row.plan.label(columns[0]), value, reason)

    def write(self, actor_id: int | None) -> None:
        """Pass 2: upsert the spilled records, then record the run (not in a dry run)."""
        context = self.kind.context
        run = None if context.dry_run else self._start_run(actor_id)
        context.run_id = run.id if run else None
        crash_point(f"import-started:{self.kind.name}")
        upserter = self.kind.upserter()
        written = _watched(upserter, context.session.connection(), self.kind)
        total = self.report.rows
        self.progress("write", 0, total)
        self.spill.on_read = lambda done: self.progress("write", done, total)
        self.kind.write(self.spill, upserter)
        counts = upserter.counts
        if not context.dry_run:  # in the same transaction: rollups change with the rows
            connection = context.session.connection()
            written.refresh(connection)
            analyze_written(connection, written.tables(), counts.added + counts.updated)
        self.report.added, self.report.updated = counts.added, counts.updated
        self.report.unchanged = counts.unchanged
        self.report.changes = upserter.changes
        if run is not None:
            self._finish_run(run)
        crash_point(f"import-written:{self.kind.name}")

    def _start_run(self, actor_id: int | None) -> ImportRun:
        run = ImportRun(
            kind=self.kind.name,
            file_name=self.report.file[-500:],
            status="accepted",
            actor_id=actor_id,
        )
        self.kind.context.session.add(run)
        self.kind.context.session.flush()
        self.report.run_id = run.id
        return run

    def _finish_run(self, run: ImportRun) -> None:
        report = self.report
        run.rows, run.added, run.updated = report.rows, report.added, report.updated
        run.unchanged, run.finished_at = report.unchanged, utcnow()
        self.kind.context.session.flush()


def _watched(upserter: Upserter, connection: Connection, kind: Kind) -> BulkWrite:
    """The write of `kind` about to happen, with the old and new values of every row it
    updates noted for the rollups' refresh (store/rollups.py)."""
    written = BulkWrite.starting(connection, kind.table)
    told = upserter.on_update

    def on_update(changes: list[Change]) -> None:
        for change in changes:
            written.saw(change.old)
            written.saw(change.new)
        if told is not None:
            told(changes)

    upserter.on_update = on_update
    return written


def _only_blank_beyond(raw: Sequence[Cell], width: int) -> bool:
    """A row longer than the header is fine when the extra cells are empty (Excel pads)."""
    return len(raw) > width and all(is_blank(cell) for cell in raw[width:])
