"""Browser-test fixtures: uvicorn serving a committed database seeded with a small org, and
Debian's Chromium driven by Playwright (never a browser downloaded by a test tool)."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from browser.pages import PASSWORD
from browser.seed import SeededOrg, seed_org
from pacesetter.auth.passwords import hash_password
from pacesetter.store.db import make_engine, unit_of_work

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
STARTUP_SECONDS = 30


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def seeded(new_database_url: str) -> SeededOrg:
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as db:
        org = seed_org(db, date.today(), hash_password(PASSWORD))
    engine.dispose()
    return org


@pytest.fixture
def server(new_database_url: str, seeded: SeededOrg, tmp_path: Path) -> Iterator[str]:
    """`pacesetter serve` on a free loopback port; its base URL. Its output goes to a log file
    that a failure message quotes."""
    port = _free_port()
    env = {**os.environ, "PACESETTER_DATABASE_URL": new_database_url}
    pacesetter = str(Path(sys.executable).parent / "pacesetter")
    command = [pacesetter, "serve", "--host", "127.0.0.1", "--port", str(port)]
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            _wait_until_listening(port, process, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: run `make browser` (apt-get install chromium)")
    with sync_playwright() as playwright:
        # Chromium keeps a socket under TMPDIR, whose path must stay short: a test that points
        # TMPDIR into its own deep pytest folder (for the server) must not move the browser's.
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, env={**os.environ, "TMPDIR": "/tmp"}
        )
        yield launched
        launched.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped:\n{log.read_text()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {STARTUP_SECONDS} s")
