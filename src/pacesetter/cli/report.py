"""`pacesetter report`: reports at an as-of date, printed as a table, JSON or CSV."""

import csv
import json
import sys
from collections.abc import Sequence
from datetime import date
from enum import StrEnum

import typer

from pacesetter.domain.periods import Period, PeriodError, parse_period
from pacesetter.metrics.catalogue import ACTIVITY_METRICS, OUTCOME_METRICS, REGISTRY, Unit, Value
from pacesetter.metrics.org_settings import fiscal_year_start_month
from pacesetter.metrics.scorecard import (
    GoalLine,
    Scorecard,
    build_scorecard,
    default_as_of,
    find_person,
)
from pacesetter.metrics.scorecard_export import GOAL_FIELDS, flat_header, flat_rows
from pacesetter.store.db import get_engine, unit_of_work
from pacesetter.store.scope import Scope

app = typer.Typer(help="Reports for a period at an as-of date.", no_args_is_help=True)


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


@app.command()
def scorecard(
    period: str = typer.Option(..., help="Period: 2026-03, 2026-Q1, 2026 or 2026-W07."),
    as_of: str | None = typer.Option(
        None, help="As-of date (YYYY-MM-DD); default: today, clipped to the period."
    ),
    person: str | None = typer.Option(None, help="Only this person (email or external id)."),
    manager: str | None = typer.Option(
        None, help="Only this manager and everyone below them (email or external id)."
    ),
    output: Format = typer.Option(
        Format.TABLE,
        "--format",
        help="table (rounded for reading), json (unrounded) or csv (one row per person, each "
        "goal in columns goal.<scope>.<metric>.<field>).",
    ),
) -> None:
    """Every rep, manager and director employed during the period: their own outcome and
    activity metrics to date, and their approved goals (a manager's row adds their team's
    goals) with target, actual, attainment, pace, projection and hybrid credit."""
    if person and manager:
        raise typer.BadParameter("give --person or --manager, not both")
    report = _scorecard(period, as_of, person, manager)
    _PRINTERS[output](report)


def _scorecard(
    period_name: str, as_of: str | None, person: str | None, manager: str | None
) -> Scorecard:
    with unit_of_work(get_engine()) as session:
        period = _period(period_name, fiscal_year_start_month(session))
        day = _as_of(as_of) or default_as_of(period, date.today())
        scope = Scope.everything()
        person_id, manager_id = (
            find_person(session, scope, reference).id if reference else None
            for reference in (person, manager)
        )
        return build_scorecard(
            session, scope, period, day, person_id=person_id, manager_id=manager_id
        )


def _period(text: str, fiscal_start: int) -> Period:
    try:
        return parse_period(text, fiscal_start)
    except PeriodError as error:
        raise typer.BadParameter(str(error), param_hint="--period") from None


def _as_of(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date (YYYY-MM-DD)", param_hint="--as-of"
        ) from None


def _print_json(report: Scorecard) -> None:
    typer.echo(json.dumps(report.as_dict(), indent=2))


def _print_csv(report: Scorecard) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(flat_header(report))
    writer.writerows(flat_rows(report))


def _print_table(report: Scorecard) -> None:
    """Rounded for reading: metrics in two tables (outcomes, activities), then the goals."""
    typer.echo(f"Scorecard {report.period.name} as of {report.as_of.isoformat()}")
    for title, metrics in (("Outcomes", OUTCOME_METRICS), ("Activities", ACTIVITY_METRICS)):
        slugs = [m.slug for m in metrics]
        rows = [
            [row.name, *(_shown(row.metrics[s], REGISTRY[s].unit) for s in slugs)]
            for row in report.rows
        ]
        _echo_table(title, ["name", *slugs], rows)
    goals = [_goal_cells(row.name, goal) for row in report.rows for goal in row.goals]
    _echo_table("Goals", ["name", "metric", "scope", *GOAL_FIELDS], goals)


def _goal_cells(name: str, goal: GoalLine) -> list[str]:
    """Amounts in the goal metric's unit; attainment, pace and credit as percentages."""
    unit = REGISTRY[goal.metric].unit if goal.metric in REGISTRY else Unit.COUNT
    units = (unit, unit, Unit.SHARE, Unit.SHARE, unit, Unit.SHARE)  # as GOAL_FIELDS
    values = goal.as_dict()
    shown = (_shown(values[field], u) for field, u in zip(GOAL_FIELDS, units, strict=True))
    return [name, goal.metric, goal.scope, *shown]


def _shown(value: Value, unit: Unit) -> str:
    if value is None:
        return "-"
    if unit is Unit.SHARE:
        return f"{value:.1%}"
    if unit is Unit.DAYS:
        return f"{value:.1f}"
    return f"{value:,.0f}"


def _echo_table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain aligned table: the first column left-aligned, the numbers right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    typer.echo(f"\n{title}")
    for line in (header, *rows):
        cells = [line[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)
        ]
        typer.echo("  ".join(cells).rstrip())


_PRINTERS = {Format.TABLE: _print_table, Format.JSON: _print_json, Format.CSV: _print_csv}
