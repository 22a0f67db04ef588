"""The team plans page and GET /api/v1/plans a page of reps at a time: the reps with
proposals waiting for a decision first, then those without a plan for the month, then the
others, each group by name; the CSV has every rep.

The org of tests/web/org.py in March 2026: Dana sees Nina, Owen, Ravi and Rosa. Owen has
proposed a change, Ravi and Rosa have a plan, Nina has none.
"""

import csv
import re
from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from factories import make_plan_line
from pacesetter.domain.vocab import GoalStatus
from pacesetter.store.models import Person, PlanProposal
from web.client import UserClient
from web.org import Org
from web.paging_checks import PagedScreen, check_pages

SignIn = Callable[[Person], UserClient]
MARCH = "month=2026-03"
PLANS = PagedScreen(
    "/plans",
    "/api/v1/plans",
    re.compile(r'<th><a href="/plans/people/\d+\?month=2026-03">([^<]+)</a></th>'),
)


@pytest.fixture
def planned(db: Session, org: Org) -> Org:
    make_plan_line(db, org.ravi, "2026-03", "call", 20)
    make_plan_line(db, org.rosa, "2026-03", "call", 20)
    make_plan_line(db, org.owen, "2026-03", "call", 20)
    db.add(
        PlanProposal(
            person_id=org.owen.id,
            month="2026-03",
            changes={"call": 10.0},
            status=GoalStatus.PROPOSED,
            proposed_by_id=org.owen.id,
        )
    )
    db.flush()
    return org


@pytest.mark.parametrize("per_page", [1, 3, 50])
def test_every_page_holds_the_next_reps_as_the_api_does(
    planned: Org, client_for: SignIn, per_page: int
) -> None:
    assert check_pages(PLANS, client_for(planned.dana), MARCH, per_page) == 4


def test_proposals_then_missing_plans_come_first(planned: Org, client_for: SignIn) -> None:
    browser = client_for(planned.dana)
    names, _ = PLANS.api_rows(browser, MARCH)
    assert names == ["Owen Rep", "Nina Rep", "Ravi Rep", "Rosa Rep"]
    by_name, _ = PLANS.api_rows(browser, f"{MARCH}&order=name")
    assert by_name == sorted(names)


def test_the_csv_has_every_plan_whatever_the_page(planned: Org, client_for: SignIn) -> None:
    browser = client_for(planned.dana)
    names, _ = PLANS.api_rows(browser, f"{MARCH}&per_page=1")
    assert len(names) == 1
    download = browser.get(f"/plans.csv?{MARCH}&per_page=1").text
    assert len(list(csv.DictReader(download.splitlines()))) == 3  # Ravi's, Rosa's, Owen's call
