"""GET /api/v1/org/tree: the home page's numbers, from the metrics layer, for the viewer's scope.

Worked out by hand from `seed_numbers` at 2026-02-15 (quarter 2026-Q1, month 2026-02):
- Ravi: won 10,000 (20 Jan) + 2,500 (10 Feb) = 12,500 in 2 deals; the lost 4,000, the 7,000
  won on 20 Feb (after the as-of date) and the 3,000 of December do not count. Activities in
  February to the 15th: 2, 3 and 14 Feb = 3.
- Nina: 5,000 in 1 deal, 2 activities. Noah (her manager) owns nothing: team 5,000, 1, 2.
- Mia: own 1,000 in 1 deal; team = 1,000 + 12,500 + 5,000 = 18,500 in 4 deals, 3 + 2 = 5
  activities.
- Owen (Omar's team): 8,000 in 1 deal. Dana's organisation: 18,500 + 8,000 = 26,500.
"""

from collections.abc import Callable

from sqlalchemy.orm import Session

from pacesetter.store.models import OrgSettings, Person
from web.client import UserClient
from web.org import AS_OF, Org, seed_numbers

SignIn = Callable[[Person], UserClient]


def _tree(browser: UserClient) -> dict:
    answer = browser.get("/api/v1/org/tree", params={"as_of": AS_OF.isoformat()})
    assert answer.status_code == 200
    return answer.json()


def _by_name(nodes: list[dict]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for node in nodes:
        found[node["person"]["name"]] = node
        found |= _by_name(node["reports"])
    return found


def test_a_manager_sees_own_and_team_numbers_for_the_team(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    tree = _tree(client_for(org.mia))
    nodes = _by_name(tree["roots"])
    assert set(nodes) == {"Mia Manager", "Ravi Rep", "Rosa Rep", "Noah Nested", "Nina Rep"}
    assert nodes["Ravi Rep"]["own"] == {"revenue_won": 12_500, "deals_won": 2, "activities": 3}
    assert nodes["Ravi Rep"]["team"] is None
    assert nodes["Noah Nested"]["team"] == {"revenue_won": 5_000, "deals_won": 1, "activities": 2}
    assert nodes["Mia Manager"]["own"] == {"revenue_won": 1_000, "deals_won": 1, "activities": 0}
    assert nodes["Mia Manager"]["team"] == {"revenue_won": 18_500, "deals_won": 4, "activities": 5}
    assert tree["totals"] == nodes["Mia Manager"]["team"]


def test_periods_and_charts_follow_the_as_of_date(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    tree = _tree(client_for(org.mia))
    assert (tree["quarter"]["name"], tree["month"]["name"]) == ("2026-Q1", "2026-02")
    # Bars: Mia's direct reports, highest first, Noah with his team.
    assert [(b["label"], b["revenue_won"]) for b in tree["bars"]] == [
        ("Ravi Rep", 12_500),
        ("Noah Nested", 5_000),
        ("Rosa Rep", 0),
    ]
    # Trend: Sep-Nov nothing, Dec Ravi's 3,000, Jan 10,000 + 1,000, Feb to date 2,500 + 5,000.
    assert [(p["month"], p["revenue_won"]) for p in tree["trend"]] == [
        ("2025-09", 0),
        ("2025-10", 0),
        ("2025-11", 0),
        ("2025-12", 3_000),
        ("2026-01", 11_000),
        ("2026-02", 7_500),
    ]


def test_a_director_sees_the_whole_organisation_totals(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    tree = _tree(client_for(org.dana))
    assert tree["totals"] == {"revenue_won": 26_500, "deals_won": 5, "activities": 5}
    # Bars: the teams, each first-line manager's whole team (Mia's includes Noah's).
    assert tree["bars_by"] == "team"
    assert [(b["label"], b["revenue_won"]) for b in tree["bars"]] == [
        ("Mia Manager", 18_500),
        ("Omar Other", 8_000),
        ("Noah Nested", 5_000),
    ]


def test_a_rep_sees_only_their_own_numbers(db: Session, org: Org, client_for: SignIn) -> None:
    seed_numbers(db, org)
    tree = _tree(client_for(org.ravi))
    assert [node["person"]["name"] for node in tree["roots"]] == ["Ravi Rep"]
    assert tree["totals"] == {"revenue_won": 12_500, "deals_won": 2, "activities": 3}
    assert tree["bars"] == []


def test_people_who_left_are_marked_and_not_counted_as_employed(
    db: Session, org: Org, client_for: SignIn
) -> None:
    org.rosa.end_date = AS_OF.replace(day=1)
    db.flush()
    tree = _tree(client_for(org.mia))
    assert _by_name(tree["roots"])["Rosa Rep"]["left"] is True
    assert tree["people"] == 4  # Mia, Ravi, Noah, Nina: Rosa's last day was 1 Feb


def test_the_fiscal_quarter_and_currency_come_from_the_org_settings(
    db: Session, org: Org, client_for: SignIn
) -> None:
    db.add(OrgSettings(id=1, name="Acme", currency="EUR", fiscal_year_start_month=4))
    db.flush()
    tree = _tree(client_for(org.mia))
    # With the year starting in April, Jan-Mar 2026 is the fourth quarter of FY2026.
    assert (tree["quarter"]["name"], tree["quarter"]["start"]) == ("2026-Q4", "2026-01-01")
    assert tree["currency"] == "EUR"
