"""A rep's goal page compares them with their team as an unnamed spread, never peer by peer.

Max's team: Ann, Ben, Cora, Dirk and Edda (reps). Revenue won in 2025-Q4: Ann 90k, Ben 10k,
Cora 20k, Dirk 30k, Edda 40k; nothing in Q3 or Q2 (the first deal on record closed in 2025-Q1,
so those quarters count as 0). Ann's peers in Q4: 10k, 20k, 30k, 40k.
"""

from collections.abc import Callable
from datetime import date

import pytest
from goal_helpers import Org, won
from sqlalchemy.orm import Session

from factories import make_goal, make_person
from pacesetter.goals.review import Spread, spread
from pacesetter.store.models import Goal, Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
PEERS = ("Cora Peer", "Dirk Peer", "Edda Peer")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # inclusive quartiles sit at positions (n - 1) x 0.25, 0.5, 0.75 of the sorted values:
        # 3 x 0.25 = 0.75 -> 10 + 0.75 x 10 = 17.5; 1.5 -> 25; 2.25 -> 30 + 0.25 x 10 = 32.5
        ([40.0, 10.0, 30.0, 20.0], Spread(4, 17.5, 25.0, 32.5)),
        # 2 x 0.25 = 0.5 -> 10 + 0.5 x 10 = 15; 1 -> 20; 1.5 -> 20 + 0.5 x 40 = 40
        ([10.0, 20.0, 60.0], Spread(3, 15.0, 20.0, 40.0)),
        # a peer without a value is not counted; two are too few to show without naming them
        ([10.0, None, 20.0], Spread(2)),
        ([], Spread(0)),
    ],
)
def test_the_spread_is_the_median_and_quartiles_of_at_least_three(
    values: list[float | None], expected: Spread
) -> None:
    assert spread(values) == expected


def _team(db: Session, org: Org) -> Goal:
    q4 = date(2025, 11, 3)
    won(db, org.ben, 5_000, date(2025, 3, 14))  # the first close on record: 2025-Q2 is covered
    for person, amount in ((org.ann, 90_000), (org.ben, 10_000)):
        won(db, person, amount, q4)
    for name, amount in zip(PEERS, (20_000, 30_000, 40_000), strict=True):
        won(db, make_person(db, name, manager=org.max), amount, q4)
    return make_goal(db, org.ann, "2026-Q1", 100_000)


def test_a_rep_sees_the_team_as_median_and_quartiles_without_names(
    db: Session, org: Org, client_for: SignIn
) -> None:
    goal = _team(db, org)
    page = client_for(org.ann).get(f"/goals/{goal.id}").text
    assert not any(name in page for name in (*PEERS, ">Ben<"))
    assert "the team below, unnamed" in page
    q4 = 'Team: median</th><td class="num">$25,000</td>'
    assert q4 in page
    assert 'Team: lower quartile</th><td class="num">$17,500</td>' in page
    assert 'Team: upper quartile</th><td class="num">$32,500</td>' in page


def test_their_manager_still_sees_each_peer_by_name(
    db: Session, org: Org, client_for: SignIn
) -> None:
    goal = _team(db, org)
    page = client_for(org.max).get(f"/goals/{goal.id}").text
    assert all(name in page for name in PEERS)
    assert "Team: median" not in page
