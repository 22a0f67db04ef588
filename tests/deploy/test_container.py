"""The image and the compose file, built and started where a container engine runs: the app
container migrates the database and reports healthy. Skipped, saying why, where none is."""

import json
import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "pacesetter-test"
PORT = "18765"


def _engine() -> list[str] | None:
    """`docker compose` or `podman compose`, if an engine answers and has compose."""
    for name in ("docker", "podman"):
        path = shutil.which(name)
        if path is None:
            continue
        answers = _quiet([path, "info"]) and _quiet([path, "compose", "version"])
        if answers:
            return [path, "compose"]
    return None


def _quiet(command: list[str]) -> bool:
    return subprocess.run(command, capture_output=True, check=False, timeout=60).returncode == 0


ENGINE = _engine()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        ENGINE is None,
        reason="no container engine: neither docker nor podman answers `info` with compose",
    ),
]


@dataclass(frozen=True)
class Stack:
    """`compose up --wait` (its exit code and output) and how to run compose on the stack."""

    returncode: int
    output: str
    compose: list[str]
    environment: dict[str, str]

    def run(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        command = [*self.compose, *arguments]
        return subprocess.run(
            command, env=self.environment, capture_output=True, text=True, check=False
        )


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    assert ENGINE is not None
    compose = [*ENGINE, "--project-name", PROJECT, "--file", str(ROOT / "compose.yaml")]
    environment = {**os.environ, "PACESETTER_SECRET_KEY": "container-test", "PACESETTER_PORT": PORT}
    up = subprocess.run(
        [*compose, "up", "--detach", "--build", "--wait"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    started = Stack(up.returncode, up.stdout + up.stderr, compose, environment)
    yield started
    started.run("down", "--volumes")


def test_the_stack_starts_migrated_and_healthy(stack: Stack) -> None:
    assert stack.returncode == 0, stack.output
    assert _healthz() == {"status": "ok", "database": "ok"}
    logs = stack.run("logs", "app")
    assert "Database at revision" in logs.stdout + logs.stderr


def test_the_app_runs_as_an_unprivileged_user(stack: Stack) -> None:
    assert stack.returncode == 0, stack.output
    assert stack.run("exec", "-T", "app", "id", "-u").stdout.strip() not in ("", "0")


def _healthz() -> dict[str, str]:
    for _ in range(30):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=5) as answer:
                return json.loads(answer.read())
        except OSError:
            time.sleep(2)
    raise AssertionError("the app never answered /healthz")
