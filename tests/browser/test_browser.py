"""The real app in a real browser: a manager sees their team, a director the organisation, a rep
cannot reach a peer's page."""

from datetime import date, timedelta

from playwright.sync_api import Browser, expect

from browser.pages import shoot, sign_in
from browser.seed import SeededOrg
from pacesetter.web.formatting import format_day


def test_a_manager_signs_in_and_sees_the_team(
    server: str, browser: Browser, seeded: SeededOrg
) -> None:
    page, problems = sign_in(browser, server, seeded.manager.email)
    expect(page.locator("h1")).to_have_text("Your team")
    tree = page.locator("table.tree")
    for name in ("Marcus Webb", "Priya Natarajan", "Grace Ortiz", "Sam Patel", "Ben Carter"):
        expect(tree).to_contain_text(name)
    expect(tree).not_to_contain_text("Jonas Berg")  # another manager's rep
    expect(page.locator("canvas[data-drawn]")).to_have_count(2)  # both charts were drawn
    shoot(page, "manager-home")
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
    page, problems = sign_in(browser, server, seeded.director.email)
    expect(page.locator("h1")).to_have_text("Your organisation")
    expect(page.locator("table.tree")).to_contain_text("Kwame Mensah")
    shoot(page, "director-home")
    phone, phone_problems = sign_in(browser, server, seeded.director.email, width=420)
    shoot(phone, "director-home-phone")
    assert problems == phone_problems == []


def test_a_rep_gets_the_not_found_page_for_a_peer(
    server: str, browser: Browser, seeded: SeededOrg
) -> None:
    page, _ = sign_in(browser, server, seeded.rep.email)
    expect(page.locator("h1")).to_have_text("Your numbers")
    answer = page.goto(f"{server}/people/{seeded.peer.id}")
    assert answer is not None and answer.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.locator("body")).not_to_contain_text(seeded.peer.name)
    shoot(page, "rep-peer-not-found")
    page.click("text=Sign out")
    page.wait_for_url(f"{server}/login")
    shoot(page, "login")
