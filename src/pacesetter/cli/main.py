"""The `pacesetter` command. Each command group lives in its own module; this file only names
them, so `pacesetter --help` is the index of everything the CLI does.

A command's module is imported only when that command runs (or the index is printed): a report
does not pay for the web app, Alembic or openpyxl, which other commands need.
"""

from collections.abc import Iterator, MutableMapping
from importlib import import_module

import typer
from sqlalchemy.exc import OperationalError, ProgrammingError
from typer.core import TyperCommand, TyperGroup
from typer.models import Context

from pacesetter.domain.errors import PacesetterError

# What click's table of subcommands holds (Typer builds both on its own copy of click).
Command = TyperCommand | TyperGroup
# name: (module, attribute): a function that is one command, or a Typer group (listed after the
# single commands, in the order `pacesetter --help` has always shown them).
# Docstrings are wrapped for the source; markdown mode re-flows each paragraph to the terminal.
MARKUP = "markdown"
COMMANDS: dict[str, tuple[str, str]] = {
    "generate": ("pacesetter.cli.generate", "generate"),
    "demo": ("pacesetter.cli.demo", "demo"),
    "import": ("pacesetter.cli.importing", "import_command"),
    "serve": ("pacesetter.cli.serve", "serve"),
    "db": ("pacesetter.cli.db", "app"),
    "org": ("pacesetter.cli.org", "app"),
    "report": ("pacesetter.cli.report", "app"),
    "users": ("pacesetter.cli.users", "app"),
    "lint": ("pacesetter.cli.goals", "lint_app"),
    "suggest": ("pacesetter.cli.goals", "suggest_app"),
    "digest": ("pacesetter.cli.digest", "app"),
}


def load_command(name: str) -> Command:
    """The click command `name` stands for, its module imported now; built exactly as
    `add_typer` or `command` on the root would build it."""
    module, attribute = COMMANDS[name]
    target = getattr(import_module(module), attribute)
    parent = typer.Typer(rich_markup_mode=MARKUP)
    parent.callback()(_group)
    if isinstance(target, typer.Typer):
        parent.add_typer(target, name=name)
    else:
        parent.command(name)(target)
    return typer.main.get_group(parent).commands[name]


def _group() -> None:
    """A parent for one command while it is built (so a group stays a group)."""


class _Commands(MutableMapping[str, Command]):
    """The table of subcommands, each loaded the first time it is asked for; listing the
    names loads nothing."""

    def __init__(self, loaded: MutableMapping[str, Command]) -> None:
        self.loaded = dict(loaded)

    def __getitem__(self, name: str) -> Command:
        if name not in self.loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            self.loaded[name] = load_command(name)
        return self.loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in self.loaded or name in COMMANDS

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMANDS, *self.loaded]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*COMMANDS, *self.loaded]))

    def __setitem__(self, name: str, command: Command) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self.loaded[name]


class _PacesetterGroup(TyperGroup):
    """Loads subcommands lazily, and maps errors to the CLI once: a plain message and exit
    code 1, whichever command raised them."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.commands = _Commands(self.commands)

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
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=MARKUP,
)


@app.callback()
def pacesetter() -> None:
    """Pacesetter: sales performance for sales managers and their teams."""
