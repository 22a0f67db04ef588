"""A goal's milestone table from the store: each month's share, actual and status.

Q1 2026 spreads a goal by working days 22 / 20 / 22 of 64: a 6400 revenue goal expects 2200 in
January, 2000 in February and 2200 in March. As of Fri 13 February.
"""

from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_deal, make_goal, make_person
from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.errors import Invalid
from pacesetter.domain.pacing import MilestoneStatus
from pacesetter.domain.periods import parse_period
from pacesetter.metrics.goals import goal_milestones

Q1 = parse_period("2026-Q1")
AS_OF = date(2026, 2, 13)
HIT, IN_PROGRESS, UPCOMING = (
    MilestoneStatus.HIT,
    MilestoneStatus.IN_PROGRESS,
    MilestoneStatus.UPCOMING,
)


def test_a_persons_revenue_milestones(db: Session) -> None:
    rep = make_person(db)
    make_deal(db, rep, status="won", amount=2300, closed=date(2026, 1, 12))
    make_deal(db, rep, status="won", amount=1500, closed=date(2026, 2, 3))
    make_deal(db, rep, status="won", amount=900, closed=date(2026, 2, 16))  # after the as-of date
    goal = make_goal(db, rep, "2026-Q1", 6400)
    table = goal_milestones(db, goal, Q1, AS_OF, WorkCalendar())
    assert [(m.name, m.actual, m.status) for m in table] == [
        ("2026-01", 2300.0, HIT),  # 2300 >= 2200
        ("2026-02", 1500.0, IN_PROGRESS),  # 1500 of 2000 so far
        ("2026-03", None, UPCOMING),
    ]
    assert [m.target for m in table] == pytest.approx([2200, 2000, 2200])


def test_a_team_goal_counts_the_whole_team(db: Session) -> None:
    manager = make_person(db, role="manager")
    rep = make_person(db, manager=manager)
    make_deal(db, manager, status="won", amount=1000, closed=date(2026, 1, 12))
    make_deal(db, rep, status="won", amount=1500, closed=date(2026, 1, 20))
    goal = make_goal(db, manager, "2026-Q1", 6400, team=True)
    table = goal_milestones(db, goal, Q1, AS_OF, WorkCalendar())
    assert table[0].actual == 2500.0  # 1000 + 1500 >= 2200
    assert table[0].status is HIT


def test_an_unusable_distribution_is_reported(db: Session) -> None:
    goal = make_goal(db, make_person(db), "2026-Q1", 6400)
    goal.distribution = {"kind": "month", "weights": [1, 1]}  # Q1 has three months
    with pytest.raises(Invalid, match="distribution"):
        goal_milestones(db, goal, Q1, AS_OF, WorkCalendar())
