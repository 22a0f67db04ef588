"""No N+1 on the goals pages: a pacing chart costs the same statements for a week or a year,
and a person's page the same for one approved goal or four.

Every goal below has data under it (won and lost deals, activities, a followed-up meeting), so
each metric family has rows to read at every chart point.
"""

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from goal_helpers import Org
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from factories import make_account, make_activity, make_deal, make_goal
from pacesetter.domain.periods import parse_period
from pacesetter.goals.actor import Actor
from pacesetter.goals.progress import goal_progress
from pacesetter.goals.queries import fiscal_start
from pacesetter.goals.views import person_goals_view
from pacesetter.metrics.catalogue import Value
from pacesetter.metrics.families import ReportContext
from pacesetter.metrics.grouping import grouping_of
from pacesetter.metrics.values import metrics_for
from pacesetter.store.models import Person
from web.client import UserClient

Counter = Callable[[Callable[[], object]], int]
AS_OF = date(2026, 12, 31)  # every period of 2026 is over: every chart point has an actual


@pytest.fixture
def statements(db: Session, engine: Engine) -> Iterator[Counter]:
    """How many SQL statements a call sends to the database."""
    fiscal_start(db)  # read once per session and kept: not part of any count
    sent: list[str] = []

    def record(conn: object, cursor: object, statement: str, *rest: object) -> None:
        sent.append(statement)

    def count(call: Callable[[], object]) -> int:
        sent.clear()
        call()
        return len(sent)

    event.listen(engine, "before_cursor_execute", record)
    yield count
    event.remove(engine, "before_cursor_execute", record)


def _busy(db: Session, person: Person) -> None:
    """Deals and activities in every month of 2026."""
    account = make_account(db, person, is_target=True)
    for month in range(1, 13):
        day = date(2026, month, 5)
        make_deal(db, person, status="won", amount=1000, created=date(2025, 12, 1), closed=day)
        make_deal(db, person, status="lost", amount=500, created=date(2025, 12, 1), closed=day)
        make_deal(db, person, status="open", amount=800, created=day, closed=date(2026, 12, 30))
        make_activity(db, person, day, type="meeting", account=account)
        make_activity(db, person, date(2026, month, 6), type="call", account=account)


@pytest.mark.parametrize("as_of", [date(2026, 3, 6), AS_OF])  # within every period, after all
@pytest.mark.parametrize("metric", ["revenue_won", "activities", "win_rate", "follow_up_rate"])
def test_a_chart_costs_the_same_for_a_week_a_month_a_quarter_and_a_year(
    db: Session, org: Org, statements: Counter, metric: str, as_of: date
) -> None:
    _busy(db, org.ann)
    periods = ("2026-W10", "2026-03", "2026-Q1", "2026")
    goals = [make_goal(db, org.ann, period, 100, metric=metric) for period in periods]
    counts = [statements(lambda goal=goal: goal_progress(db, goal, as_of)) for goal in goals]
    # The work calendar (settings and holidays), the keys and the metric's family: before,
    # 8, 36, 42 and 50 statements as of 31 December (one set per chart point and milestone).
    assert counts == [4, 4, 4, 4]


def test_a_coverage_chart_costs_the_same_for_a_month_and_a_year(
    db: Session, org: Org, statements: Counter
) -> None:
    _busy(db, org.ann)
    counts = []
    for period in ("2026-03", "2026"):
        make_goal(db, org.ann, period, 50_000)  # the revenue target coverage is measured against
        goal = make_goal(db, org.ann, period, 3, metric="pipeline_coverage")
        counts.append(statements(lambda goal=goal: goal_progress(db, goal, AS_OF)))
    assert counts[0] == counts[1]


def test_a_team_goals_chart_costs_the_same_for_a_month_and_a_year(
    db: Session, org: Org, statements: Counter
) -> None:
    for person in (org.max, org.ann, org.ben):
        _busy(db, person)
    month, year = (make_goal(db, org.max, p, 100, team=True) for p in ("2026-03", "2026"))
    assert statements(lambda: goal_progress(db, month, AS_OF)) == statements(
        lambda: goal_progress(db, year, AS_OF)
    )


def _person_page(db: Session, org: Org, period: str) -> None:
    person_goals_view(
        db, Actor.of(org.max), org.ann.id, parse_period(period), today=AS_OF, currency="EUR"
    )


@pytest.mark.parametrize(
    ("metrics", "families_added"),
    [
        (("revenue_won", "margin_won", "deals_won", "win_rate"), 0),  # all on closed deals
        # Closed deals, then created deals, activities and direction.
        (("revenue_won", "new_pipeline", "activities", "direction_share"), 3),
    ],
)
def test_a_persons_page_costs_the_same_for_one_goal_or_four_but_their_families(
    db: Session, org: Org, statements: Counter, metrics: tuple[str, ...], families_added: int
) -> None:
    _busy(db, org.ann)
    make_goal(db, org.ann, "2026-Q1", 3000)
    one = statements(lambda: _person_page(db, org, "2026-Q1"))
    for metric in metrics:
        make_goal(db, org.ann, "2026-Q2", 10, metric=metric)
    four = statements(lambda: _person_page(db, org, "2026-Q2"))
    # Before: 44 statements for one goal and 164 or 183 for four (a set per chart point and
    # milestone); now 8 for one, 8 or 11 for four.
    assert four == one + families_added


def test_the_goal_page_and_the_api_cost_the_same_for_a_month_and_a_year(
    db: Session, org: Org, statements: Counter, client_for: Callable[[Person], UserClient]
) -> None:
    _busy(db, org.ann)
    month, year = (make_goal(db, org.ann, p, 100) for p in ("2026-03", "2026"))
    browser = client_for(org.max)
    for path in ("/goals", "/api/v1/goals"):
        pages = [f"{path}/{goal.id}?as_of=2026-12-31" for goal in (month, year)]
        counts = [statements(lambda page=page: browser.get(page)) for page in pages]
        assert counts[0] == counts[1], path


@pytest.mark.parametrize("scope", ["person", "team"])
@pytest.mark.parametrize("metric", [None, "win_rate", "pipeline_coverage"])  # None: revenue
def test_every_actual_of_the_progress_is_the_report_to_its_date(
    db: Session, org: Org, scope: str, metric: str | None
) -> None:
    """The pace's, each chart point's and each milestone's actual, as the reports give them."""
    for person in (org.max, org.ann, org.ben):
        _busy(db, person)
    team = scope == "team"
    revenue = make_goal(db, org.max, "2026-Q2", 9000, team=team)  # coverage's target
    goal = make_goal(db, org.max, "2026-Q2", 3, metric=metric, team=team) if metric else revenue
    as_of = date(2026, 5, 13)
    progress = goal_progress(db, goal, as_of)
    grouping = grouping_of(scope, select(Person.id).where(Person.id == org.max.id))

    def report(start: date, end: date, day: date) -> Value:
        context = ReportContext(db, start, end, day)
        return metrics_for(context, grouping, [goal.metric])[org.max.id][goal.metric]

    quarter = progress.period
    assert progress.pace.actual == report(quarter.start, quarter.end, as_of)
    for point in progress.chart:
        expected = report(quarter.start, quarter.end, point.day) if point.day <= as_of else None
        assert point.actual == expected, point.day
    for milestone in progress.milestones:
        expected = (
            report(milestone.start, milestone.end, as_of) if milestone.start <= as_of else None
        )
        assert milestone.actual == expected, milestone.name
