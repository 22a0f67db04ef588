"""The trail of a goal reads its values like the rest of the page: a target in the metric's
unit ($80,000, not 80000), a weight as a percent, a status in words."""

from collections.abc import Callable

from goal_helpers import TODAY, Org, as_
from sqlalchemy.orm import Session

from factories import make_goal
from pacesetter.goals.service import update_goal
from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]


def test_the_trail_shows_targets_as_money_and_weights_as_percents(
    db: Session, org: Org, client_for: SignIn
) -> None:
    goal = make_goal(db, org.ann, "2026-Q1", 80_000)
    changes = {"target": 92_500.5, "individual_weight": 0.7}
    update_goal(db, as_(org.max), goal.id, changes, today=TODAY, reason="new territory")
    page = client_for(org.max).get(f"/goals/{goal.id}").text
    trail = page[page.index('id="trail"') :]
    assert "<td>$80,000</td><td>$92,501</td>" in trail
    assert "<td>—</td><td>70%</td>" in trail
