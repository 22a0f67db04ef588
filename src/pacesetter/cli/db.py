"""`pacesetter db`: create or migrate the schema of the configured database."""

from pathlib import Path

import typer

from pacesetter.store import backup as backups
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


@app.command()
def backup(file: Path = typer.Argument(..., help="Where to write the backup.")) -> None:
    """Copy the whole database to FILE, consistently, while the app keeps running (SQLite's
    online backup; pg_dump's custom format on PostgreSQL)."""
    engine = get_engine()
    backups.backup(engine, file)
    typer.echo(f"Backed up {engine.url.database} to {file}.")


@app.command()
def restore(
    file: Path = typer.Argument(..., help="A file made by `pacesetter db backup`."),
) -> None:
    """Replace the database's contents with FILE's (stop the app first); then run `db upgrade`
    if the backup is older than this version."""
    engine = get_engine()
    backups.restore(engine, file)
    typer.echo(f"Restored {engine.url.database} from {file}.")
