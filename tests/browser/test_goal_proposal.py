"""A proposal in a real browser: a rep proposes a target with a rationale, the manager reviews
it beside the lint and the rep's history and approves it with an adjustment, and the rep sees
the outcome and why. Screenshots of each step go to /tmp/shots."""

import re

from playwright.sync_api import Browser, Page, expect

# The browser-test rig (server, browser, seeded organisation) is shared with the web's tests.
from browser.pages import shoot, sign_in
from browser.seed import SeededOrg


def test_a_proposal_goes_from_rep_to_manager_and_back(
    server: str,
    browser: Browser,
    seeded: SeededOrg,
) -> None:
    rep, rep_problems = sign_in(browser, server, seeded.rep.email)
    goal_url = _propose(rep, server)
    expect(rep.locator("h1 .goal-status")).to_have_text("proposed")
    shoot(rep, "goal-proposed")

    manager, manager_problems = sign_in(browser, server, seeded.manager.email)
    _approve_with_adjustment(manager, server)

    rep.goto(f"{server}/goals")
    card = rep.locator("section.goal-card").first
    expect(card.locator(".goal-status")).to_have_text("approved")
    expect(card).to_contain_text("$70,000")
    expect(card).to_contain_text("Go for the renewals too")
    expect(card).to_contain_text("Target changed from $60,000 to $70,000 by Marcus Webb")
    expect(rep.locator("canvas[data-pacing][data-drawn]")).to_have_count(1)
    shoot(rep, "goal-approved-rep")
    rep.goto(goal_url)
    trail = rep.locator("#trail")
    expect(trail).to_contain_text("Your pipeline supports more")
    expect(trail).to_contain_text(seeded.manager.name)
    shoot(rep, "goal-trail")
    assert rep_problems == manager_problems == []


def _propose(rep: Page, base: str) -> str:
    """Propose a revenue target from the rep's goals page; the goal's address."""
    rep.click("text=My goals")
    rep.wait_for_url(re.compile(r".*/goals/people/\d+$"))
    rep.select_option("#metric", "revenue_won")
    rep.fill("#target", "60000")
    rep.fill("#rationale", "Two renewals are due this quarter")
    rep.click("button:has-text('Propose')")
    rep.wait_for_url(re.compile(rf"{base}/goals/\d+$"))
    return rep.url


def _approve_with_adjustment(manager: Page, base: str) -> None:
    manager.click("text=Proposals")
    manager.wait_for_url(f"{base}/goals/proposals")
    proposal = manager.locator("article.proposal").first
    expect(proposal).to_contain_text("60,000")
    expect(proposal).to_contain_text("Two renewals are due this quarter")
    expect(proposal.locator(".findings, .findings__none")).to_have_count(1)
    expect(proposal.locator("table")).to_contain_text("Priya Natarajan")
    shoot(manager, "goal-proposals")
    proposal.locator("input[name=target]").fill("70000")
    proposal.locator("input[name=reason]").fill("Your pipeline supports more")
    proposal.locator("input[name=note]").fill("Go for the renewals too")
    proposal.locator("button:has-text('Approve')").click()
    manager.wait_for_url(f"{base}/goals/proposals")
    expect(manager.locator("body")).to_contain_text("No proposals waiting")
