"""A command imports only what it uses: a report's help does not load the web app, Alembic or
uvicorn, nor a CSV import openpyxl or the goals service (measured in a fresh interpreter: this
test process has imported everything)."""

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
heavy = ("alembic", "uvicorn", "fastapi", "pacesetter.app", "pacesetter.cli.demo", "openpyxl")
print("loaded:" + ",".join(name for name in heavy if name in sys.modules))
"""
# What `pacesetter import people FILE.csv --format json` loads before it opens the database:
# the command, the kind and the service. XLSX, mappings, the goals kind and text output are
# the only users of openpyxl, YAML, the goals service and rich.
IMPORT_PROBE = """
import sys
from pacesetter.cli.main import load_command
load_command("import")
from pacesetter.ingest.kinds import KINDS
from pacesetter.ingest.reader import open_table
from pacesetter.ingest.service import import_file
KINDS["people"]
heavy = (
    "alembic", "uvicorn", "fastapi", "pacesetter.app", "openpyxl", "yaml", "rich",
    "pacesetter.goals.service", "pacesetter.ingest.kinds.goals", "pacesetter.ingest.preview",
)
print("loaded:" + ",".join(name for name in heavy if name in sys.modules))
"""


def _loaded(probe: str) -> str:
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return ran.stdout.strip().splitlines()[-1]


def test_a_reports_help_loads_neither_the_web_app_nor_alembic_nor_openpyxl() -> None:
    assert _loaded(PROBE) == "loaded:"


def test_a_csv_import_loads_neither_openpyxl_nor_the_goals_service_nor_rich() -> None:
    assert _loaded(IMPORT_PROBE) == "loaded:"


def test_the_index_still_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert all(f" {name} " in result.output for name in COMMANDS)


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["nope"])
    assert result.exit_code == 2
    assert "No such command 'nope'" in result.output
