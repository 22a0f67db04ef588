"""The data version (store/versioning.py) moves once for every committed transaction that changed
data, whatever path wrote (an ORM flush, a Core or text statement, an import of each kind with
its bulk path and rollup refresh), and stays where it was when nothing was written, when the
write rolled back (a refused import, an error, a savepoint) or when only sign-in bookkeeping
changed. Committed data is needed, so each test has a database of its own.
"""

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session

from factories import make_deal, make_person
from pacesetter.auth.sessions import open_session
from pacesetter.ingest import run_import
from pacesetter.ingest.bulk import bulk_insert
from pacesetter.store.backup import backup, restore
from pacesetter.store.db import make_engine, unit_of_work
from pacesetter.store.models import Deal, Holiday, LoginAttempt, OrgSettings, Person
from pacesetter.store.versioning import current_version
from pacesetter.synth import generate_org

AS_OF = date(2026, 5, 14)
KINDS = ("people", "accounts", "deals", "activities", "forecasts", "goals", "plans", "coaching")


@pytest.fixture
def engine(new_database_url: str) -> Iterator[Engine]:
    engine = make_engine(new_database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("org")
    generate_org(folder, reps=3, months=3, seed=5, as_of=AS_OF)
    return folder


def version(engine: Engine) -> int:
    with unit_of_work(engine) as session:
        return current_version(session)


def test_every_import_kind_moves_the_version_once_and_a_refused_file_not_at_all(
    engine: Engine, generated: Path, tmp_path: Path
) -> None:
    for kind in KINDS:
        before = version(engine)
        with unit_of_work(engine) as session:
            report = run_import(session, kind, generated / f"{kind}.csv", file_name=kind)
        assert report.accepted, (kind, report.errors.to_list()[:3])
        assert version(engine) == before + 1, kind
    refused = tmp_path / "deals.csv"
    refused.write_text((generated / "deals.csv").read_text().replace(",won,", ",maybe,", 1))
    before = version(engine)
    with unit_of_work(engine) as session:
        report = run_import(session, "deals", refused, file_name="deals.csv")
    assert not report.accepted
    assert version(engine) == before  # the file's run and its audit entry are kept, no data


def test_the_bulk_path_alone_moves_the_version(engine: Engine) -> None:
    """COPY on PostgreSQL runs beneath SQLAlchemy's events; executemany on SQLite does not."""
    before = version(engine)
    with engine.begin() as connection:
        bulk_insert(connection, Holiday.__table__, ("day", "name"), [(date(2026, 1, 1), "New")])  # type: ignore[arg-type]
    assert version(engine) == before + 1


def test_orm_core_and_text_writes_move_it_and_reads_and_rollbacks_do_not(engine: Engine) -> None:
    steps = [
        ("a read", lambda s: s.scalars(select(Person)).all(), 0),
        ("an ORM insert", lambda s: make_person(s, "Ann"), 1),
        ("an ORM edit", lambda s: setattr(s.scalars(select(Person)).one(), "name", "Anna"), 1),
        ("a Core update", lambda s: s.execute(update(Person).values(name="Anne")), 1),
        ("a text statement", lambda s: s.execute(text("DELETE FROM holidays")), 1),
        ("an edit rolled back", _rolled_back, 0),
        ("an edit in a savepoint rolled back", _savepoint_rolled_back, 0),
        ("an edit in a savepoint kept", _savepoint_kept, 1),
        ("sign-in bookkeeping", _bookkeeping, 0),
    ]
    for name, step, moves in steps:
        before = version(engine)
        try:
            with unit_of_work(engine) as session:
                step(session)
        except _Refused:
            pass
        assert version(engine) == before + moves, name


def test_the_rollup_refresh_of_an_edited_deal_commits_with_one_bump(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        make_deal(session, make_person(session, "Ann"), status="won", closed=date(2026, 2, 10))
    before = version(engine)
    with unit_of_work(engine) as session:
        deal = session.scalars(select(Deal)).one()
        deal.amount = 2_000.0
        session.flush()  # the flush listener refreshes deal_rollups: still one transaction
        deal.margin = 10.0
    assert version(engine) == before + 1


def test_a_restore_moves_the_version_past_the_backup_and_the_data_it_replaced(
    engine: Engine, tmp_path: Path
) -> None:
    """A restore brings back the backup's older version beneath the engine's events: were it
    kept, later writes would meet versions that running servers cached other data under."""
    with unit_of_work(engine) as session:
        make_person(session, "Ann")
    backup(engine, tmp_path / "backup")
    for name in ("Bob", "Cy", "Dee"):
        with unit_of_work(engine) as session:
            make_person(session, name)
    replaced = version(engine)
    restore(engine, tmp_path / "backup")
    assert version(engine) > replaced
    with unit_of_work(engine) as session:
        assert [p.name for p in session.scalars(select(Person))] == ["Ann"]


class _Refused(Exception):
    """A write refused after it was flushed: the unit of work rolls it back."""


def _rolled_back(session: Session) -> None:
    make_person(session, "Bob")
    raise _Refused


def _savepoint_rolled_back(session: Session) -> None:
    try:
        with session.begin_nested():
            session.execute(update(OrgSettings).values(name="Refused"))
            make_person(session, "Cy")
            raise _Refused
    except _Refused:
        pass


def _savepoint_kept(session: Session) -> None:
    with session.begin_nested():
        make_person(session, "Dee")


def _bookkeeping(session: Session) -> None:
    person = session.scalars(select(Person)).first()
    assert person is not None
    open_session(session, person, datetime(2026, 5, 14, 9), 2)
    session.add(LoginAttempt(key="someone", succeeded=False))
