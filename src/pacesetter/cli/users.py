"""`pacesetter users`: who can sign in, and setting their passwords."""

import sys
from datetime import date

import typer
from sqlalchemy import select
from sqlalchemy.orm import aliased

from pacesetter.auth.passwords import set_password
from pacesetter.auth.signin import find_by_email, may_sign_in
from pacesetter.domain.errors import NotFound
from pacesetter.store.db import get_engine, unit_of_work
from pacesetter.store.models import Person, utcnow

app = typer.Typer(help="People who sign in: passwords and who can sign in.", no_args_is_help=True)


@app.command("set-password")
def set_password_command(
    email: str = typer.Argument(..., help="The person's email, as imported."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input (for scripts)."
    ),
) -> None:
    """Set or replace a person's password, which lets them sign in. Asked for twice, hidden,
    unless --password-stdin is given."""
    password = _read_stdin() if password_stdin else _prompt()
    with unit_of_work(get_engine()) as db:
        person = find_by_email(db, email)
        if person is None:
            raise NotFound(f"No person with email {email.strip().lower()}")
        set_password(person, password)
        name = person.name
    typer.echo(f"Password set for {name} <{email.strip().lower()}>.")


def _prompt() -> str:
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


def _read_stdin() -> str:
    # One line: the trailing newline of `echo` or a here-string is not part of the password.
    return sys.stdin.readline().rstrip("\r\n")


@app.command("list")
def list_users() -> None:
    """Everyone, with their role, their manager and whether they can sign in now."""
    manager = aliased(Person)
    statement = (
        select(Person, manager.email)
        .outerjoin(manager, Person.manager_id == manager.id)
        .order_by(Person.email)
    )
    today = utcnow().date()
    with unit_of_work(get_engine()) as db:
        rows = [
            (person.email, person.role, manager_email or "-", _sign_in_state(person, today))
            for person, manager_email in db.execute(statement)
        ]
    _print_table(("EMAIL", "ROLE", "MANAGER", "CAN SIGN IN"), rows)


def _sign_in_state(person: Person, today: date) -> str:
    if may_sign_in(person, today):
        return "yes"
    return "no (no password)" if person.password_hash is None else f"no (left {person.end_date})"


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=False)]
    for row in (header, *rows):
        typer.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
