"""Migrating down past the data version's table, and up again: an engine that has seen the
table must not bump it once a migration has dropped it (Alembic commits migration by migration,
so the engine learns that the table is there before the one that drops it; the crash-point test
downgrades its database so before it starts), and moves the version again once a migration has
made the table anew."""

from datetime import date

from alembic import command
from sqlalchemy import inspect, text

from pacesetter.store import schema
from pacesetter.store.db import make_engine, unit_of_work
from pacesetter.store.models import Holiday
from pacesetter.store.versioning import current_version

BEFORE_DATA_VERSION = "0010"


def test_a_migration_down_past_the_data_version_and_back_up_commits_through_one_engine(
    new_database_url: str,
) -> None:
    engine = make_engine(new_database_url)
    try:
        with unit_of_work(engine) as session:  # the engine learns that the table is there
            session.add(Holiday(day=date(2026, 12, 25), name="Christmas"))
        with engine.begin() as connection:  # through this engine, as `schema.upgrade` does
            config = schema.alembic_config(engine)
            config.attributes["connection"] = connection
            command.downgrade(config, BEFORE_DATA_VERSION)
        assert not inspect(engine).has_table("data_version")
        with engine.begin() as connection:  # a write with no table to bump: it commits
            connection.execute(text("DELETE FROM holidays"))
        schema.upgrade(engine)
        with unit_of_work(engine) as session:
            before = current_version(session)
            session.add(Holiday(day=date(2026, 12, 26), name="Boxing Day"))
        with unit_of_work(engine) as session:
            assert current_version(session) == before + 1
    finally:
        engine.dispose()
