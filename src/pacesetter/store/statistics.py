"""Planner statistics after a bulk write, on PostgreSQL.

The reports that follow an import choose their plans from the tables' statistics. PostgreSQL
gathers them with `ANALYZE`, which autovacuum runs some time after enough rows changed, or
never where autovacuum is off; until then a freshly loaded table reads as empty and a report
over millions of rows can pick a nested loop that runs for minutes (seen at 1,000 reps: a
quadrant statement ran over 8 minutes before `ANALYZE`, 2 s after). So an import analyses what
it wrote by autovacuum's own rule (`autovacuum_analyze_threshold` 50 rows plus
`autovacuum_analyze_scale_factor` 10 % of the rows the table had), in its own transaction, so
the new statistics commit with the rows. SQLite plans well without statistics (its indexes are
chosen by shape), and an `ANALYZE` there reads every index whole, so it is left alone.
"""

from collections.abc import Iterable

from sqlalchemy import Connection, Table, text

ANALYZE_THRESHOLD = 50
ANALYZE_SCALE_FACTOR = 0.1


def needs_analyze(rows_written: int, rows_known: float) -> bool:
    """Whether `rows_written` changes a table whose statistics count `rows_known` rows (below
    zero: never analysed) enough to gather its statistics again."""
    if rows_known < 0:
        return rows_written > 0
    return rows_written > ANALYZE_THRESHOLD + ANALYZE_SCALE_FACTOR * rows_known


def analyze_written(connection: Connection, tables: Iterable[Table], rows_written: int) -> None:
    """`ANALYZE` each of `tables` that `rows_written` rows changed enough (PostgreSQL only)."""
    if connection.dialect.name != "postgresql" or rows_written <= 0:
        return
    known = text("SELECT reltuples FROM pg_class WHERE oid = CAST(:name AS regclass)")
    for table in tables:
        if needs_analyze(rows_written, connection.scalar(known, {"name": table.name}) or 0):
            connection.exec_driver_sql(f'ANALYZE "{table.name}"')
