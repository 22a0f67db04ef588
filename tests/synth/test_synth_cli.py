"""`pacesetter generate` writes the files and reports what it wrote."""

from pathlib import Path

import typer
from typer.testing import CliRunner

from pacesetter.cli.generate import generate

FILES = ("people", "accounts", "activities", "deals", "forecasts", "goals", "plans", "coaching")


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("generate")(generate)
    app.command("noop")(lambda: None)  # two commands, so "generate" is a subcommand as in main
    return app


def test_generate_writes_every_file_and_prints_row_counts(tmp_path: Path) -> None:
    args = ["generate", "--reps", "4", "--months", "2", "--seed", "3"]
    result = CliRunner().invoke(_app(), [*args, "--out", str(tmp_path), "--as-of", "2026-02-10"])
    assert result.exit_code == 0, result.output
    assert all((tmp_path / f"{name}.csv").is_file() for name in FILES)
    assert "activities.csv" in result.output and "coaching.csv" in result.output


def test_generate_rejects_a_malformed_as_of_date(tmp_path: Path) -> None:
    args = ["generate", "--out", str(tmp_path), "--as-of", "2026-13-01"]
    result = CliRunner().invoke(_app(), args)
    assert result.exit_code == 2
    assert not (tmp_path / "people.csv").exists()
