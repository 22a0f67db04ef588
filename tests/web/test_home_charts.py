"""The home page's charts and targets: what the bars compare at each level, the quarter and
monthly targets beside the numbers, and the raw values the tree carries.

Numbers from `seed_numbers` at 2026-02-15 (worked out in tests/api/test_api_org_tree.py):
own won revenue in 2026-Q1 to date: Ravi 12,500, Nina 5,000, Mia 1,000, Owen 8,000; team won:
Mia 18,500 (Mia, Ravi, Rosa, Noah, Nina), Noah 5,000, Omar 8,000, Dana 26,500.
"""

from collections.abc import Callable

from sqlalchemy.orm import Session

from factories import make_deal, make_goal, make_person
from pacesetter.store.models import Person
from web.client import UserClient
from web.home_cells import chart_data, page_cells
from web.org import AS_OF, Org, seed_numbers

SignIn = Callable[[Person], UserClient]


def _page(browser: UserClient) -> str:
    answer = browser.get("/", params={"as_of": AS_OF.isoformat()})
    assert answer.status_code == 200
    return answer.text


def _bars(page: str) -> list[tuple[str, float, float | None]]:
    data = chart_data(page, "bars-data")
    return list(zip(data["labels"], data["values"], data["targets"], strict=True))


def test_a_director_compares_the_teams_of_the_first_line_managers(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    page = _page(client_for(org.dana))
    assert "Won revenue by team" in page
    # Mia leads reps herself, so her team is a team; it holds Noah's too (metrics.md: a team
    # is the manager and everyone below them).
    assert _bars(page) == [
        ("Mia Manager", 18_500, None),
        ("Omar Other", 8_000, None),
        ("Noah Nested", 5_000, None),
    ]


def test_an_admin_compares_the_same_teams_across_the_organisation(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    labels = [label for label, _, _ in _bars(_page(client_for(org.ada)))]
    assert labels == ["Mia Manager", "Omar Other", "Noah Nested"]


def test_a_manager_of_reps_compares_the_reps(db: Session, org: Org, client_for: SignIn) -> None:
    make_person(db, "Olga Other", manager=org.omar)
    seed_numbers(db, org)
    page = _page(client_for(org.omar))
    assert "Won revenue by rep" in page
    assert _bars(page) == [("Owen Rep", 8_000, None), ("Olga Other", 0, None)]


def test_a_manager_with_a_nested_team_compares_the_direct_reports(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    page = _page(client_for(org.mia))
    assert "Won revenue by direct report" in page
    assert [label for label, _, _ in _bars(page)] == ["Ravi Rep", "Noah Nested", "Rosa Rep"]


def test_a_director_with_a_single_team_compares_its_reps(db: Session, client_for: SignIn) -> None:
    director = make_person(db, "Dora Director", role="director")
    manager = make_person(db, "Max Manager", role="manager", manager=director)
    for name, amount in (("Rita Rep", 3_000), ("Remy Rep", 4_000)):
        rep = make_person(db, name, manager=manager)
        make_deal(db, rep, amount=amount, status="won", closed=AS_OF)
    page = _page(client_for(director))
    assert "Won revenue by rep" in page  # one bar for the lone team would compare nothing
    assert [label for label, _, _ in _bars(page)] == ["Remy Rep", "Rita Rep"]


def test_each_bar_shows_the_approved_quarter_goal_of_what_it_counts(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    make_goal(db, org.mia, "2026-Q1", 20_000, team=True)
    make_goal(db, org.mia, "2026-Q1", 5_000)  # Mia's own goal: not her team's bar
    make_goal(db, org.omar, "2026-Q1", 9_000, team=True, status="proposed")  # not approved
    make_goal(db, org.noah, "2026-02", 2_000, team=True)  # a month, not the quarter
    make_goal(db, org.ravi, "2026-Q1", 15_000)
    assert [target for _, _, target in _bars(_page(client_for(org.dana)))] == [20_000, None, None]
    # Mia's view: Ravi's own goal; Noah's bar is his team, which has no quarter goal.
    assert _bars(_page(client_for(org.mia)))[0] == ("Ravi Rep", 12_500, 15_000)


def test_the_headline_shows_the_share_of_the_team_target_won(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    make_goal(db, org.mia, "2026-Q1", 20_000, team=True)
    page = _page(client_for(org.mia))
    figures = page_cells(page)[None]
    assert (figures["revenue_won"], figures["attainment"]) == (18_500, 0.925)  # 18,500 / 20,000
    assert "<strong>92%</strong> of $20,000 target" in page  # rounded like the goals pages


def test_without_a_goal_the_headline_counts_to_date(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    page = _page(client_for(org.mia))
    assert "attainment" not in page_cells(page)[None]
    assert "<progress" not in page and "2026-Q1 to date" in page


def test_the_trend_shows_the_monthly_goals_of_the_person_at_the_top(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    make_goal(db, org.mia, "2026-01", 9_000, team=True)
    make_goal(db, org.mia, "2026-02", 4_000)  # her own goal: the trend sums her team
    make_goal(db, org.ravi, "2026-02", 6_000)
    trend = chart_data(_page(client_for(org.mia)), "trend-data")
    assert trend["targets"] == [None, None, None, None, 9_000, None]
    # Ravi's page is his own: his own goal, beside his 2,500 won in February to date.
    rep = chart_data(_page(client_for(org.ravi)), "trend-data")
    assert (rep["values"][-1], rep["targets"][-1]) == (2_500, 6_000)


def test_an_admin_trend_has_no_target(db: Session, org: Org, client_for: SignIn) -> None:
    seed_numbers(db, org)
    make_goal(db, org.dana, "2026-02", 30_000, team=True)
    trend = chart_data(_page(client_for(org.ada)), "trend-data")
    assert trend["targets"] == [None] * 6  # several people at the top: no one goal fits


def test_a_rep_home_is_about_the_rep(db: Session, org: Org, client_for: SignIn) -> None:
    seed_numbers(db, org)
    make_goal(db, org.ravi, "2026-Q1", 25_000)
    page = _page(client_for(org.ravi))
    assert 'id="bars-data"' not in page and "Won revenue by" not in page
    assert "charts--single" in page and 'id="trend-data"' in page
    assert page_cells(page)[None]["attainment"] == 0.5  # 12,500 / 25,000


def test_every_number_in_the_tree_carries_its_raw_value(
    db: Session, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    cells = page_cells(_page(client_for(org.mia)))
    assert cells[org.ravi.id] == {"revenue_won": 12_500, "deals_won": 2, "activities": 3}
    assert cells[org.mia.id] == {
        "revenue_won": 1_000,
        "deals_won": 1,
        "activities": 0,
        "team_revenue_won": 18_500,
        "team_activities": 5,
    }
