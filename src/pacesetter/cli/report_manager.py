"""`pacesetter report manager`: every manager's KPIs, player-coach values, signals and
role-design recommendation (docs/managers.md).

The report is built once (metrics/manager_report.py) and printed as rounded tables (one per KPI
group, then the player-coach values and the signals), unrounded JSON, or CSV with one row per
manager (signals as a `;`-joined list of names, the recommendation's value).
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
from pacesetter.metrics.catalogue import Unit, Value
from pacesetter.metrics.manager_report import (
    CSV_FIELDS,
    KPI_GROUPS,
    PLAYER_COACH_FIELDS,
    ManagerReport,
    build_manager_report,
)
from pacesetter.store.db import get_engine, unit_of_work

# Months and ratings read with one decimal, like days.
_UNITS = {"share": Unit.SHARE, "count": Unit.COUNT, "months": Unit.DAYS, "rating": Unit.DAYS}


def manager(
    period: str = typer.Option(..., help=PERIOD_HELP),
    as_of: str | None = typer.Option(None, help=AS_OF_HELP),
    manager: str | None = typer.Option(
        None,
        help="Only this manager and the managers and directors below them (email or external id).",
    ),
    output: Format = typer.Option(
        Format.TABLE,
        "--format",
        help="table (rounded for reading), json (unrounded) or csv (one row per manager, "
        "signals as a ;-joined list of names).",
    ),
) -> None:
    """Every manager and director employed during the period: team revenue, sales rhythm and
    capability growth KPIs, player-coach values, the overload and conflict signals that fired
    (with their evidence) and the role-design recommendation (with its reasons)."""
    report = _build(period, as_of, manager)
    _PRINTERS[output](report)


def _build(period_name: str, as_of: str | None, manager: str | None) -> ManagerReport:
    with unit_of_work(get_engine()) as session:
        ask = report_ask(session, period_name, as_of, manager)
        return build_manager_report(session, ask.scope, ask.period, ask.as_of, ask.manager_id)


def _print_json(report: ManagerReport) -> None:
    print_json(report.as_dict())


def _print_csv(report: ManagerReport) -> None:
    print_csv(CSV_FIELDS, (row.csv_cells() for row in report.rows))


def _print_table(report: ManagerReport) -> None:
    """Rounded for reading: a table per KPI group, the player-coach values, then the signals."""
    typer.echo(f"Managers {report.period.name} as of {report.as_of.isoformat()}")
    for title, columns in KPI_GROUPS.items():
        rows = [
            [row.name, *(shown(row.kpis[c.key], _UNITS[c.kind]) for c in columns)]
            for row in report.rows
        ]
        echo_table(title, ["name", *(c.key for c in columns)], rows)
    coach = [[row.name, *(_share(v) for v in row.player_coach().values())] for row in report.rows]
    echo_table("Player-coach", ["name", *PLAYER_COACH_FIELDS], coach)
    typer.echo("\nSignals and recommendation")
    for row in report.rows:
        fired = ", ".join(signal.name for signal in row.signals) or "none"
        typer.echo(f"{row.name}: {row.coach.recommendation} (signals: {fired})")


def _share(value: Value) -> str:
    return shown(value, Unit.SHARE)


_PRINTERS = {Format.TABLE: _print_table, Format.JSON: _print_json, Format.CSV: _print_csv}
