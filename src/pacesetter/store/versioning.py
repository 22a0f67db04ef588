"""The data version: a counter in the database (`data_version`, one row) that every committed
write moves, so a screen built at one version is known to be current while the version stays.

One mechanism at the engine, whatever wrote: ORM flushes, Core statements, text statements and
the rollup refresh all run through a `Connection`, whose cursor events note that a statement
changed data; the imports' COPY path, beneath the `Connection`, says so itself (`note_write`).
Just before the transaction commits, a connection that wrote bumps the counter, in that same
transaction: a write that rolls back (a refused form, a rejected file, a crash) takes its bump
with it, and a savepoint rolled back forgets the writes made inside it. The bump comes last,
so on PostgreSQL the row's lock is held only for the commit itself.

Bookkeeping that no screen's data reads does not count (`UNVERSIONED`): a signed-in request
refreshes its session's `last_seen_at`, a sign-in attempt is counted, a rejected import is
recorded; none of them may make every cached screen stale.
"""

import re
import weakref
from typing import Any

from sqlalchemy import Connection, Engine, event, inspect, select, update
from sqlalchemy.engine import ExecutionContext
from sqlalchemy.orm import Session
from sqlalchemy.sql import TextClause
from sqlalchemy.sql.dml import UpdateBase

from pacesetter.store.models import AuditEntry, DataVersion, ImportRun, LoginAttempt, UserSession

# Written by requests and refused writes alike, read by no cached screen.
UNVERSIONED = frozenset(
    model.__tablename__ for model in (UserSession, LoginAttempt, ImportRun, AuditEntry)
)
WROTE = "pacesetter.data_written"  # in Connection.info: this transaction changed data
_AT_SAVEPOINTS = "pacesetter.data_written_at_savepoints"  # WROTE as each open savepoint began
SCHEMA_CHANGED = "pacesetter.schema_changed"  # in Connection.info: DDL ran (a migration)
_READ_IN = "pacesetter.data_version_read"  # in Session.info: (the transaction, the version read)
_BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1"
# Statements given as text are writes unless they plainly only read (conservative: a stray
# bump costs a rebuild, a missed one a stale screen).
_READS = re.compile(r"\s*(SELECT|PRAGMA|SHOW|EXPLAIN|BEGIN|SAVEPOINT|RELEASE|SET)\b", re.I)
_DDL = re.compile(r"\s*(CREATE|DROP|ALTER)\b", re.I)
# Engines whose database has the table (migrated to 0011): checked until it is there.
_VERSIONED: "weakref.WeakSet[Engine]" = weakref.WeakSet()


def watch(engine: Engine) -> None:
    """Keep the data version of `engine`'s database (store.db.make_engine calls this)."""
    event.listen(engine, "after_cursor_execute", _noted)
    event.listen(engine, "commit", _bump)
    event.listen(engine, "rollback", _forget)
    event.listen(engine, "savepoint", _savepoint)
    event.listen(engine, "rollback_savepoint", _rollback_savepoint)
    event.listen(engine, "release_savepoint", _release_savepoint)
    event.listen(engine.pool, "checkin", _checked_in)


def note_write(connection: Connection, table: str) -> None:
    """Say that `table` was written on `connection` by a path its events do not see."""
    if table not in UNVERSIONED:
        connection.info[WROTE] = True


def has_written(session: Session) -> bool:
    """Whether the session's transaction has changed data not yet committed (flushing first,
    so pending changes count)."""
    session.flush()
    return bool(session.connection().info.get(WROTE))


def current_version(session: Session) -> int:
    """The version of the data as this transaction sees it, read once per transaction (a page
    asks for several screens). On PostgreSQL a later statement of the transaction may see a
    newer commit (READ COMMITTED): screens built then are newer than the version they are kept
    under, never older, so no one is served data older than the version they read."""
    transaction = session.get_transaction()
    known = session.info.get(_READ_IN)
    if known is not None and transaction is not None and known[0] is transaction:
        return int(known[1])
    version = int(session.scalar(select(DataVersion.version).where(DataVersion.id == 1)) or 0)
    session.info[_READ_IN] = (session.get_transaction(), version)
    return version


def committed_version(engine: Engine) -> int | None:
    """The version as last committed; None on a database not yet migrated to 0011."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(DataVersion.__tablename__):
            return None
        return connection.scalar(select(DataVersion.version).where(DataVersion.id == 1))


def move_past(engine: Engine, seen: int | None) -> None:
    """After the data was replaced wholesale beneath the engine (a restore brings back the
    backup's older version), set the version above both the backup's and `seen`, the one before:
    the version never goes back, so no screen cached before the restore is found again."""
    with engine.begin() as connection:
        if not inspect(connection).has_table(DataVersion.__tablename__):
            return
        restored = connection.scalar(select(DataVersion.version).where(DataVersion.id == 1))
        above = max(restored or 0, seen or 0) + 1
        connection.execute(update(DataVersion).where(DataVersion.id == 1).values(version=above))


def _noted(
    connection: Connection,
    _cursor: Any,
    statement: str,
    _parameters: Any,
    context: ExecutionContext | None,
    _executemany: bool,
) -> None:
    if not connection.info.get(WROTE) and _writes(statement, context):
        connection.info[WROTE] = True
    if getattr(context, "isddl", False) or _DDL.match(statement):
        connection.info[SCHEMA_CHANGED] = True


def _writes(statement: str, context: ExecutionContext | None) -> bool:
    compiled = getattr(context, "compiled", None)
    if compiled is not None:
        written = compiled.statement
        if isinstance(written, UpdateBase):
            return getattr(written, "table", None) is None or written.table.name not in UNVERSIONED
        if not isinstance(written, TextClause):
            return bool(getattr(context, "isddl", False))  # a SELECT, or DDL
    return _READS.match(statement) is None


def _bump(connection: Connection) -> None:
    if connection.info.pop(SCHEMA_CHANGED, False):  # a migration may have made or dropped it
        _VERSIONED.discard(connection.engine)
    if connection.info.pop(WROTE, False) and _has_table(connection):
        connection.exec_driver_sql(_BUMP)
        connection.info.pop(WROTE, None)  # the bump itself is not news
    connection.info.pop(_AT_SAVEPOINTS, None)


def _has_table(connection: Connection) -> bool:
    """Whether the database has `data_version` yet (a migration to an older revision has not)."""
    engine = connection.engine
    if engine not in _VERSIONED and inspect(connection).has_table(DataVersion.__tablename__):
        _VERSIONED.add(engine)
    return engine in _VERSIONED


def _forget(connection: Connection) -> None:
    connection.info.pop(WROTE, None)
    connection.info.pop(SCHEMA_CHANGED, None)
    connection.info.pop(_AT_SAVEPOINTS, None)


def _savepoint(connection: Connection, _name: str | None) -> None:
    connection.info.setdefault(_AT_SAVEPOINTS, []).append(bool(connection.info.get(WROTE)))


def _rollback_savepoint(connection: Connection, _name: str, _context: Any) -> None:
    stack = connection.info.get(_AT_SAVEPOINTS)
    if stack:
        connection.info[WROTE] = stack.pop()


def _release_savepoint(connection: Connection, _name: str, _context: Any) -> None:
    stack = connection.info.get(_AT_SAVEPOINTS)
    if stack:
        stack.pop()


def _checked_in(_dbapi_connection: Any, record: Any) -> None:
    record.info.pop(WROTE, None)
    record.info.pop(SCHEMA_CHANGED, None)
    record.info.pop(_AT_SAVEPOINTS, None)
