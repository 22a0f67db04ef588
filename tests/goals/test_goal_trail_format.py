"""A goal page reads its values like every other page (domain.formatting): a target in the metric's
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


def test_an_expected_count_reads_as_a_count_not_to_two_decimals(
    db: Session, org: Org, client_for: SignIn
) -> None:
    goal = make_goal(db, org.ann, "2026-Q1", 9, metric="deals_won")
    page = client_for(org.ann).get(f"/goals/{goal.id}", params={"as_of": "2026-01-31"}).text
    # expected by 31 Jan: 9 x 22/64 = 3.09375 deals: one decimal below 10
    assert ">3.1<" in page
    assert ">3.09<" not in page  # (the chart's JSON keeps the unrounded 3.09375)
