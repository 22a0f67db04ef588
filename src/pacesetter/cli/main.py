"""The `pacesetter` command. Each command group lives in its own module; this file only wires
them together, so `pacesetter --help` is the index of everything the CLI does."""

import typer
from sqlalchemy.exc import OperationalError, ProgrammingError
from typer.core import TyperGroup
from typer.models import Context

from pacesetter.cli import db, demo, generate, importing, org, report, serve, users
from pacesetter.cli.goals import lint_app, suggest_app
from pacesetter.domain.errors import PacesetterError


class _PacesetterGroup(TyperGroup):
    """Maps errors to the CLI once: a plain message and exit code 1, whichever command raised
    them."""

    def invoke(self, ctx: Context) -> object:
        try:
            return super().invoke(ctx)
        except PacesetterError as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(1) from None
        except (OperationalError, ProgrammingError) as error:
            # Most often a database that was never set up: say what to do, not a traceback.
            typer.echo(f"Database error: {error.orig}", err=True)
            typer.echo(
                "If the schema is missing or out of date, run `pacesetter db upgrade`.", err=True
            )
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_PacesetterGroup,
    name="pacesetter",
    help="Pacesetter: sales performance for sales managers and their teams.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db.app, name="db")
app.add_typer(org.app, name="org")
app.command("generate")(generate.generate)
app.command("demo")(demo.demo)
app.command("import")(importing.import_command)
app.add_typer(report.app, name="report")
app.add_typer(users.app, name="users")
app.command("serve")(serve.serve)
app.add_typer(lint_app, name="lint")
app.add_typer(suggest_app, name="suggest")
