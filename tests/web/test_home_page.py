"""The home page: the viewer's tree with the numbers of GET /api/v1/org/tree, charts, empty
states. The numbers are worked out in tests/api/test_api_org_tree.py."""

import json
import re
from collections.abc import Callable

from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.store.models import OrgSettings, Person
from web.client import UserClient
from web.org import AS_OF, Org, seed_numbers

SignIn = Callable[[Person], UserClient]


def _home(browser: UserClient, path: str = "/") -> str:
    answer = browser.get(path, params={"as_of": AS_OF.isoformat()})
    assert answer.status_code == 200
    return answer.text


def _chart(page: str, name: str) -> dict:
    found = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))


def test_a_manager_home_shows_team_totals_and_each_person(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    page = _home(client_for(org.mia))
    assert "Your team" in page
    assert "$18,500" in page  # team won revenue: the first card and Mia's team column
    assert "$12,500" in page  # Ravi's own
    assert "Player-coach" in page and "Leader" in page  # manager type badges


def test_the_charts_embed_their_data_as_json(db: Session, org: Org, client_for: SignIn) -> None:
    seed_numbers(db, org)
    page = _home(client_for(org.mia))
    bars, trend = _chart(page, "bars-data"), _chart(page, "trend-data")
    assert (bars["labels"], bars["values"]) == (
        ["Ravi Rep", "Noah Nested", "Rosa Rep"],
        [12500, 5000, 0],
    )
    assert trend["labels"][-2:] == ["Jan 2026", "Feb 2026"]
    assert trend["values"][-2:] == [11000, 7500]
    assert trend["currency"] == "USD"


def test_money_uses_the_org_currency(db: Session, org: Org, client_for: SignIn) -> None:
    db.add(OrgSettings(id=1, name="Acme Europe", currency="EUR"))
    seed_numbers(db, org)
    page = _home(client_for(org.mia))
    assert "€18,500" in page and "Acme Europe" in page


def test_a_person_who_left_is_marked(db: Session, org: Org, client_for: SignIn) -> None:
    org.rosa.end_date = AS_OF.replace(day=1)
    seed_numbers(db, org)
    assert "Left 1 Feb 2026" in _home(client_for(org.mia))


def test_without_data_the_home_page_says_how_to_import(org: Org, client_for: SignIn) -> None:
    page = _home(client_for(org.mia))
    assert "No sales data yet" in page
    assert "pacesetter import deals" in page


def test_a_manager_without_reports_is_told_how_people_arrive(
    db: Session, client_for: SignIn
) -> None:
    page = _home(client_for(make_person(db, "Lone Manager", role="manager")))
    assert "No one reports to you yet" in page


def test_a_rep_home_shows_their_own_numbers_without_a_team_table(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    page = _home(client_for(org.ravi))
    assert "Your numbers" in page and "$12,500" in page
    assert 'id="bars-data"' not in page and "Team won" not in page


def test_a_person_page_shows_details_numbers_and_their_team(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    page = _home(client_for(org.dana), f"/people/{org.noah.id}")
    assert "Noah Nested" in page and "Nina Rep" in page and "Ravi Rep" not in page
    assert f'href="/people/{org.mia.id}">Mia Manager</a>' in page  # the manager, linked
    assert "$5,000" in page  # Noah's team: Nina's deal


def test_the_as_of_form_works_without_javascript(org: Org, client_for: SignIn) -> None:
    page = _home(client_for(org.mia))
    assert 'method="get"' in page and 'name="as_of" value="2026-02-15"' in page
