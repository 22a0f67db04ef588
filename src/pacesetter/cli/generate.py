"""`pacesetter generate`: write a realistic synthetic sales org as canonical CSV files.

Registered in cli/main.py as `app.command("generate")(generate)`.
"""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pacesetter.synth.generate import generate_org


def generate(
    reps: Annotated[
        int, typer.Option(min=1, help="Number of sales reps, leavers and new hires included.")
    ] = 30,
    months: Annotated[
        int, typer.Option(min=1, help="Whole months of history, ending with the as-of month.")
    ] = 12,
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed and as-of date give identical files.")
    ] = 1,
    out: Annotated[
        Path, typer.Option(file_okay=False, help="Directory to write the CSV files to.")
    ] = Path("demo-data"),
    as_of: Annotated[
        date | None,
        typer.Option(
            parser=date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="Last day of the data (default: today). Only open deals close after it.",
        ),
    ] = None,
) -> None:
    """Generate a synthetic sales org: people, accounts, activities, deals, forecasts, goals,
    plans and coaching, in the canonical import formats."""
    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]Generating sellers"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("sellers", total=None)
        counts = generate_org(
            out,
            reps=reps,
            months=months,
            seed=seed,
            as_of=as_of,
            on_progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    Console().print(_summary(out, counts))


def _summary(out: Path, counts: dict[str, int]) -> Table:
    table = Table(title=f"Wrote {out}")
    table.add_column("file")
    table.add_column("rows", justify="right")
    for kind, rows in counts.items():
        table.add_row(f"{kind}.csv", f"{rows:,}")
    return table
