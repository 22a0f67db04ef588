"""`pacesetter org`: the organisation's settings and holidays, which every report depends on."""

from datetime import date

import typer
from rich.console import Console
from rich.table import Table

from pacesetter.domain.organisation import SETTING_RULES
from pacesetter.store.db import unit_of_work
from pacesetter.store.org_settings import (
    list_holidays,
    load_org_settings,
    remove_holiday,
    set_holiday,
    update_org_settings,
)

app = typer.Typer(
    help="Organisation settings: fiscal year, working days, holidays...", no_args_is_help=True
)
holiday_app = typer.Typer(help="Non-working days on top of the weekend.", no_args_is_help=True)
app.add_typer(holiday_app, name="holiday")
console = Console()


@app.command()
def show() -> None:
    """Every organisation setting and its value (defaults until one is set)."""
    with unit_of_work() as session:
        settings = load_org_settings(session)
        values = {name: getattr(settings, name) for name in SETTING_RULES}
    table = Table("setting", "value")
    for name, value in values.items():
        table.add_row(name, "" if value is None else str(value))
    console.print(table)


@app.command("set")
def set_setting(
    name: str = typer.Argument(..., help=f"One of: {', '.join(SETTING_RULES)}."),
    value: str = typer.Argument(..., help="Its new value, e.g. 4, Europe/Paris, mon-fri, GB."),
) -> None:
    """Change one setting. Working days take `mon-fri` or `0,1,2,3,4`; an empty
    holiday_country ('') turns country holidays off."""
    with unit_of_work() as session:
        stored = getattr(update_org_settings(session, {name: value}), name)
    console.print(f"{name} = {stored}")


@holiday_app.command("list")
def holiday_list() -> None:
    """The configured holidays (country holidays, if set, come on top)."""
    with unit_of_work() as session:
        rows = [(h.day.isoformat(), h.name) for h in list_holidays(session)]
    table = Table("day", "name")
    for row in rows:
        table.add_row(*row)
    console.print(table)


@holiday_app.command("add")
def holiday_add(
    day: str = typer.Argument(..., help="ISO date, e.g. 2026-12-24."),
    name: str = typer.Argument(..., help="What the day is."),
) -> None:
    """Make a day non-working (or rename it)."""
    with unit_of_work() as session:
        set_holiday(session, _iso_day(day), name)
    console.print(f"{day}: {name}")


@holiday_app.command("remove")
def holiday_remove(day: str = typer.Argument(..., help="ISO date.")) -> None:
    """Make a configured holiday a working day again."""
    with unit_of_work() as session:
        removed = remove_holiday(session, _iso_day(day))
    console.print(f"{day}: {'removed' if removed else 'was not a holiday'}")


def _iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not an ISO date such as 2026-12-24.") from None
