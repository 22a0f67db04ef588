"""`pacesetter demo`: a rebuild never brings old data back, and --no-serve promises no address."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factories import make_person
from pacesetter.cli.demo import move_into_place
from pacesetter.store import schema
from pacesetter.store.db import make_engine, unit_of_work

PACESETTER = Path(sys.executable).parent / "pacesetter"


def _names(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [name for (name,) in connection.execute("SELECT name FROM people")]


def _database_with_unmerged_wal(path: Path, name: str) -> None:
    """A database whose only copy of its row is in its write-ahead log, as a server killed
    before a checkpoint leaves it."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute("CREATE TABLE people (name TEXT)")
    connection.execute("INSERT INTO people VALUES (?)", (name,))
    connection.commit()
    wal = path.with_name(path.name + "-wal")
    kept = shutil.copy(wal, path.with_name("kept-wal"))
    connection.close()  # checkpoints and removes the log: put it back, unmerged
    Path(kept).replace(wal)


def test_a_rebuild_leaves_no_old_write_ahead_log_to_replay(tmp_path: Path) -> None:
    database, scratch = tmp_path / "pacesetter.db", tmp_path / "building.db"
    _database_with_unmerged_wal(database, "Old Person")
    with sqlite3.connect(scratch) as connection:
        connection.execute("CREATE TABLE people (name TEXT)")
        connection.execute("INSERT INTO people VALUES ('New Person')")
    move_into_place(scratch, database)
    assert _names(database) == ["New Person"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pacesetter.db"]


@pytest.mark.slow
def test_no_serve_names_the_database_and_no_address(tmp_path: Path) -> None:
    database = tmp_path / "pacesetter.db"
    engine = make_engine(f"sqlite:///{database}")
    schema.upgrade(engine)
    with unit_of_work(engine) as session:
        for role in ("admin", "director", "manager", "rep"):
            make_person(session, f"Demo {role.title()}", role=role)
    engine.dispose()
    command = [str(PACESETTER), "demo", "--dir", str(tmp_path), "--no-serve"]
    environment = {**os.environ, "COLUMNS": "200"}
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert result.returncode == 0, result.stderr
    assert "http://" not in result.stderr + result.stdout
    assert f"demo database ready: {database}" in result.stderr
    assert "rep       demo.rep." in result.stderr
