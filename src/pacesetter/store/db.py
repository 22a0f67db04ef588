"""Engines and sessions: the one place that knows which database we talk to."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from pacesetter.settings import get_settings
from pacesetter.store import (
    audit,  # noqa: F401  (registers the audit trail's flush listener)
    rollups,  # noqa: F401  (registers the rollups' flush listener)
)
from pacesetter.store.versioning import watch


def normalise_url(url: str) -> str:
    """Pick our driver for a plain URL, so `postgresql://user@host/db` works as given."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _enable_sqlite_rules(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # SQLite leaves foreign keys off unless asked, per connection; WAL lets the web app read
    # while an import writes.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    engine = create_engine(normalise_url(url))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_rules)
        # pysqlite's own transaction handling starts transactions late and breaks SAVEPOINTs;
        # SQLAlchemy's documented recipe: let it autocommit, and emit BEGIN ourselves.
        event.listen(engine, "begin", _begin_sqlite_transaction)
    watch(engine)  # every committed write moves the data version (cached screens key on it)
    return engine


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


def session_factory(engine: Engine | None = None) -> sessionmaker[Session]:
    return sessionmaker(bind=engine or get_engine(), expire_on_commit=False)


@contextmanager
def unit_of_work(engine: Engine | None = None) -> Iterator[Session]:
    """One transaction: commits when the block ends cleanly, rolls back on any error.

    CLI commands and requests are the transaction boundary; services below only flush.
    """
    with session_factory(engine)() as session, session.begin():
        yield session
