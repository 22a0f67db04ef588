"""The team board shows each member's contribution to their lead's team revenue and flags the
members far below the team (metrics.md "Team targets: contribution").

Dee (director) > Max (Ann, Ben), Mo (Zed). Q1 2026 at 31 January. Max won 10k himself, Ann 60k
with 20 activities, Ben nothing with 2; Zed won 5k. Max's team won 70k: Ann 60 / 70 = 0.857,
Ben 0. Medians over Ann and Ben: revenue 30k (half 15k), activities 11 (half 5.5): Ben is
below both halves and is flagged. Zed brought all of Mo's team's 5k.
"""

from collections.abc import Callable
from datetime import date

from goal_helpers import Org, as_, won
from sqlalchemy.orm import Session

from factories import make_activity
from pacesetter.domain.periods import parse_period
from pacesetter.goals.board import team_board
from pacesetter.store.models import Person
from web.client import UserClient

AS_OF = date(2026, 1, 31)


def _sales(db: Session, org: Org) -> None:
    won(db, org.max, 10_000, date(2026, 1, 9))
    won(db, org.ann, 60_000, date(2026, 1, 12))
    won(db, org.zed, 5_000, date(2026, 1, 14))
    for person, count in ((org.ann, 20), (org.ben, 2)):
        for _ in range(count):
            make_activity(db, person, date(2026, 1, 20))


def test_each_member_has_a_share_of_their_leads_team_and_ben_is_flagged(
    db: Session, org: Org
) -> None:
    _sales(db, org)
    board = team_board(db, as_(org.dee), org.dee.id, parse_period("2026-Q1"), AS_OF)
    shares = {
        person: (board.contributions[person.id].share, board.contributions[person.id].flagged)
        for person in (org.ann, org.ben, org.zed)
    }
    assert shares == {org.ann: (60 / 70, False), org.ben: (0.0, True), org.zed: (1.0, False)}


def test_the_board_page_shows_the_share_and_the_flag(
    db: Session, org: Org, client_for: Callable[[Person], UserClient]
) -> None:
    _sales(db, org)
    params = {"period": "2026-Q1", "as_of": AS_OF.isoformat()}
    page = client_for(org.max).get(f"/goals/team/{org.max.id}", params=params).text
    assert "revenue share" in page
    assert "85%" in page  # Ann: 0.857, shown rounded down
    assert page.count("below half</span>") == 1  # Ben
