"""The director's board groups people by team with subtotals and the share of reps on pace; a
manager or director without a personal goal heads their team and is not listed as missing one.

Dee (director) > Max (player-coach: Ann, Ben), Mo (leader: Zed). Q1 2026 at 31 January: 22 of
64 working days, elapsed 0.34375. Goals: Ann 100k, Ben 100k, Max 60k, Zed 50k; Mo and Dee none.
Ben won 50k: attainment 0.5, pace 0.5 / 0.34375 = 1.45 (on pace); nobody else won anything.
"""

from collections.abc import Callable
from datetime import date

from goal_helpers import Org, as_, won
from sqlalchemy.orm import Session

from factories import make_goal
from pacesetter.domain.periods import parse_period
from pacesetter.goals.board import team_board
from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
AS_OF = date(2026, 1, 31)


def _goals(db: Session, org: Org) -> None:
    for person, target in ((org.ann, 100_000), (org.ben, 100_000), (org.max, 60_000)):
        make_goal(db, person, "2026-Q1", target)
    make_goal(db, org.zed, "2026-Q1", 50_000)
    won(db, org.ben, 50_000, date(2026, 1, 9))


def test_the_director_sees_each_team_with_its_subtotal_and_reps_on_pace(
    db: Session, org: Org
) -> None:
    _goals(db, org)
    board = team_board(db, as_(org.dee), org.dee.id, parse_period("2026-Q1"), AS_OF)
    groups = [(g.lead_name, [row.name for row in g.rows]) for g in board.groups]
    # Max has a personal goal, so he is listed first in his own team; Mo and Dee are not.
    assert groups == [("Max", ["Max", "Ann", "Ben"]), ("Mo", ["Zed"])]
    max_team, mo_team = (group.subtotal for group in board.groups)
    # 100k + 100k + 60k = 260k; 50k won; 50 / 260 = 0.1923; Ben on pace of Ann and Ben
    assert (max_team.target, max_team.actual, round(max_team.attainment or 0, 4)) == (
        260_000,
        50_000,
        0.1923,
    )
    assert (max_team.reps_on_pace, max_team.reps_with_goal, max_team.on_pace_share) == (1, 2, 0.5)
    assert (mo_team.target, mo_team.reps_on_pace, mo_team.reps_with_goal) == (50_000, 0, 1)
    # the board: 1 of 3 reps on pace
    assert (board.subtotal.reps_on_pace, board.subtotal.reps_with_goal) == (1, 3)


def test_the_board_page_lists_no_leader_as_missing_a_goal(
    db: Session, org: Org, client_for: SignIn
) -> None:
    _goals(db, org)
    params = {"period": "2026-Q1", "as_of": AS_OF.isoformat()}
    page = client_for(org.dee).get(f"/goals/team/{org.dee.id}", params=params).text
    assert "Max's team" in page and "Mo's team" in page
    assert "50% of reps on pace (1 of 2)" in page
    assert ">Mo</a>" not in page and ">Dee</a>" not in page
    assert page.count("no approved goal") == 0
    assert "33%" in page  # reps on pace, over the board
