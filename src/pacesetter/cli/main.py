"""The `pacesetter` command. Each command group lives in its own module; this file only wires
them together, so `pacesetter --help` is the index of everything the CLI does."""

import typer

from pacesetter.cli import db

app = typer.Typer(
    name="pacesetter",
    help="Pacesetter: sales performance for sales managers and their teams.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db.app, name="db")
