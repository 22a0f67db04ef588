"""`pacesetter report quadrant`: every rep's activity vs results quadrant and QDQ plan score.

The report is built once (metrics/quadrant.py) and printed as a rounded table, unrounded JSON or
CSV with the JSON rows' columns; null is `-` in the table and an empty CSV cell.
"""

import typer

from pacesetter.cli.reporting import (
    AS_OF_HELP,
    PERIOD_HELP,
    Format,
    echo_table,
    print_csv,
    print_json,
    report_ask,
    shown,
)
from pacesetter.metrics.catalogue import Unit
from pacesetter.metrics.quadrant import ROW_FIELDS, SHARE_FIELDS, QuadrantView, build_quadrant
from pacesetter.store.db import get_engine, unit_of_work


def quadrant(
    period: str = typer.Option(..., help=PERIOD_HELP),
    as_of: str | None = typer.Option(None, help=AS_OF_HELP),
    manager: str | None = typer.Option(
        None, help="Only the reps below this manager (email or external id)."
    ),
    output: Format = typer.Option(
        Format.TABLE,
        "--format",
        help="table (rounded for reading), json (unrounded) or csv (the JSON rows' columns).",
    ),
) -> None:
    """Every rep employed during the period: results pace (their approved revenue_won goal),
    activity pace (their monthly activity plans), the quadrant those place them in, and the
    QDQ plan score (quantity, direction, quality, the score and the binding dimension)."""
    view = _build(period, as_of, manager)
    _PRINTERS[output](view)


def _build(period_name: str, as_of: str | None, manager: str | None) -> QuadrantView:
    with unit_of_work(get_engine()) as session:
        ask = report_ask(session, period_name, as_of, manager)
        return build_quadrant(session, ask.scope, ask.period, ask.as_of, ask.manager_id)


def _print_json(view: QuadrantView) -> None:
    print_json(view.as_dict())


def _print_csv(view: QuadrantView) -> None:
    rows = [row.as_dict() for row in view.rows]
    print_csv(ROW_FIELDS, ([row[field] for field in ROW_FIELDS] for row in rows))


def _print_table(view: QuadrantView) -> None:
    typer.echo(f"Quadrant {view.period.name} as of {view.as_of.isoformat()}")
    rows = []
    for row in view.rows:
        values = row.as_dict()
        cells = [shown(values[field], Unit.SHARE) for field in SHARE_FIELDS]
        placed = [values["quadrant"] or "-", values["qdq_binding"] or "-"]
        if not row.placement.quality_observed:
            cells[SHARE_FIELDS.index("qdq_quality")] = "not observed"
        rows.append([row.name, *cells, *placed])
    header = ["name", *SHARE_FIELDS, "quadrant", "qdq_binding"]
    echo_table("Reps", header, rows)


_PRINTERS = {Format.TABLE: _print_table, Format.JSON: _print_json, Format.CSV: _print_csv}
