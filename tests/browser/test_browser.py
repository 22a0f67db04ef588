"""The real app in a real browser: uvicorn serving a committed database, Debian's Chromium
driven by Playwright. Screenshots go to /tmp/shots for people to look at."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from browser.seed import SeededOrg, seed_org
from pacesetter.auth.passwords import hash_password
from pacesetter.store.db import make_engine, unit_of_work
from pacesetter.web.formatting import format_day

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = Path("/tmp/shots")
PASSWORD = "correct horse battery"
STARTUP_SECONDS = 30


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
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
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


def _sign_in(browser: Browser, base: str, email: str, width: int = 1440) -> tuple[Page, list[str]]:
    """A fresh browser context signed in as `email`, and the console errors it collects."""
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page, problems


def _shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # caret="initial": hiding the caret would write a style attribute into the page itself.
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, caret="initial")


def test_a_manager_signs_in_and_sees_the_team(
    server: str, browser: Browser, seeded: SeededOrg
) -> None:
    page, problems = _sign_in(browser, server, seeded.manager.email)
    expect(page.locator("h1")).to_have_text("Your team")
    tree = page.locator("table.tree")
    for name in ("Marcus Webb", "Priya Natarajan", "Grace Ortiz", "Sam Patel", "Ben Carter"):
        expect(tree).to_contain_text(name)
    expect(tree).not_to_contain_text("Jonas Berg")  # another manager's rep
    expect(page.locator("canvas[data-drawn]")).to_have_count(2)  # both charts were drawn
    _shoot(page, "manager-home")
    # HTMX swaps in the report for another date, charts redrawn, the address kept shareable.
    last_month_end = date.today().replace(day=1) - timedelta(days=1)
    page.fill("#as_of", last_month_end.isoformat())
    page.wait_for_url(f"**/?as_of={last_month_end.isoformat()}")
    expect(page.locator(".page-head__sub")).to_contain_text(
        f"figures to {format_day(last_month_end)}"
    )
    expect(page.locator("canvas[data-drawn]")).to_have_count(2)
    assert problems == []


def test_a_director_sees_the_organisation(server: str, browser: Browser, seeded: SeededOrg) -> None:
    page, problems = _sign_in(browser, server, seeded.director.email)
    expect(page.locator("h1")).to_have_text("Your organisation")
    expect(page.locator("table.tree")).to_contain_text("Kwame Mensah")
    _shoot(page, "director-home")
    phone, phone_problems = _sign_in(browser, server, seeded.director.email, width=420)
    _shoot(phone, "director-home-phone")
    assert problems == phone_problems == []


def test_a_rep_gets_the_not_found_page_for_a_peer(
    server: str, browser: Browser, seeded: SeededOrg
) -> None:
    page, _ = _sign_in(browser, server, seeded.rep.email)
    expect(page.locator("h1")).to_have_text("Your numbers")
    answer = page.goto(f"{server}/people/{seeded.peer.id}")
    assert answer is not None and answer.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.locator("body")).not_to_contain_text(seeded.peer.name)
    _shoot(page, "rep-peer-not-found")
    page.click("text=Sign out")
    page.wait_for_url(f"{server}/login")
    _shoot(page, "login")
