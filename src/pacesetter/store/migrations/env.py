"""Alembic environment: runs against the connection or URL that `store.schema` hands it."""

from alembic import context
from sqlalchemy import Connection

from pacesetter.store.db import make_engine
from pacesetter.store.models import Base


def _run(connection: Connection) -> None:
    # Batch mode lets ALTERs run on SQLite, which rebuilds a table to change it.
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as new_connection:
        _run(new_connection)
    engine.dispose()


run_migrations_online()
