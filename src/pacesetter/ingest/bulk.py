"""Inserting many new rows through each database's own bulk path, inside the import's
transaction: `COPY ... FROM STDIN` on PostgreSQL, one prepared `executemany` on SQLite.

The rows come from the spill already in their stored form, so nothing is converted per value:
this is the same work as the database's raw bulk load (see bench/import_bench.py).
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table

from pacesetter.store.versioning import note_write

Stored = tuple[Any, ...]


def bulk_insert(
    connection: Connection, table: Table, columns: Sequence[str], rows: list[Stored]
) -> None:
    if not rows:
        return
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(column) for column in columns)
    target = f"{quote(table.name)} ({names})"
    if connection.dialect.name == "postgresql":
        _copy(connection, target, rows)
        note_write(connection, table.name)  # COPY runs beneath the Connection's events
    else:
        marks = ", ".join("?" for _ in columns)
        connection.exec_driver_sql(f"INSERT INTO {target} VALUES ({marks})", rows)


def _copy(connection: Connection, target: str, rows: list[Stored]) -> None:
    driver = connection.connection.driver_connection  # psycopg, in the session's transaction
    with driver.cursor() as cursor, cursor.copy(f"COPY {target} FROM STDIN") as copy:  # type: ignore[union-attr]
        for row in rows:
            copy.write_row(row)
