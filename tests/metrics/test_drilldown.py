"""The rows behind a figure add up to it: every scorecard metric (and every coaching count) for
a rep, a manager and a director, their own and their team's, on an org with data in every
family; and the rows are the ones a manager expects (a lost deal is not behind revenue won).

Q1 2026 at Fri 13 February. The org of tests/web/org.py.
"""

from collections import defaultdict
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import make_account, make_activity, make_coaching, make_deal, make_goal
from pacesetter.domain.periods import parse_period
from pacesetter.metrics.catalogue import COACHING_METRICS, SCORECARD_METRICS, resolve
from pacesetter.metrics.drilldown import DrillRow, drill_rows
from pacesetter.metrics.families import ReportContext
from pacesetter.metrics.grouping import ByOwner, ByTeam, Grouping
from pacesetter.metrics.values import evaluate, metrics_for
from pacesetter.store.models import Person
from web.org import Org, build_org

AS_OF = date(2026, 2, 13)
Q1 = parse_period("2026-Q1")
JAN_5, FEB_10 = date(2026, 1, 5), date(2026, 2, 10)
# (amount, status, created, closed): the won deal of 20 Feb is still open at d.
DEALS = (
    (1200, "won", date(2025, 12, 1), date(2026, 1, 20)),
    (500, "lost", date(2026, 1, 7), date(2026, 2, 2)),
    (3000, "open", date(2026, 2, 1), date(2026, 3, 20)),
    (700, "won", date(2026, 1, 9), date(2026, 2, 20)),
)
FIGURES = (*SCORECARD_METRICS, *(m.slug for m in COACHING_METRICS))


@pytest.fixture
def org(db: Session) -> Org:
    org = build_org(db)
    for seller in (org.ravi, org.nina, org.noah, org.dana):
        _sell(db, seller)
    for author, subject in ((org.mia, org.ravi), (org.noah, org.nina)):
        for kind in ("one_on_one", "ride_along", "recognition"):
            make_coaching(db, author, kind, date(2026, 2, 3), person=subject)
    make_coaching(db, org.mia, "check_in", date(2026, 3, 3), person=org.ravi)  # after d
    for person, team in ((org.ravi, False), (org.mia, True), (org.dana, True), (org.noah, False)):
        make_goal(db, person, "2026-Q1", 9000, team=team)
    return org


def _sell(db: Session, seller: Person) -> None:
    """Won, lost and open deals, activities with the right people or not, followed-up
    meetings and one left alone, and rows after d that must not count."""
    target = make_account(db, seller, is_target=True)
    other = make_account(db, seller)
    make_deal(
        db, seller, amount=1200, status="won", created=date(2026, 1, 5), closed=date(2026, 1, 20)
    )
    make_deal(
        db,
        seller,
        amount=800,
        status="won",
        created=date(2025, 12, 1),
        closed=date(2026, 2, 10),
        margin=200,
    )
    make_deal(
        db, seller, amount=500, status="lost", created=date(2026, 1, 7), closed=date(2026, 2, 2)
    )
    make_deal(
        db, seller, amount=3000, status="open", created=date(2026, 2, 1), closed=date(2026, 3, 20)
    )
    make_deal(
        db, seller, amount=700, status="won", created=date(2026, 1, 9), closed=date(2026, 2, 20)
    )
    make_activity(db, seller, date(2026, 2, 2), type="meeting", account=target)
    make_activity(db, seller, date(2026, 2, 3), type="email", account=target)
    make_activity(
        db, seller, date(2026, 2, 4), type="demo", account=other, with_decision_maker=True
    )
    make_activity(db, seller, date(2026, 1, 15), type="call")
    make_activity(db, seller, date(2026, 2, 16), type="call")


def _grouping(person: Person, team: bool) -> Grouping:
    keys = select(Person.id).where(Person.id == person.id)
    return ByTeam(keys) if team else ByOwner(keys)


def _sums(rows: list[DrillRow]) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        for slug, added in row.parts.items():
            totals[slug] += added
    return totals


SUBJECTS: list[tuple[str, bool]] = [
    ("ravi", False),
    ("noah", False),
    ("noah", True),
    ("mia", False),
    ("mia", True),
    ("dana", False),
    ("dana", True),
]


@pytest.mark.parametrize(("who", "team"), SUBJECTS)
def test_every_figure_is_the_formula_over_the_sums_of_its_rows(
    db: Session, org: Org, who: str, team: bool
) -> None:
    context = ReportContext(db, Q1.start, Q1.end, AS_OF)
    person = getattr(org, who)
    figures = metrics_for(context, _grouping(person, team), FIGURES)[person.id]
    for slug in FIGURES:
        rows, total = drill_rows(context, _grouping(person, team), slug)
        assert total == len(rows)
        recomputed = evaluate(resolve([slug]), _sums(rows), [slug])[slug]
        assert recomputed == pytest.approx(figures[slug]), slug


def test_revenue_won_is_behind_the_won_deals_closed_by_d_only(db: Session, org: Org) -> None:
    context = ReportContext(db, Q1.start, Q1.end, AS_OF)
    rows, _ = drill_rows(context, _grouping(org.ravi, False), "revenue_won")
    assert [(row.day, row.parts) for row in rows] == [
        (date(2026, 2, 10), {"revenue_won": 800}),
        (date(2026, 1, 20), {"revenue_won": 1200}),
    ]
    assert all(row.source == "deal" and row.owner == "Ravi Rep" for row in rows)


def test_win_rate_rows_carry_won_and_lost_counts(db: Session, org: Org) -> None:
    context = ReportContext(db, Q1.start, Q1.end, AS_OF)
    rows, _ = drill_rows(context, _grouping(org.ravi, False), "win_rate")
    assert sorted((row.parts["deals_won"], row.parts["deals_lost"]) for row in rows) == [
        (0, 1),
        (1, 0),
        (1, 0),
    ]


def test_direction_share_lists_each_activity_once_with_both_parts(db: Session, org: Org) -> None:
    context = ReportContext(db, Q1.start, Q1.end, AS_OF)
    rows, total = drill_rows(context, _grouping(org.ravi, False), "direction_share")
    assert total == 4  # meeting, email (target account), demo (decision maker), January call
    assert sum(row.parts.get("directed_activities", 0) for row in rows) == 3


def test_coverage_lists_the_open_deal_the_won_deals_and_the_goal(db: Session, org: Org) -> None:
    context = ReportContext(db, Q1.start, Q1.end, AS_OF)
    rows, _ = drill_rows(context, _grouping(org.ravi, False), "pipeline_coverage")
    sources = sorted(row.source for row in rows)
    # open at d: the open deal and the deal won on 20 Feb (not yet closed at d)
    assert sources == ["deal", "deal", "deal", "deal", "goal"]
    assert _sums(rows) == {"open_pipeline": 3700, "revenue_won": 2000, "revenue_target": 9000}


def test_pages_of_rows_are_slices_of_the_whole_list(db: Session, org: Org) -> None:
    context = ReportContext(db, Q1.start, Q1.end, AS_OF)
    grouping: Callable[[], Grouping] = lambda: _grouping(org.dana, True)  # noqa: E731
    everything, total = drill_rows(context, grouping(), "activities")
    first, _ = drill_rows(context, grouping(), "activities", 0, 5)
    rest, again = drill_rows(context, grouping(), "activities", 5, 100)
    assert total == again == 16 and first + rest == everything
