"""What every `pacesetter report` command shares: its options, and one printer per format.

A report is built once as plain data; these print it as a rounded table for reading, as
unrounded JSON, or as CSV. Each report command lives in its own module and uses these, so the
formats look the same whichever report printed them.
"""

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import typer
from sqlalchemy.orm import Session

from pacesetter.domain.formatting import in_unit
from pacesetter.domain.periods import Period, PeriodError, parse_period
from pacesetter.exports.csv import write_csv
from pacesetter.metrics.catalogue import Unit, Value
from pacesetter.metrics.scorecard import find_person
from pacesetter.store.context import context_for
from pacesetter.store.scope import Scope

PERIOD_HELP = "Period: 2026-03, 2026-Q1, 2026 or 2026-W07."
AS_OF_HELP = "As-of date (YYYY-MM-DD); default: today, clipped to the period."


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


@dataclass(frozen=True)
class ReportAsk:
    """What a report command asks for, resolved: everyone is in scope on the command line."""

    scope: Scope
    period: Period
    as_of: date
    manager_id: int | None


def report_ask(
    session: Session, period_name: str, as_of: str | None, manager: str | None
) -> ReportAsk:
    """The `--period`, `--as-of` (default: the organisation's today, clipped to the period)
    and `--manager` (email or external id) of a report command."""
    ctx = context_for(session, Scope.everything())
    period = period_option(period_name, ctx.fiscal_start)
    day = ctx.as_of(period, as_of_option(as_of))
    manager_id = find_person(session, ctx.scope, manager).id if manager else None
    return ReportAsk(ctx.scope, period, day, manager_id)


def period_option(text: str, fiscal_start: int) -> Period:
    """The `--period` value, or a usage error that names the option."""
    try:
        return parse_period(text, fiscal_start)
    except PeriodError as error:
        raise typer.BadParameter(str(error), param_hint="--period") from None


def as_of_option(text: str | None) -> date | None:
    """The `--as-of` value (None when not given), or a usage error that names the option."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date (YYYY-MM-DD)", param_hint="--as-of"
        ) from None


def print_json(document: dict[str, Any]) -> None:
    typer.echo(json.dumps(document, indent=2))


def print_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Through the one CSV writer, which neutralises formula-like text."""
    write_csv(sys.stdout, header, rows)


def shown(value: Value, unit: Unit) -> str:
    """A value rounded for reading in a table, by the same rules as the pages
    (`domain.formatting`): percentages rounded down, counts as counts, an em dash for null."""
    return in_unit(value, unit.value)


def echo_table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain aligned table: the first column left-aligned, the numbers right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    typer.echo(f"\n{title}")
    for line in (header, *rows):
        cells = [line[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)
        ]
        typer.echo("  ".join(cells).rstrip())
