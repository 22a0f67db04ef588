"""An as-of day outside the period asked for (before it starts, or years after it ends) is a
period not started, or one over, on every report screen: never a 500, and the leaderboard's
page and JSON twin agree that nothing is ranked yet.

The default period is the one holding the organisation's today, so the data is put there:
each rep has an approved goal on revenue for the month and the quarter (a goal on the board's
metric is what made the leaderboard fail before its period started), a won deal and a plan line.
"""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_goal, make_plan_line
from pacesetter.domain.periods import Period, PeriodKind
from pacesetter.store.context import context_for
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
BEFORE, FAR_FUTURE = "2000-06-15", "2999-12-31"
# Every report screen that reads `?period=&as_of=` (http.queries), its page, downloads and API.
SCREENS = (
    "/api/v1/leaderboard",
    "/leaderboard",
    "/leaderboard.csv",
    "/leaderboard.xlsx",
    "/api/v1/scorecard",
    "/scorecard",
    "/scorecard.csv",
    "/scorecard.xlsx",
    "/api/v1/quadrant",
    "/quadrant",
    "/quadrant.csv",
    "/quadrant.xlsx",
    "/api/v1/managers",
    "/managers",
    "/managers.csv",
    "/managers.xlsx",
    "/api/v1/goals/team/{manager}",
    "/goals/team/{manager}",
    "/goals/team/{manager}/board.csv",
    "/goals/team/{manager}/board.xlsx",
    "/api/v1/explain?metric=revenue_won&person={rep}",
    "/explain?metric=revenue_won&person={rep}",
    "/api/v1/incentives/people/{rep}",
    "/api/v1/incentives/team/{manager}",
    "/incentives/people/{rep}",
    "/incentives/team/{manager}",
)


def _current(db: Session, kind: PeriodKind) -> Period:
    return context_for(db, Scope.everything()).period(None, kind)


@pytest.fixture
def busy_now(db: Session, org: Org) -> Org:
    month, quarter = _current(db, PeriodKind.MONTH), _current(db, PeriodKind.QUARTER)
    for rep in (org.ravi, org.rosa, org.nina, org.owen):
        make_goal(db, rep, month.name, 5000)
        make_goal(db, rep, quarter.name, 15000)
        make_deal(db, rep, amount=1000, status="won", created=month.start, closed=month.start)
        make_plan_line(db, rep, month.name, "revenue", 1000.0)
        make_activity(db, rep, month.start)
    for manager in (org.mia, org.noah, org.omar):
        make_goal(db, manager, quarter.name, 30000, team=True)
    return org


@pytest.mark.parametrize("as_of", [BEFORE, FAR_FUTURE])
@pytest.mark.parametrize("screen", SCREENS)
def test_a_day_outside_the_default_period_never_fails(
    busy_now: Org, client_for: SignIn, screen: str, as_of: str
) -> None:
    url = screen.format(manager=busy_now.mia.id, rep=busy_now.ravi.id)
    joiner = "&" if "?" in url else "?"
    response = client_for(busy_now.dana).get(f"{url}{joiner}as_of={as_of}")
    assert response.status_code == 200, response.text[:300]


def test_a_board_before_its_period_starts_ranks_nobody_on_the_page_and_the_api(
    db: Session, busy_now: Org, client_for: SignIn
) -> None:
    month = _current(db, PeriodKind.MONTH)
    day_before = month.start - timedelta(days=1)
    browser = client_for(busy_now.dana)
    asked = f"metric=revenue_won&as_of={day_before.isoformat()}"
    board = browser.get(f"/api/v1/leaderboard?{asked}").json()
    assert (board["period"], board["as_of"]) == (month.name, day_before.isoformat())
    assert (board["rows"], board["recognitions"]) == ([], [])
    page = browser.get(f"/leaderboard?{asked}").text
    assert f"{month.name} starts {_day(month.start)}: nothing to rank on" in page
    assert "Nobody to rank" not in page


def test_a_board_once_its_period_started_has_the_goals_attainment(
    db: Session, busy_now: Org, client_for: SignIn
) -> None:
    month = _current(db, PeriodKind.MONTH)
    asked = f"metric=revenue_won&as_of={month.end.isoformat()}"
    rows = client_for(busy_now.dana).get(f"/api/v1/leaderboard?{asked}").json()["rows"]
    assert [row["attainment"] for row in rows] == [0.2] * 4  # 1,000 won of 5,000 each


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
