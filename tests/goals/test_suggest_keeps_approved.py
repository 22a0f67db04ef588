"""Accepting suggested targets never changes an agreed goal silently: the change is shown first,
and an approved goal changes only with a reason, which its trail records.

Max's team (Ann, Ben and Max as player-coach) has no history, so 90k splits 30k each. Ann's Q1
goal was approved at 80k before anyone asked for a suggestion.
"""

from collections.abc import Callable
from typing import Any

from goal_helpers import TODAY, Org, as_
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import make_goal
from pacesetter.goals.suggestions import (
    SuggestionRequest,
    TeamSuggestion,
    accept_suggestion,
    approved_changes,
    suggest_for_team,
)
from pacesetter.store.models import Goal, GoalChange, Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
FORM = {"period": "2026-Q1", "team_target": "90000", "over_assign_pct": "0"}


def _team(db: Session, org: Org) -> TeamSuggestion:
    request = SuggestionRequest(org.max.id, "2026-Q1", team_target=90_000)  # type: ignore[arg-type]
    return suggest_for_team(db, as_(org.dee), request, today=TODAY)


def _trail(db: Session, goal: Goal) -> list[tuple[str, str | None, str | None, str]]:
    changes = db.scalars(select(GoalChange).where(GoalChange.goal_id == goal.id))
    return [(c.field, c.old_value, c.new_value, c.reason) for c in changes]


def _outcome(accepted: list[Any], name: str) -> tuple[str, float, float | None]:
    found = next(a for a in accepted if a.name == name)
    return found.outcome, found.target, found.previous


def test_the_approved_goals_a_suggestion_would_change_are_listed_first(
    db: Session, org: Org
) -> None:
    make_goal(db, org.ann, "2026-Q1", 80_000)
    changes = approved_changes(db, _team(db, org))
    assert [(c.name, c.approved, c.suggested) for c in changes] == [("Ann", 80_000, 30_000)]


def test_without_a_reason_an_approved_goal_is_kept(db: Session, org: Org) -> None:
    goal = make_goal(db, org.ann, "2026-Q1", 80_000)
    accepted = accept_suggestion(db, as_(org.dee), _team(db, org), today=TODAY)
    assert _outcome(accepted, "Ann") == ("kept", 80_000, 80_000)
    assert _outcome(accepted, "Ben") == ("added", 30_000, None)
    db.refresh(goal)
    assert (goal.target, _trail(db, goal)) == (80_000, [])


def test_with_a_reason_the_approved_goal_changes_and_the_trail_says_why(
    db: Session, org: Org
) -> None:
    goal = make_goal(db, org.ann, "2026-Q1", 80_000)
    accepted = accept_suggestion(
        db, as_(org.dee), _team(db, org), today=TODAY, approved_reason="North split in two"
    )
    assert _outcome(accepted, "Ann") == ("updated", 30_000, 80_000)
    db.refresh(goal)
    reason = "North split in two (accepted suggested targets for 2026-Q1)"
    assert (goal.target, _trail(db, goal)) == (30_000, [("target", "80000", "30000", reason)])


def test_the_suggest_page_shows_the_change_and_asks_for_a_reason(
    db: Session, org: Org, client_for: SignIn
) -> None:
    goal = make_goal(db, org.ann, "2026-Q1", 80_000)
    director = client_for(org.dee)
    form = FORM | {"manager_id": str(org.max.id)}
    page = director.get("/goals/suggest", params=form)
    assert "1 approved goal would change." in page.text
    assert "Ann: $80,000 → $30,000" in page.text
    assert 'name="approved_reason"' in page.text
    kept = director.post("/goals/suggest", data=form | {"csrf_token": director.csrf_token})
    assert "approved already: changed only with a reason" in kept.text
    db.refresh(goal)
    assert goal.target == 80_000
    reasoned = form | {"csrf_token": director.csrf_token, "approved_reason": "North split"}
    changed = director.post("/goals/suggest", data=reasoned)
    assert "(was $80,000)" in changed.text
    db.refresh(goal)
    assert goal.target == 30_000


def test_the_api_keeps_an_approved_goal_unless_given_a_reason(
    db: Session, org: Org, client_for: SignIn
) -> None:
    make_goal(db, org.ann, "2026-Q1", 80_000)
    director = client_for(org.dee)
    body = {"manager_id": org.max.id, "period": "2026-Q1", "team_target": 90_000, "accept": True}
    headers = {"X-CSRF-Token": director.csrf_token}
    kept = director.post("/api/v1/goals/suggestions", json=body, headers=headers).json()
    assert [(a["outcome"], a["previous"]) for a in kept["accepted"] if a["name"] == "Ann"] == [
        ("kept", 80_000)
    ]
    body |= {"approved_reason": "North split"}
    changed = director.post("/api/v1/goals/suggestions", json=body, headers=headers).json()
    ann = [(a["outcome"], a["target"]) for a in changed["accepted"] if a["name"] == "Ann"]
    assert ann == [("updated", 30_000)]
