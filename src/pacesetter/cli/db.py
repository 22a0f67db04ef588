"""`pacesetter db`: create or migrate the schema of the configured database."""

import typer

from pacesetter.store import schema
from pacesetter.store.db import get_engine

app = typer.Typer(help="Create, migrate and inspect the database schema.", no_args_is_help=True)


@app.command()
def upgrade(revision: str = typer.Argument("head", help="Target revision.")) -> None:
    """Create the schema on an empty database, or migrate an existing one to the latest."""
    engine = get_engine()
    schema.upgrade(engine, revision)
    typer.echo(f"Database at revision {schema.current_revision(engine)} ({engine.url.database}).")


@app.command()
def current() -> None:
    """Show the schema revision of the database and whether it is up to date."""
    engine = get_engine()
    at, head = schema.current_revision(engine), schema.head_revision(engine)
    state = "up to date" if at == head else f"behind (latest is {head})"
    typer.echo(f"Revision {at or 'none'}: {state}.")
