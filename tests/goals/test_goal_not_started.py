"""A goal whose period has not started yet shows "not started", never a red gap: on its page,
on the person's goals page and on the team board (whatever as-of date the page is asked for)."""

from collections.abc import Callable

from goal_helpers import Org
from sqlalchemy.orm import Session

from factories import make_goal
from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
AHEAD = "2030-Q1"  # after any day these tests run on


def test_a_goal_page_of_a_period_ahead_says_not_started(
    db: Session, org: Org, client_for: SignIn
) -> None:
    goal = make_goal(db, org.ann, AHEAD, 90_000)
    page = client_for(org.ann).get(f"/goals/{goal.id}").text
    assert "Not started." in page and "starts 1 Jan 2030" in page
    assert "is-behind" not in page  # no red gap, no red pace
    assert "in progress" not in page  # every milestone is upcoming


def test_the_person_page_and_the_board_say_not_started_too(
    db: Session, org: Org, client_for: SignIn
) -> None:
    make_goal(db, org.ann, AHEAD, 90_000)
    manager = client_for(org.max)
    person = manager.get(f"/goals/people/{org.ann.id}", params={"period": AHEAD}).text
    assert "Not started." in person and "is-behind" not in person
    board = manager.get(f"/goals/team/{org.max.id}", params={"period": AHEAD}).text
    assert "not started" in board and "is-behind" not in board
