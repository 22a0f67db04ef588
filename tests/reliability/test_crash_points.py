"""SIGKILL at 21 points, each after a transaction's writes and before its commit: during each
import kind (as its run is recorded, and once every row is written), inside a rollup refresh
(the deals import's, its closed-deal rollups deleted and not yet refilled), in a migration, in a
goal's approval, in a coaching record's save and in the audit entry of a rejected import. After
each, the database is exactly as before (every row of every table compared); the same action then
runs to the end, and at the end the app starts and serves.

The points are `store.crashpoints.crash_point` calls, reached by real `pacesetter` commands (or
a service called from a fresh interpreter) with `PACESETTER_CRASH_AT` set: no sleeps.
"""

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, Row, inspect, select, text

from pacesetter.app import create_app
from pacesetter.ingest import import_file
from pacesetter.store import schema
from pacesetter.store.crashpoints import CRASH_AT
from pacesetter.store.db import make_engine
from pacesetter.store.models import Goal, Person

pytestmark = pytest.mark.slow
PACESETTER = str(Path(sys.executable).parent / "pacesetter")
KINDS = ("people", "accounts", "deals", "activities", "forecasts", "goals", "plans", "coaching")
BEFORE_LATEST = "0008"
KILLED = -9
# Inside the refresh each import kind that writes deals or activities runs (store/rollups.py).
ROLLUP_POINTS = {"deals": ["rollup-refresh:deal_rollups"]}
APPROVE = """
import sys
from datetime import date
from pacesetter.goals.actor import Actor, Channel
from pacesetter.goals.service import approve_goal
from pacesetter.store.db import make_engine, unit_of_work
with unit_of_work(make_engine(sys.argv[1])) as db:
    approve_goal(db, Actor.system(Channel.CLI), int(sys.argv[2]), today=date(2026, 3, 31))
"""
RECOGNISE = """
import sys
from datetime import date
from pacesetter.coaching.forms import CoachingForm
from pacesetter.coaching.service import record_coaching
from pacesetter.store.db import make_engine, unit_of_work
from pacesetter.store.models import Person
with unit_of_work(make_engine(sys.argv[1])) as db:
    author, subject = db.get(Person, int(sys.argv[2])), int(sys.argv[3])
    form = CoachingForm(
        "recognition", date(2026, 3, 30), person_id=subject, notes="Crash", award="Deal"
    )
    record_coaching(db, author, form, zone="UTC")
"""


def fingerprint(engine: Engine) -> dict[str, str]:
    """Every table's rows, in key order, as one digest each (the migrations' version too)."""
    digests = {}
    with engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            rows = connection.execute(text(f"SELECT * FROM {table} ORDER BY 1")).all()
            digests[table] = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    return digests


def run(url: str, arguments: Sequence[str], crash_at: str | None = None) -> int:
    environment = {**os.environ, "PACESETTER_DATABASE_URL": url}
    environment.pop(CRASH_AT, None)
    if crash_at:
        environment[CRASH_AT] = crash_at
    done = subprocess.run(arguments, env=environment, capture_output=True, text=True, check=False)
    if done.returncode not in (0, KILLED):
        print(done.stdout[-2000:], done.stderr[-2000:])
    return done.returncode


class Rig:
    def __init__(self, url: str) -> None:
        self.url, self.engine, self.points = url, make_engine(url), 0

    def crash_then_finish(
        self, arguments: Sequence[str], points: Sequence[str], finish: Callable[[], object]
    ) -> None:
        """Killed at each point with nothing changed; then `finish` (the same action, run in
        this process where it can be: a process start costs seconds), something changed."""
        before = fingerprint(self.engine)
        for point in points:
            assert run(self.url, arguments, point) == KILLED, f"never reached {point}"
            assert fingerprint(self.engine) == before, f"the database changed: {point}"
            self.points += 1
        finish()
        assert fingerprint(self.engine) != before

    def finish_in_a_process(self, arguments: Sequence[str]) -> Callable[[], None]:
        def finish() -> None:
            assert run(self.url, arguments) == 0, arguments

        return finish

    def cli(self, *arguments: str) -> list[str]:
        return [PACESETTER, *arguments]

    def python(self, script: str, *arguments: object) -> list[str]:
        return [sys.executable, "-c", script, self.url, *map(str, arguments)]


def _generate(folder: Path) -> Path:
    arguments = ["generate", "--reps", "5", "--months", "2", "--as-of", "2026-03-31"]
    subprocess.run([PACESETTER, *arguments, "--out", str(folder)], capture_output=True, check=True)
    return folder


def _proposal(engine: Engine) -> Row[Any]:
    """A rep's proposed goal, for the approval to decide."""
    with engine.begin() as connection:
        rep = connection.execute(select(Person.id).where(Person.role == "rep").limit(1)).scalar()
        goal = connection.execute(select(Goal).where(Goal.person_id == rep).limit(1)).one()
        connection.execute(
            Goal.__table__.update().where(Goal.id == goal.id).values(status="proposed")
        )
    return goal


def test_sigkill_at_21_points_leaves_the_database_unchanged_and_the_app_serving(
    new_database_url: str, tmp_path: Path, db_kind: str
) -> None:
    started = time.monotonic()
    rig = Rig(new_database_url)
    command.downgrade(schema.alembic_config(rig.engine), BEFORE_LATEST)
    rig.crash_then_finish(
        rig.cli("db", "upgrade"), ["migrated"], lambda: schema.upgrade(rig.engine)
    )
    data = _generate(tmp_path / "data")
    bad = tmp_path / "people-bad.csv"
    bad.write_text("external_id,name,email,role\nX1,Bad Row,not-an-email,boss\n")
    rejected = rig.cli("import", "people", str(bad))
    assert run(new_database_url, rejected, "audited:import_runs") == KILLED
    rig.points += 1
    for kind in KINDS:
        points = [f"import-started:{kind}", *ROLLUP_POINTS.get(kind, []), f"import-written:{kind}"]
        path = data / f"{kind}.csv"
        accepted = partial(import_file, kind, path, engine=rig.engine)
        rig.crash_then_finish(rig.cli("import", kind, str(path)), points, accepted)
    goal = _proposal(rig.engine)
    approval = rig.python(APPROVE, goal.id)
    rig.crash_then_finish(approval, ["audited:goals"], rig.finish_in_a_process(approval))
    with rig.engine.connect() as connection:
        manager = connection.scalar(select(Person.manager_id).where(Person.id == goal.person_id))
    recognition = rig.python(RECOGNISE, manager, goal.person_id)
    points = ["audited:coaching_records"]
    rig.crash_then_finish(recognition, points, rig.finish_in_a_process(recognition))
    assert rig.points == 21
    client = TestClient(create_app(rig.engine))
    assert client.get("/login").status_code == 200
    assert (
        client.post("/api/v1/session", json={"email": "x@y.z", "password": "p"}).status_code == 401
    )
    rig.engine.dispose()
    seconds = time.monotonic() - started
    print(f"crash points on {db_kind}: {rig.points} killed, 0 changed, {seconds:.0f} s")
