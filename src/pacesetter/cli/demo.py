"""`pacesetter demo`: a believable organisation in a SQLite file, served on localhost.

The first run generates the org (12 months up to today) and loads it through the one import
path, exactly as a customer's CRM exports would be; later runs reuse the database.
"""

import csv
import os
import shutil
from datetime import date
from pathlib import Path

import typer
import uvicorn
from rich.console import Console
from sqlalchemy import Engine, select

from pacesetter.auth.passwords import hash_password
from pacesetter.ingest import import_file
from pacesetter.ingest.kinds import KINDS
from pacesetter.settings import get_settings
from pacesetter.store import schema
from pacesetter.store.db import get_engine, make_engine, unit_of_work
from pacesetter.store.models import Person
from pacesetter.store.org_settings import update_org_settings
from pacesetter.synth import generate_org

DEMO_PASSWORD = "pacesetter-demo"
# Seed 1 with 30 reps: four teams (one led by a player-coach) under two directors, 37 people.
DEMO_REPS = 30
# Files in load order: people before what they own, deals before the activities tied to them.
LOAD_ORDER = (
    "people",
    "accounts",
    "deals",
    "activities",
    "forecasts",
    "goals",
    "plans",
    "coaching",
)

# What SQLite keeps beside a database file: replayed onto whatever file next has that name.
SIDE_FILES = ("-wal", "-shm", "-journal")

console = Console(stderr=True)


def demo(
    directory: Path = typer.Option(Path("demo"), "--dir", help="Where the demo keeps its files."),
    host: str = typer.Option("127.0.0.1", help="Address to serve on."),
    port: int = typer.Option(8000, help="Port to serve on."),
    rebuild: bool = typer.Option(False, help="Throw the demo database away and build it anew."),
    no_serve: bool = typer.Option(False, "--no-serve", help="Build the demo, do not serve it."),
) -> None:
    """Build the demo organisation once (a SQLite file in --dir), then serve it."""
    database = directory / "pacesetter.db"
    if rebuild or not database.exists():
        _build(directory, database)
    _use_database(database)
    if no_serve:
        console.print(f"\nPacesetter demo database ready: [bold]{database}[/bold]")
        console.print("Serve it with [bold]pacesetter demo[/bold].")
    else:
        console.print(f"\nPacesetter demo: [bold]http://{host}:{port}[/bold]")
    _print_sign_ins()
    if not no_serve:
        uvicorn.run("pacesetter.app:create_app", factory=True, host=host, port=port)


def _build(directory: Path, database: Path) -> None:
    """Generate and load into a scratch file, moved into place only when complete, so an
    interrupted build never leaves a half-loaded demo behind."""
    data = directory / "data"
    shutil.rmtree(data, ignore_errors=True)
    scratch = directory / "building.db"
    scratch.unlink(missing_ok=True)
    console.print(f"Generating a demo organisation in {data} ...")
    counts = generate_org(data, reps=DEMO_REPS, months=12, seed=1, as_of=date.today())
    engine = make_engine(f"sqlite:///{scratch}")
    schema.upgrade(engine)
    _load(engine, data, counts)
    _configure(engine, data / "people.csv")
    engine.dispose()
    move_into_place(scratch, database)


def move_into_place(scratch: Path, database: Path) -> None:
    """Replace `database` with the finished `scratch` file. The old database's write-ahead log
    goes first: SQLite cannot tell it belonged to another file and would replay the old data
    onto the new one."""
    for suffix in SIDE_FILES:
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    scratch.replace(database)
    for suffix in SIDE_FILES:
        scratch.with_name(scratch.name + suffix).unlink(missing_ok=True)


def _load(engine: Engine, data: Path, counts: dict[str, int]) -> None:
    for kind in LOAD_ORDER:
        if kind not in KINDS:
            continue
        report = import_file(kind, data / f"{kind}.csv", engine=engine)
        if not report.accepted:
            raise typer.Exit(f"The demo's {kind} file was rejected: {report.errors[:3]}")
        console.print(f"  loaded {counts[kind]:>7,} {kind}")


def _configure(engine: Engine, people_file: Path) -> None:
    """Name the organisation and give everyone the demo password."""
    password_hash = hash_password(DEMO_PASSWORD)
    with unit_of_work(engine) as session:
        update_org_settings(session, {"name": _company_name(people_file)})
        for person in session.scalars(select(Person)):
            person.password_hash = password_hash


def _company_name(people_file: Path) -> str:
    with people_file.open(newline="", encoding="utf-8") as handle:
        first = next(csv.DictReader(handle))
    return first["email"].split("@")[1].split(".")[0].title()


def _use_database(database: Path) -> None:
    os.environ["PACESETTER_DATABASE_URL"] = f"sqlite:///{database.resolve()}"
    get_settings.cache_clear()
    get_engine.cache_clear()


def _print_sign_ins() -> None:
    with unit_of_work() as session:
        people = session.scalars(select(Person).order_by(Person.external_id)).all()
    console.print(f"Sign in with any of these (password [bold]{DEMO_PASSWORD}[/bold]):")
    for role in ("admin", "director", "manager", "rep"):
        person = next(p for p in people if p.role == role)
        console.print(f"  {role:<9} {person.email}  ({person.name})")
