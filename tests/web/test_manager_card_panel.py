"""The player-coach panel of a manager's card: the four shares, and the territory conflicts
listing each deal with its account, territory and the reps of that territory, by name, one
click from the manager's won deals on /explain.

The org of tests/web/org.py, Q1 2026 at 31 March. Omar won "Acme renewal" (4,000, 2 Feb) on
Acme, territory NORTH; his rep Owen's territory is "north" (compared without case): a
conflict. Mia won nothing: none.
"""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_account, make_deal
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
PAGE = "/managers?period=2026-Q1&as_of=2026-03-31"


@pytest.fixture
def conflict(db: Session, org: Org) -> Org:
    org.owen.territory = "north"
    acme = make_account(db, org.omar, name="Acme", territory="NORTH")
    deal = make_deal(db, org.omar, amount=4000, status="won", closed=date(2026, 2, 2), account=acme)
    deal.name = "Acme renewal"
    db.flush()
    return org


def test_the_panel_shows_the_four_shares(conflict: Org, client_for: SignIn) -> None:
    text = client_for(conflict.omar).get(PAGE).text
    for label in ("Personal target share", "Personal revenue share", "Top-account share"):
        assert label in text
    assert "Selling time share" in text


def test_territory_conflicts_list_the_deals_by_name(conflict: Org, client_for: SignIn) -> None:
    text = client_for(conflict.omar).get(PAGE).text
    line = "<strong>Acme renewal</strong> $4,000, closed 2026-02-02 · account <strong>Acme</strong>"
    assert line in text and "(territory NORTH) · reps of the territory: Owen Rep" in text
    explain = f"/explain?person={conflict.omar.id}&metric=revenue_won&period=2026-Q1"
    assert explain in text


def test_no_conflict_says_none(conflict: Org, client_for: SignIn) -> None:
    text = client_for(conflict.mia).get(PAGE).text
    assert "None: no won deal of Mia Manager" in text
