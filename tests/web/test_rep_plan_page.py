"""A rep's plan page: plan against actual per type, not observed shown as a gap, the history,
scoped like every person page (the org of tests/web/org.py).

February 2026 at Fri 13 February (10 of 20 working days gone). Ravi: plan call 10, 3 calls
(expected 5: 60%), quality 4 planned and nobody has observed him.
"""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_activity, make_plan_line
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
FEB_13 = "period=2026-02&as_of=2026-02-13"


@pytest.fixture
def planned(db: Session, org: Org) -> Org:
    make_plan_line(db, org.ravi, "2026-02", "call", 10)
    make_plan_line(db, org.ravi, "2026-02", "quality", 4)
    for day in (3, 4, 5):
        make_activity(db, org.ravi, date(2026, 2, day))
    return org


def test_the_plan_table_and_the_coaching_gap(planned: Org, client_for: SignIn) -> None:
    page = client_for(planned.mia).get(f"/quadrant/people/{planned.ravi.id}?{FEB_13}")
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert (
        '<th>Call</th> <td class="num">10</td><td class="num">5</td><td class="num">3</td>' in text
    )
    assert "60%" in text and "not observed" in text and "held back by quantity" in text
    assert ">2026-01</a>" in text and ">2025-09</a>" in text  # six months of history


def test_the_rep_reads_their_own_page_but_not_a_peers(planned: Org, client_for: SignIn) -> None:
    ravi = client_for(planned.ravi)
    assert ravi.get(f"/quadrant/people/{planned.ravi.id}?{FEB_13}").status_code == 200
    assert ravi.get(f"/quadrant/people/{planned.rosa.id}?{FEB_13}").status_code == 404


def test_the_person_page_links_a_reps_plan(planned: Org, client_for: SignIn) -> None:
    page = client_for(planned.mia).get(f"/people/{planned.ravi.id}")
    assert f'href="/quadrant/people/{planned.ravi.id}"' in page.text
