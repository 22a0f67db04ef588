"""The few SQL building blocks the catalogue is written in, portable to SQLite and PostgreSQL.

`days_between` (whole days between two dates) is compiled per database in store/dates.py, which
the store's rollups share; it is re-exported here with the catalogue's other blocks.
"""

from typing import Any

from sqlalchemy import ColumnElement, case, func

from pacesetter.store.dates import days_between

__all__ = ["count_where", "days_between", "sum_where", "unindexed"]


def count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """How many rows meet `condition` (0 over nothing: COUNT ignores the NULLs of CASE)."""
    return func.count(case((condition, 1)))


def sum_where(condition: ColumnElement[bool], value: ColumnElement[Any]) -> ColumnElement[Any]:
    """The sum of `value` over the rows that meet `condition` (NULL over nothing)."""
    return func.sum(case((condition, value)))


def unindexed(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """`column` unchanged, as an expression no index can serve (COALESCE of it with itself).

    A planner hint in portable SQL: where a filter on this column is far less selective than
    another index's range, it stops SQLite from picking the worse index (measured in the docs).
    """
    return func.coalesce(column, column)
