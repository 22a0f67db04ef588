"""A command imports only what it uses: a report's help does not load the web app, Alembic or
uvicorn (measured in a fresh interpreter: this test process has imported everything)."""

import subprocess
import sys

from typer.testing import CliRunner

from pacesetter.cli.main import COMMANDS, app

PROBE = """
import sys
from pacesetter.cli.main import app
try:
    app(["report", "scorecard", "--help"])
except SystemExit:
    pass
heavy = ("alembic", "uvicorn", "fastapi", "pacesetter.app", "pacesetter.cli.demo")
print("loaded:" + ",".join(name for name in heavy if name in sys.modules))
"""


def test_a_reports_help_loads_neither_the_web_app_nor_alembic() -> None:
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    )
    assert probe.stdout.strip().splitlines()[-1] == "loaded:"


def test_the_index_still_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert all(f" {name} " in result.output for name in COMMANDS)


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["nope"])
    assert result.exit_code == 2
    assert "No such command 'nope'" in result.output
