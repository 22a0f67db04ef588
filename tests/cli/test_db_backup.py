"""`pacesetter db backup FILE` and `db restore FILE`: a round trip gives back every table
exactly, on SQLite (its online backup) and PostgreSQL (pg_dump and pg_restore), but the data
version, which moves past the data the restore replaced."""

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, inspect, text

from factories import make_activity, make_deal, make_person
from pacesetter.store.db import make_engine, unit_of_work
from pacesetter.store.models import Activity
from pacesetter.store.versioning import committed_version

PACESETTER = str(Path(sys.executable).parent / "pacesetter")


@pytest.fixture
def engine(new_database_url: str) -> Iterator[Engine]:
    engine = make_engine(new_database_url)
    yield engine
    engine.dispose()


def _seed(engine: Engine) -> None:
    with unit_of_work(engine) as db:
        boss = make_person(db, "Bea Boss", role="manager")
        rep = make_person(db, "Rae Rep", manager=boss)
        deal = make_deal(db, rep, amount=1200, status="won", closed=date(2026, 2, 3))
        make_activity(db, rep, date(2026, 1, 20), deal=deal)


def _tables(engine: Engine) -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of its rows in order."""
    found = {}
    with engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            rows = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1')).all()
            digest = hashlib.sha256(repr([tuple(row) for row in rows]).encode()).hexdigest()
            found[table] = (len(rows), digest)
    return found


def _cli(url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PACESETTER_DATABASE_URL": url}
    return subprocess.run(
        [PACESETTER, "db", *arguments], env=env, capture_output=True, text=True, timeout=120
    )


def test_a_backup_restores_every_table_exactly(
    engine: Engine, new_database_url: str, tmp_path: Path
) -> None:
    _seed(engine)
    before = _tables(engine)
    assert before["people"][0] == 2 and before["alembic_version"][0] == 1
    backup = tmp_path / "pacesetter.backup"
    assert _cli(new_database_url, "backup", str(backup)).returncode == 0
    with unit_of_work(engine) as db:  # a day's changes after the backup
        db.execute(delete(Activity))
        make_person(db, "Nia New")
    assert _tables(engine) != before
    replaced = committed_version(engine)
    restored = _cli(new_database_url, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    engine.dispose()  # connections opened before the restore may cache the old schema
    after = _tables(engine)
    # The data version never goes back (store/versioning.py): above the data it replaced.
    assert (committed_version(engine) or 0) > (replaced or 0)
    assert after | {"data_version": before["data_version"]} == before


def test_a_file_that_is_not_a_backup_is_refused_and_changes_nothing(
    engine: Engine, new_database_url: str, tmp_path: Path
) -> None:
    _seed(engine)
    before = _tables(engine)
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    refused = _cli(new_database_url, "restore", str(bogus))
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert _tables(engine) == before
