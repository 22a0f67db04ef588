"""The few SQL building blocks the catalogue is written in, portable to SQLite and PostgreSQL.

`days_between` is the one place that knows the databases differ on dates: SQL has no portable
way to subtract two dates, so it compiles to `julianday(a) - julianday(b)` on SQLite (dates are
stored as ISO text there) and to plain date subtraction on PostgreSQL (which yields whole days).
Any other database fails at compile time rather than computing something else.
"""

from typing import Any

from sqlalchemy import ColumnElement, Integer, case, func
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class days_between(FunctionElement[int]):
    """`later - earlier` in whole calendar days, for two DATE expressions."""

    type = Integer()
    inherit_cache = True
    name = "days_between"


def _operands(element: days_between, compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    later, earlier = element.clauses
    return compiler.process(later, **kw), compiler.process(earlier, **kw)


@compiles(days_between)
def _days_between_unsupported(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    raise CompileError(f"days_between has no form for {compiler.dialect.name}")


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = _operands(element, compiler, **kw)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_between_postgresql(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = _operands(element, compiler, **kw)
    return f"({later} - {earlier})"


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
