"""/api/v1/goals: the same service rules over HTTP, scoped, with the lint's findings."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from goal_helpers import Org, won
from sqlalchemy.orm import Session

from factories import make_goal
from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]


def post(browser: UserClient, url: str, body: dict[str, Any]) -> Any:
    return browser.post(url, json=body, headers={"X-CSRF-Token": browser.csrf_token})


def patch(browser: UserClient, url: str, body: dict[str, Any]) -> Any:
    return browser.patch(url, json=body, headers={"X-CSRF-Token": browser.csrf_token})


def proposal(person: Person, target: float = 90_000, **fields: Any) -> dict[str, Any]:
    return {
        "person_id": person.id,
        "metric": "revenue_won",
        "period": "2026-Q1",
        "target": target,
    } | fields


def test_a_rep_proposes_and_gets_the_lint_findings_back(org: Org, client_for: SignIn) -> None:
    response = post(client_for(org.ann), "/api/v1/goals", proposal(org.ann, rationale="Renewals"))
    assert response.status_code == 201
    body = response.json()
    assert (body["goal"]["status"], body["goal"]["kind"]) == ("proposed", "outcome")
    assert "outcome_only" in [finding["rule"] for finding in body["findings"]]


def test_a_goal_the_lint_refuses_answers_422_with_its_findings(
    org: Org, client_for: SignIn
) -> None:
    response = post(client_for(org.max), "/api/v1/goals", proposal(org.ann, 0, metric="revenu_won"))
    assert response.status_code == 422
    assert [f["rule"] for f in response.json()["findings"]] == ["not_specific", "not_measurable"]


def test_the_list_holds_only_goals_in_scope(db: Session, org: Org, client_for: SignIn) -> None:
    make_goal(db, org.ann, "2026-Q1", 90_000)
    make_goal(db, org.zed, "2026-Q1", 80_000)
    make_goal(db, org.max, "2026-Q1", 400_000, team=True)
    body = client_for(org.max).get("/api/v1/goals", params={"period": "2026-q1"}).json()
    assert body["total"] == 2
    assert {(g["person_id"], g["scope_type"]) for g in body["items"]} == {
        (org.ann.id, "person"),
        (org.max.id, "team"),
    }


def test_a_goal_outside_the_scope_is_not_found(db: Session, org: Org, client_for: SignIn) -> None:
    goal = make_goal(db, org.zed, "2026-Q1", 80_000)
    browser = client_for(org.max)
    assert browser.get(f"/api/v1/goals/{goal.id}").status_code == 404
    assert post(browser, f"/api/v1/goals/{goal.id}/retire", {"reason": "x"}).status_code == 404


def test_a_goal_comes_with_its_pacing(db: Session, org: Org, client_for: SignIn) -> None:
    # 2026-Q1 has 22 + 20 + 22 = 64 working days; by Sat 31 Jan 22 have passed: 0.34375.
    # Expected 90,000 x 0.34375 = 30,937.5; actual 30,000; pace 30,000 / 30,937.5 = 0.9697;
    # projection 30,000 / 0.34375 = 87,272.73; January's milestone is 22/64 of the target.
    goal = make_goal(db, org.ann, "2026-Q1", 90_000)
    won(db, org.ann, 30_000, date(2026, 1, 20))
    body = (
        client_for(org.max).get(f"/api/v1/goals/{goal.id}", params={"as_of": "2026-01-31"}).json()
    )
    pacing = body["pacing"]
    assert pacing["fraction"] == 0.34375
    assert pacing["expected"] == 30_937.5
    assert pacing["actual"] == 30_000
    assert pacing["pace"] == pytest.approx(30_000 / 30_937.5)
    assert pacing["projection"] == pytest.approx(87_272.727, rel=1e-6)
    assert [m["name"] for m in pacing["milestones"]] == ["2026-01", "2026-02", "2026-03"]
    assert pacing["milestones"][0]["target"] == pytest.approx(30_937.5)
    # the chart's last point up to the as-of date carries the same numbers
    point = next(p for p in pacing["chart"] if p["day"] == "2026-01-31")
    assert (point["expected"], point["actual"]) == (30_937.5, 30_000)


def test_a_change_to_an_approved_goal_needs_a_reason_and_shows_in_the_trail(
    db: Session, org: Org, client_for: SignIn
) -> None:
    goal = make_goal(db, org.ann, "2026-Q1", 90_000)
    browser = client_for(org.max)
    refused = patch(browser, f"/api/v1/goals/{goal.id}", {"target": 95_000})
    assert refused.status_code == 422
    assert "needs a reason" in refused.json()["detail"]
    done = patch(browser, f"/api/v1/goals/{goal.id}", {"target": 95_000, "reason": "New logo"})
    assert done.status_code == 200
    changes = browser.get(f"/api/v1/goals/{goal.id}").json()["changes"]
    assert [
        (c["field"], c["old_value"], c["new_value"], c["reason"], c["changed_by"]) for c in changes
    ] == [("target", "90000", "95000", "New logo", "Max")]


def test_a_manager_approves_with_an_adjustment_and_the_rep_sees_it(
    org: Org, client_for: SignIn
) -> None:
    rep, manager = client_for(org.ann), client_for(org.max)
    goal_id = post(rep, "/api/v1/goals", proposal(org.ann)).json()["goal"]["id"]
    body = {"target": 100_000, "reason": "Your pipeline covers more", "note": "Go for it"}
    assert post(manager, f"/api/v1/goals/{goal_id}/approve", body).status_code == 200
    seen = rep.get(f"/api/v1/goals/{goal_id}").json()
    assert (seen["status"], seen["target"], seen["decision_note"]) == (
        "approved",
        100_000,
        "Go for it",
    )


def test_a_rep_cannot_approve_their_own_proposal(org: Org, client_for: SignIn) -> None:
    rep = client_for(org.ann)
    goal_id = post(rep, "/api/v1/goals", proposal(org.ann)).json()["goal"]["id"]
    assert post(rep, f"/api/v1/goals/{goal_id}/approve", {}).status_code == 403


def test_reject_and_retire_follow_the_workflow(db: Session, org: Org, client_for: SignIn) -> None:
    manager = client_for(org.max)
    proposed = make_goal(db, org.ann, "2026-Q1", 90_000, status="proposed")
    approved = make_goal(db, org.ann, "2026-Q1", 10, metric="deals_won")
    assert (
        post(manager, f"/api/v1/goals/{proposed.id}/reject", {"note": "Too low"}).status_code == 200
    )
    assert post(manager, f"/api/v1/goals/{proposed.id}/approve", {}).status_code == 422
    assert (
        post(manager, f"/api/v1/goals/{approved.id}/retire", {"reason": "Merged"}).status_code
        == 200
    )


def test_writes_without_the_csrf_token_are_refused(org: Org, client_for: SignIn) -> None:
    response = client_for(org.ann).post("/api/v1/goals", json=proposal(org.ann))
    assert response.status_code == 403


def test_suggestions_spread_the_team_target_and_accept_creates_goals(
    db: Session, org: Org, client_for: SignIn
) -> None:
    # Ann won 90k in each of 2025-Q2..Q4, Ben 30k, Max (player-coach) 30k: 3 : 1 : 1 of 250k
    for closed in (date(2025, 5, 5), date(2025, 8, 4), date(2025, 11, 3)):
        for person, amount in ((org.ann, 90_000), (org.ben, 30_000), (org.max, 30_000)):
            won(db, person, amount, closed)
    director = client_for(org.dee)
    params = {"manager_id": org.max.id, "period": "2026-Q1", "team_target": 250_000}
    preview = director.get("/api/v1/goals/suggestions", params=params).json()
    assert [(p["name"], float(p["target"])) for p in preview["parts"]] == [
        ("Ann", 150_000),
        ("Ben", 50_000),
        ("Max", 50_000),
    ]
    assert preview["personal_share"] == 0.2
    done = post(director, "/api/v1/goals/suggestions", params | {"accept": True}).json()
    assert [(a["name"], a["outcome"], a["status"]) for a in done["accepted"]] == [
        ("Ann", "added", "approved"),
        ("Ben", "added", "approved"),
        ("Max", "added", "approved"),
        ("Max's team", "added", "approved"),
    ]
