"""A 1:1 in a real browser: the manager opens it from the coaching page, sees last month against
plan, records commitments, comments and a private note; the commitments are this month's plan
and open the next 1:1; the rep reads the 1:1 without the private note. Screenshots go to
/tmp/shots."""

import re

from playwright.sync_api import Browser, Page, expect

from browser.pages import shoot, sign_in
from browser.seed import SeededOrg

PRIVATE = "Ask how the move is going."


def test_a_one_on_one_sets_the_plan_and_opens_the_next_one(
    server: str, browser: Browser, seeded: SeededOrg
) -> None:
    manager, manager_problems = sign_in(browser, server, seeded.manager.email)
    record_url = _hold_one_on_one(manager, server, seeded.rep.name)
    expect(manager.locator(".coaching-record")).to_contain_text(PRIVATE)
    shoot(manager, "coaching-one-on-one-saved")

    manager.goto(f"{server}/coaching")
    _open_one_on_one(manager, seeded.rep.name)
    review = manager.locator(".coaching-review")
    expect(review).to_contain_text("Commitments from the last 1:1")
    expect(review).to_contain_text("meeting: 9")
    expect(manager.locator("input[name='commitments.call']")).to_have_value("55")
    shoot(manager, "coaching-next-one-on-one")

    rep, rep_problems = sign_in(browser, server, seeded.rep.email)
    rep.goto(record_url)
    expect(rep.locator(".coaching-record")).to_contain_text("Book the demos early")
    expect(rep.locator("body")).not_to_contain_text(PRIVATE)
    shoot(rep, "coaching-one-on-one-rep")
    assert manager_problems == rep_problems == []


def _open_one_on_one(manager: Page, rep_name: str) -> None:
    row = manager.locator(".coaching-people li", has_text=rep_name)
    row.locator("a:has-text('1:1')").click()
    manager.wait_for_url(re.compile(r".*/coaching/new\?type=one_on_one&person_id=\d+$"))
    expect(manager.locator(".coaching-review h2")).to_contain_text("against plan")


def _hold_one_on_one(manager: Page, base: str, rep_name: str) -> str:
    """Record a 1:1 today, committing for the month after the one it reviews; its address."""
    manager.click("text=Coaching records")
    manager.wait_for_url(f"{base}/coaching")
    _open_one_on_one(manager, rep_name)
    shoot(manager, "coaching-one-on-one-form")
    manager.fill("input[name='commitments.call']", "55")
    manager.fill("input[name='commitments.meeting']", "9")
    manager.fill("#notes", "Book the demos early in the week.")
    manager.fill("#private_notes", PRIVATE)
    manager.click("button:has-text('Save 1:1')")
    manager.wait_for_url(re.compile(rf"{base}/coaching/\d+$"))
    expect(manager.locator(".coaching-record")).to_contain_text("Commitments for")
    return manager.url
