"""A goals form the service refuses answers 422 having written nothing, and comes back as the
person typed it.

Dee (director) > Max (player-coach: Ann, Ben), Mo (leader: Zed); Q1 2026.
"""

from collections.abc import Callable
from typing import Any

import pytest
from goal_helpers import Org
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import make_goal
from pacesetter.domain.errors import Invalid
from pacesetter.goals import suggestions
from pacesetter.store.models import Goal, Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]


def _submit(browser: UserClient, url: str, form: dict[str, Any]) -> Any:
    return browser.post(url, data=form | {"csrf_token": browser.csrf_token}, follow_redirects=False)


def test_a_refused_approval_keeps_the_target_reason_and_note_typed(
    db: Session, org: Org, client_for: SignIn
) -> None:
    goal = make_goal(db, org.ann, "2026-Q1", 90_000, status="proposed")
    form = {"target": "100000", "note": "Stretch it a little"}
    page = _submit(client_for(org.max), f"/goals/{goal.id}/approve", form)
    assert page.status_code == 422 and "needs a reason" in page.text
    assert 'name="target" inputmode="decimal" value="100000"' in page.text
    assert 'name="note" value="Stretch it a little"' in page.text
    db.refresh(goal)
    assert (goal.status, goal.target) == ("proposed", 90_000)


def test_accepting_suggested_targets_refused_part_way_keeps_no_goal(
    db: Session, org: Org, client_for: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ann's, Ben's and Max's parts are written, then the team goal is refused: none stays."""
    real = suggestions._accept_one

    def refuse_the_team_goal(*args: Any, **kwargs: Any) -> Any:
        if args[3].scope.scope_type == "team":
            raise Invalid("refused for the test")
        return real(*args, **kwargs)

    monkeypatch.setattr(suggestions, "_accept_one", refuse_the_team_goal)
    form = {"manager_id": org.max.id, "period": "2026-Q1", "team_target": "90000"}
    page = _submit(client_for(org.dee), "/goals/suggest", form | {"over_assign_pct": "0"})
    assert page.status_code == 422 and "refused for the test" in page.text
    assert db.scalar(select(func.count()).select_from(Goal)) == 0
