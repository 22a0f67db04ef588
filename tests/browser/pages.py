"""Helpers for browser tests: signing in through the real form, and screenshots for people to
look at (in /tmp/shots, never in the repository)."""

from pathlib import Path

from playwright.sync_api import Browser, Page

SHOTS = Path("/tmp/shots")
PASSWORD = "correct horse battery"


def sign_in(browser: Browser, base: str, email: str, width: int = 1440) -> tuple[Page, list[str]]:
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


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # caret="initial": hiding the caret would write a style attribute into the page itself.
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, caret="initial")
