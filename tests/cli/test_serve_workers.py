"""`pacesetter serve` runs several worker processes unless told otherwise."""

from typing import Any

import pytest
from typer.testing import CliRunner

from pacesetter.cli import serve
from pacesetter.cli.main import app


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What uvicorn was asked to run (nothing is served)."""
    seen: dict[str, Any] = {}
    monkeypatch.setattr(serve.uvicorn, "run", lambda target, **options: seen.update(options))
    return seen


@pytest.mark.parametrize(("cpus", "workers"), [(1, 1), (2, 2), (4, 4), (16, 4), (None, 1)])
def test_the_default_is_one_worker_per_cpu_up_to_four(
    monkeypatch: pytest.MonkeyPatch, cpus: int | None, workers: int
) -> None:
    monkeypatch.setattr(serve.os, "cpu_count", lambda: cpus)
    assert serve.default_workers() == workers


def test_serve_starts_the_default_number_of_workers(started: dict[str, Any]) -> None:
    assert CliRunner().invoke(app, ["serve"]).exit_code == 0
    assert started["workers"] == serve.default_workers()
    assert started["factory"] is True


def test_workers_can_be_chosen_and_reload_runs_one(started: dict[str, Any]) -> None:
    CliRunner().invoke(app, ["serve", "--workers", "3"])
    assert started["workers"] == 3
    CliRunner().invoke(app, ["serve", "--workers", "3", "--reload"])
    assert started["workers"] == 1


def test_zero_workers_is_refused() -> None:
    assert CliRunner().invoke(app, ["serve", "--workers", "0"]).exit_code == 2
