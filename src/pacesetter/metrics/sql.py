"""The few SQL building blocks the catalogue is written in, portable to SQLite and PostgreSQL
(whole days between two dates, which the store's rollups need too, is `store.dates.days_between`).
"""

from typing import Any

from sqlalchemy import ColumnElement, case, func


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
