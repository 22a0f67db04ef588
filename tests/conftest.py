"""The test rig: every test runs on SQLite or PostgreSQL, chosen by `--db`.

Migrations run once per test session on a private database (a temporary SQLite file, or a
PostgreSQL database made for this session and dropped after it); each test then runs inside a
transaction that is rolled back, so tests never see each other's rows.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from pacesetter.store import schema
from pacesetter.store.db import make_engine, normalise_url

# The server a test session makes its own database on; CI fails loudly if it is unreachable.
POSTGRES_ADMIN_URL = os.environ.get(
    "PACESETTER_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=("sqlite", "postgresql"),
        default=os.environ.get("PACESETTER_TEST_DB", "sqlite"),
        help="database the suite runs against (default: sqlite, or $PACESETTER_TEST_DB)",
    )
    parser.addoption(
        "--skip-db-free",
        action="store_true",
        help="leave out the tests that touch no database (make test's second pass: they ran in "
        "the first, and their answer cannot depend on the database)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Every database fixture stands on `db_kind`: a test whose fixtures do not reach it never
    # opens a database, so a second pass over another database would only repeat it.
    if not config.getoption("--skip-db-free"):
        return
    kept = [item for item in items if "db_kind" in getattr(item, "fixturenames", ())]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


def _admin_engine() -> Engine:
    return create_engine(normalise_url(POSTGRES_ADMIN_URL), isolation_level="AUTOCOMMIT")


def _create_postgres_database() -> str:
    name = f"pacesetter_test_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(normalise_url(POSTGRES_ADMIN_URL)).set(database=name).render_as_string(False)


def _drop_postgres_database(url: str) -> None:
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def db_kind(request: pytest.FixtureRequest) -> str:
    return str(request.config.getoption("--db"))


@pytest.fixture
def new_database_url(db_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty, migrated database of its own, for tests that need committed data (CLI
    subprocesses, crash tests). Slower than `db`: use only where a rollback cannot do."""
    if db_kind == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'pacesetter.db'}"
    else:
        url = _create_postgres_database()
    engine = make_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    yield url
    if db_kind == "postgresql":
        _drop_postgres_database(url)


@pytest.fixture(scope="session")
def engine(db_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The session's database, migrated to head once."""
    if db_kind == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('session-db') / 'pacesetter.db'}"
    else:
        url = _create_postgres_database()
    engine = make_engine(url)
    schema.upgrade(engine)
    yield engine
    engine.dispose()
    if db_kind == "postgresql":
        _drop_postgres_database(url)


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session whose every write is rolled back after the test, commits included."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    yield session
    session.close()
    outer.rollback()
    connection.close()


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
