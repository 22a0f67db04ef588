"""The goals pages: they render the service's numbers, post through it, and stay scoped."""

from collections.abc import Callable
from datetime import date
from typing import Any

from goal_helpers import Org, won
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import make_goal
from pacesetter.store.models import Goal, Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]


def submit(browser: UserClient, url: str, form: dict[str, Any]) -> Any:
    return browser.post(url, data=form | {"csrf_token": browser.csrf_token}, follow_redirects=False)


def test_a_rep_proposes_a_goal_from_their_goals_page(
    db: Session, org: Org, client_for: SignIn
) -> None:
    rep = client_for(org.ann)
    page = rep.get(f"/goals/people/{org.ann.id}?period=2026-Q1")
    assert page.status_code == 200
    assert "Propose a goal" in page.text
    form = {
        "metric": "revenue_won",
        "period": "2026-Q1",
        "target": "90,000",
        "rationale": "Renewals",
    }
    sent = submit(rep, f"/goals/people/{org.ann.id}", form)
    assert sent.status_code == 303
    goal = db.scalars(select(Goal)).one()
    assert (goal.status, goal.target, goal.rationale) == ("proposed", 90_000, "Renewals")
    assert sent.headers["location"] == f"/goals/{goal.id}"


def test_a_refused_proposal_comes_back_with_the_reason(org: Org, client_for: SignIn) -> None:
    rep = client_for(org.ann)
    form = {"metric": "revenue_won", "period": "2026-Q1", "target": "0"}
    page = submit(rep, f"/goals/people/{org.ann.id}", form)
    assert page.status_code == 422
    assert "cannot be attained or paced" in page.text


def test_the_manager_decides_a_proposal_from_the_proposals_page(
    db: Session, org: Org, client_for: SignIn
) -> None:
    goal = make_goal(db, org.ann, "2026-Q1", 90_000, status="proposed")
    goal.proposed_by_id = org.ann.id
    manager = client_for(org.max)
    page = manager.get("/goals/proposals")
    assert page.status_code == 200
    assert f'id="proposal-{goal.id}"' in page.text
    assert "outcome only" in page.text  # the lint's finding is shown beside the history
    form = {
        "target": "100000",
        "reason": "Pipeline covers it",
        "note": "Stretch",
        "next": "/goals/proposals",
    }
    sent = submit(manager, f"/goals/{goal.id}/approve", form)
    assert (sent.status_code, sent.headers["location"]) == (303, "/goals/proposals")
    assert (goal.status, goal.target) == ("approved", 100_000)


def test_an_adjustment_without_a_reason_is_sent_back(
    db: Session, org: Org, client_for: SignIn
) -> None:
    goal = make_goal(db, org.ann, "2026-Q1", 90_000, status="proposed")
    page = submit(client_for(org.max), f"/goals/{goal.id}/approve", {"target": "100000"})
    assert page.status_code == 422
    assert "needs a reason" in page.text
    assert goal.status == "proposed"


def test_the_goal_page_shows_pacing_and_its_chart_data(
    db: Session, org: Org, client_for: SignIn
) -> None:
    goal = make_goal(db, org.ann, "2026-Q1", 90_000)
    won(db, org.ann, 30_000, date(2026, 1, 20))
    page = client_for(org.ann).get(f"/goals/{goal.id}", params={"as_of": "2026-01-31"})
    assert page.status_code == 200
    # expected by 31 Jan: 90,000 x 22/64 = 30,937.50, shown in whole dollars
    assert "$30,938" in page.text and "$30,000" in page.text
    assert f'data-pacing="pacing-{goal.id}"' in page.text
    assert "Adjust the target" not in page.text  # a rep does not manage their own goal


def test_a_goal_outside_the_scope_is_not_found(db: Session, org: Org, client_for: SignIn) -> None:
    goal = make_goal(db, org.zed, "2026-Q1", 80_000)
    assert client_for(org.max).get(f"/goals/{goal.id}").status_code == 404
    assert client_for(org.ann).get(f"/goals/people/{org.ben.id}").status_code == 404


def test_the_team_board_sorts_by_pace(db: Session, org: Org, client_for: SignIn) -> None:
    make_goal(db, org.ann, "2026-Q1", 100_000)
    make_goal(db, org.ben, "2026-Q1", 100_000)
    make_goal(db, org.max, "2026-Q1", 300_000, team=True)
    won(db, org.ben, 50_000, date(2026, 1, 9))
    page = client_for(org.dee).get(
        f"/goals/team/{org.max.id}",
        params={"period": "2026-Q1", "sort": "pace", "as_of": "2026-01-31"},
    )
    assert page.status_code == 200
    assert page.text.index(">Ben</a>") < page.text.index(">Ann</a>")  # Ben is ahead
    assert "$300,000" in page.text  # the team target


def test_the_suggest_page_previews_and_accepts(db: Session, org: Org, client_for: SignIn) -> None:
    director = client_for(org.dee)
    form = {
        "manager_id": org.max.id,
        "period": "2026-Q1",
        "team_target": "90000",
        "over_assign_pct": "0",
    }
    preview = director.get("/goals/suggest", params=form)
    assert preview.status_code == 200
    assert "Accept as goals" in preview.text
    done = submit(director, "/goals/suggest", form)
    assert done.status_code == 200
    # Ann, Ben and Max (a player-coach) plus the team goal
    assert len(db.scalars(select(Goal).where(Goal.status == "approved")).all()) == 4


def test_the_navigation_links_to_the_goals_pages(org: Org, client_for: SignIn) -> None:
    rep_nav = client_for(org.ann).get(f"/goals/people/{org.ann.id}").text
    manager_nav = client_for(org.max).get(f"/goals/people/{org.max.id}").text
    assert "My goals" in rep_nav and "/goals/proposals" not in rep_nav
    assert "/goals/proposals" in manager_nav and "/goals/suggest" in manager_nav
