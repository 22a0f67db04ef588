"""The CLI reference in docs/cli.md, written from the commands' own help (as Datasette does).

`pacesetter --help` is the reference: this renders every command's help, depth first, as one
Markdown page, so the docs cannot describe options the code does not have. `make docs` rewrites
the page; a test fails when it is out of date.
"""

import sys
from collections.abc import Iterator

import typer
from typer.testing import CliRunner

from pacesetter.cli.main import app

HEADER = (
    "# Command-line reference\n\n"
    "Generated from `pacesetter --help` by `make docs`; a test fails when it is out of date.\n"
)
# A fixed width and no colour keep the text the same on every terminal.
HELP_ENVIRONMENT = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


def reference(app: typer.Typer) -> str:
    """The whole reference page for `app`."""
    root = typer.main.get_command(app)
    runner = CliRunner()
    sections = [_section(runner, app, path) for path in _paths(root, ())]
    return "\n".join([HEADER, *sections])


def _paths(command: object, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    yield path
    # Typer carries its own copy of click: a group is what has sub-commands.
    children: dict[str, object] = getattr(command, "commands", {})
    for name in sorted(children):
        yield from _paths(children[name], (*path, name))


def _section(runner: CliRunner, app: typer.Typer, path: tuple[str, ...]) -> str:
    result = runner.invoke(app, [*path, "--help"], env=HELP_ENVIRONMENT, prog_name="pacesetter")
    text = "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines())
    title = " ".join(("pacesetter", *path))
    return f"## `{title}`\n\n```text\n{text}\n```\n"


def main() -> None:
    """Print the reference page: `python -m pacesetter.cli.reference > docs/cli.md`."""
    sys.stdout.write(reference(app))


if __name__ == "__main__":
    main()
