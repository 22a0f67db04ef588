"""The quadrant page in a real browser: the scatter is drawn under the strict CSP, a click on a
rep's dot opens their page, and the rep's plan page shows their history."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, expect

from browser.pages import shoot, sign_in
from browser.seed import SeededOrg
from factories import make_goal, make_plan_line
from pacesetter.domain.periods import PeriodKind, period_of
from pacesetter.store.db import make_engine, unit_of_work
from pacesetter.store.models import Person

# Last month is over whatever day the test runs: everyone planned is placed.
LAST_MONTH = period_of(date.today().replace(day=1) - timedelta(days=1), PeriodKind.MONTH)


@pytest.fixture
def planned(new_database_url: str, seeded: SeededOrg) -> SeededOrg:
    """A revenue goal and a plan for last month for the rep and their peer."""
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as db:
        for person in (seeded.rep, seeded.peer):
            rep = db.get_one(Person, person.id)
            make_goal(db, rep, LAST_MONTH.name, 5000)
            make_plan_line(db, rep, LAST_MONTH.name, "call", 10)
            make_plan_line(db, rep, LAST_MONTH.name, "quality", 4)
    engine.dispose()
    return seeded


def test_a_manager_clicks_a_reps_dot_and_lands_on_their_page(
    planned: SeededOrg, server: str, browser: Browser
) -> None:
    page, problems = sign_in(browser, server, planned.manager.email, width=1280)
    page.goto(f"{server}/quadrant?period={LAST_MONTH.name}")
    canvas = page.locator("canvas[data-quadrant]")
    expect(canvas).to_have_attribute("data-drawn", "1")
    expect(page.locator("table.quadrant-table")).to_contain_text(planned.rep.name)
    expect(page.locator("table.quadrant-table")).to_contain_text("not observed")
    shoot(page, "quadrant")
    # Where Chart.js drew the first dot, in the canvas's own pixels.
    point = canvas.evaluate(
        "c => { const p = window.Chart.getChart(c).getDatasetMeta(0).data[0];"
        " return {x: p.x, y: p.y}; }"
    )
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_url("**/people/*")
    assert page.url.rstrip("/").split("/")[-1] in {str(planned.rep.id), str(planned.peer.id)}
    page.goto(f"{server}/quadrant/people/{planned.rep.id}?period={LAST_MONTH.name}")
    expect(page.locator("h1")).to_have_text("Plan and quadrant")
    expect(page.locator("body")).to_contain_text(LAST_MONTH.name)
    shoot(page, "rep-plan")
    assert problems == []
