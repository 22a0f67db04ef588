"""The SQL date functions the schema's queries need, portable to SQLite and PostgreSQL.

SQL has no portable way to subtract two dates or to truncate one to its month: SQLite stores
dates as ISO text and has `julianday` and `date(x, 'start of month')`, PostgreSQL has date
arithmetic and `date_trunc`. Each function here compiles to the one form of each database; any
other database fails at compile time rather than computing something else. They live in the
store because both its rollups (store/rollups.py) and the metrics compile them.
"""

from datetime import date
from typing import Any

from sqlalchemy import Date, Integer
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class days_between(FunctionElement[int]):
    """`later - earlier` in whole calendar days, for two DATE expressions."""

    type = Integer()
    inherit_cache = True
    name = "days_between"


class month_start(FunctionElement[date]):
    """The first day of the calendar month of a DATE expression."""

    type = Date()
    inherit_cache = True
    name = "month_start"


def _operands(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(clause, **kw) for clause in element.clauses]


@compiles(days_between)
@compiles(month_start)
def _unsupported(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    raise CompileError(f"{element.name} has no form for {compiler.dialect.name}")


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = _operands(element, compiler, **kw)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_between_postgresql(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = _operands(element, compiler, **kw)
    return f"({later} - {earlier})"


@compiles(month_start, "sqlite")
def _month_start_sqlite(element: month_start, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _operands(element, compiler, **kw)
    return f"date({day}, 'start of month')"


@compiles(month_start, "postgresql")
def _month_start_postgresql(element: month_start, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _operands(element, compiler, **kw)
    return f"CAST(date_trunc('month', {day}) AS DATE)"
