"""Backing up and restoring the whole database, consistently, while the app keeps running.

SQLite: Python's binding of SQLite's online backup API copies every page of a consistent
snapshot, with writers held off only for the instant each step takes; a restore copies a
backup's pages over the live database the same way (the app should be stopped: open sessions
would see the data change under them). PostgreSQL: `pg_dump --format=custom` and `pg_restore
--clean --if-exists`, the database's own tools, which must be installed where this runs (same
major version as the server or newer). The password, if the URL has one, travels in
`PGPASSWORD`, never on a command line other users could list.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from pacesetter.domain.errors import Invalid
from pacesetter.store.versioning import committed_version, move_past

SQLITE_HEADER = b"SQLite format 3\x00"


def backup(engine: Engine, target: Path) -> None:
    """A complete, consistent copy of the database in `target` (overwritten if it exists)."""
    if engine.dialect.name == "sqlite":
        target.unlink(missing_ok=True)
        with closing(_sqlite(engine)) as live, closing(sqlite3.connect(target)) as copy:
            live.backup(copy)
    else:
        _run("pg_dump", "--format=custom", "--no-owner", f"--file={target}", url=engine.url)


def restore(engine: Engine, source: Path) -> None:
    """Replace every table's contents with the backup's; a file that is not a backup of
    this kind of database is refused before anything changes."""
    if not source.is_file():
        raise Invalid(f"{source} does not exist.")
    seen = committed_version(engine)
    if engine.dialect.name == "sqlite":
        _check_sqlite_file(source)
        with closing(sqlite3.connect(source)) as saved, closing(_sqlite(engine)) as live:
            saved.backup(live)
    else:
        _run("pg_restore", "--clean", "--if-exists", "--no-owner", str(source), url=engine.url)
    move_past(engine, seen)  # screens cached by running servers must not be found again


def _sqlite(engine: Engine) -> sqlite3.Connection:
    return sqlite3.connect(str(engine.url.database))


def _check_sqlite_file(source: Path) -> None:
    with source.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise Invalid(f"{source} is not a SQLite backup made by `pacesetter db backup`.")


def _run(tool: str, *arguments: str, url: URL) -> None:
    """Run a PostgreSQL client tool against the database; its own message if it fails."""
    program = shutil.which(tool)
    if program is None:
        raise Invalid(
            f"{tool} is not installed: install the PostgreSQL client tools (e.g. the "
            "postgresql-client package) of the server's major version or newer."
        )
    environment = os.environ | ({"PGPASSWORD": url.password} if url.password else {})
    plain = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    done = subprocess.run(
        [program, *arguments, f"--dbname={plain}"], env=environment, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise Invalid(f"{tool} failed: {done.stderr.strip() or done.returncode}")
