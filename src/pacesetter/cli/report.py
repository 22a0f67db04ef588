"""`pacesetter report`: reports at an as-of date, printed as a table, JSON or CSV.

Each report is a command of its own module; this file wires them into one group and holds the
scorecard, the first of them. The options and printers they share are in `reporting.py`.
"""

import typer

from pacesetter.cli import report_manager, report_quadrant, report_review
from pacesetter.cli.reporting import (
    AS_OF_HELP,
    PERIOD_HELP,
    Format,
    as_of_option,
    echo_table,
    period_option,
    print_csv,
    print_json,
    shown,
)
from pacesetter.metrics.catalogue import ACTIVITY_METRICS, OUTCOME_METRICS, REGISTRY, Unit
from pacesetter.metrics.scorecard import (
    GoalLine,
    Scorecard,
    build_scorecard,
    find_person,
)
from pacesetter.metrics.scorecard_export import GOAL_FIELDS, flat_header, flat_rows
from pacesetter.store.context import context_for
from pacesetter.store.db import get_engine, unit_of_work
from pacesetter.store.scope import Scope

app = typer.Typer(help="Reports for a period at an as-of date.", no_args_is_help=True)


@app.command()
def scorecard(
    period: str = typer.Option(..., help=PERIOD_HELP),
    as_of: str | None = typer.Option(None, help=AS_OF_HELP),
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
        ctx = context_for(session, Scope.everything())
        period = period_option(period_name, ctx.fiscal_start)
        day = ctx.as_of(period, as_of_option(as_of))
        person_id, manager_id = (
            find_person(session, ctx.scope, reference).id if reference else None
            for reference in (person, manager)
        )
        return build_scorecard(
            session, ctx.scope, period, day, person_id=person_id, manager_id=manager_id
        )


def _print_json(report: Scorecard) -> None:
    print_json(report.as_dict())


def _print_csv(report: Scorecard) -> None:
    print_csv(flat_header(report), flat_rows(report))


def _print_table(report: Scorecard) -> None:
    """Rounded for reading: metrics in two tables (outcomes, activities), then the goals."""
    typer.echo(f"Scorecard {report.period.name} as of {report.as_of.isoformat()}")
    for title, metrics in (("Outcomes", OUTCOME_METRICS), ("Activities", ACTIVITY_METRICS)):
        slugs = [m.slug for m in metrics]
        rows = [
            [row.name, *(shown(row.metrics[s], REGISTRY[s].unit) for s in slugs)]
            for row in report.rows
        ]
        echo_table(title, ["name", *slugs], rows)
    goals = [_goal_cells(row.name, goal) for row in report.rows for goal in row.goals]
    echo_table("Goals", ["name", "metric", "scope", *GOAL_FIELDS], goals)


def _goal_cells(name: str, goal: GoalLine) -> list[str]:
    """Amounts in the goal metric's unit; attainment, pace and credit as percentages."""
    unit = REGISTRY[goal.metric].unit if goal.metric in REGISTRY else Unit.COUNT
    units = (unit, unit, Unit.SHARE, Unit.SHARE, unit, Unit.SHARE)  # as GOAL_FIELDS
    values = goal.as_dict()
    cells = (shown(values[field], u) for field, u in zip(GOAL_FIELDS, units, strict=True))
    return [name, goal.metric, goal.scope, *cells]


_PRINTERS = {Format.TABLE: _print_table, Format.JSON: _print_json, Format.CSV: _print_csv}

app.command("quadrant")(report_quadrant.quadrant)
app.command("manager")(report_manager.manager)
app.command("review")(report_review.review)
