"""Metric values at many report points (metrics/series.py) are the reports' own values.

March 2026 runs from Sunday 1 to Tuesday 31. Ann (a rep of Max's, with Ben) has:
- deals: won 1000 (margin 300) closed Tue 3, won 500 closed Tue 10, lost 700 closed Tue 10,
  won 2000 closed 2 April (after the month); open 4000 created Thu 5 closing Fri 27 and open
  900 closing 15 April (outside the month);
- activities: a meeting on Wed 4 on a target account, followed by a call on Fri 6 (its second
  working day); a meeting on Thu 12 followed only on Fri 20 (too late); a demo on Fri 27
  followed on Mon 30 (its window ends Tue 31); an email with a decision maker on Mon 9.
Ben won 300 on Fri 20 and made a call on Sat 21; Max won 100 on Tue 31.
Ann's March revenue goal is 6000 (coverage's target), the team's 10000.
"""

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from factories import make_account, make_activity, make_deal, make_goal, make_person
from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.periods import parse_period
from pacesetter.metrics.catalogue import SCORECARD_METRICS
from pacesetter.metrics.families import ReportContext
from pacesetter.metrics.grouping import Grouping, grouping_of
from pacesetter.metrics.series import Point, values_at
from pacesetter.metrics.values import metrics_for
from pacesetter.store.models import Person

MARCH = parse_period("2026-03")
CALENDAR = WorkCalendar()


def _march(db: Session) -> tuple[Person, Person]:
    """Ann and her manager Max, with the data of the module's docstring."""
    max_ = make_person(db, "Max", role="manager")
    ann, ben = make_person(db, "Ann", manager=max_), make_person(db, "Ben", manager=max_)
    early = date(2026, 2, 2)
    make_deal(
        db, ann, status="won", amount=1000, margin=300, created=early, closed=date(2026, 3, 3)
    )
    make_deal(db, ann, status="won", amount=500, created=early, closed=date(2026, 3, 10))
    make_deal(db, ann, status="lost", amount=700, created=early, closed=date(2026, 3, 10))
    make_deal(db, ann, status="won", amount=2000, created=early, closed=date(2026, 4, 2))
    make_deal(db, ann, amount=4000, created=date(2026, 3, 5), closed=date(2026, 3, 27))
    make_deal(db, ann, amount=900, created=date(2026, 3, 5), closed=date(2026, 4, 15))
    target, other = make_account(db, ann, is_target=True), make_account(db, ann)
    for day, kind, account in [
        (date(2026, 3, 4), "meeting", target),
        (date(2026, 3, 6), "call", target),
        (date(2026, 3, 12), "meeting", other),
        (date(2026, 3, 20), "call", other),
        (date(2026, 3, 27), "demo", other),
        (date(2026, 3, 30), "email", other),
    ]:
        make_activity(db, ann, day, type=kind, account=account)
    make_activity(db, ann, date(2026, 3, 9), type="email", with_decision_maker=True)
    make_deal(db, ben, status="won", amount=300, created=early, closed=date(2026, 3, 20))
    make_activity(db, ben, date(2026, 3, 21), type="call")
    make_deal(db, max_, status="won", amount=100, created=early, closed=date(2026, 3, 31))
    make_goal(db, ann, "2026-03", 6000)
    make_goal(db, max_, "2026-03", 10000, team=True)
    return ann, max_


def _grouping(db: Session, scope: str) -> tuple[Grouping, int]:
    ann, max_ = _march(db)
    key = ann.id if scope == "person" else max_.id
    return grouping_of(scope, select(Person.id).where(Person.id == key)), key


def _report(db: Session, grouping: Grouping, point: Point, key: int) -> dict[str, object]:
    context = ReportContext(db, *point, CALENDAR)
    return metrics_for(context, grouping, SCORECARD_METRICS)[key]


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.mark.parametrize("scope", ["person", "team"])
def test_every_day_of_a_month_is_the_to_date_report_of_that_day(db: Session, scope: str) -> None:
    grouping, key = _grouping(db, scope)
    # From the day before March to the day after it: before, through and after the period.
    points = [Point(MARCH.start, MARCH.end, d) for d in _days(date(2026, 2, 28), date(2026, 4, 1))]
    found = values_at(db, grouping, SCORECARD_METRICS, points, calendar=CALENDAR)
    for point in points:
        assert found[point][key] == _report(db, grouping, point, key), point.as_of


@pytest.mark.parametrize("scope", ["person", "team"])
def test_every_week_of_the_month_is_its_own_report(db: Session, scope: str) -> None:
    """Milestones: each sub-period read to one date (follow-ups due by then, coverage of the
    pipeline closing within the week, and no revenue goal for a week)."""
    grouping, key = _grouping(db, scope)
    weeks = [(date(2026, 3, 1), date(2026, 3, 1))]
    weeks += [(monday, monday + timedelta(days=6)) for monday in _days(MARCH.start, MARCH.end)]
    weeks = [(start, min(end, MARCH.end)) for start, end in weeks if start.weekday() == 0]
    points = [Point(start, end, as_of) for start, end in weeks for as_of in _days(start, end)]
    found = values_at(db, grouping, SCORECARD_METRICS, points, calendar=CALENDAR)
    for point in points:
        assert found[point][key] == _report(db, grouping, point, key), point


def test_the_cumulative_numbers_by_hand(db: Session) -> None:
    grouping, key = _grouping(db, "person")
    days = [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 31)]
    slugs = ["revenue_won", "win_rate", "follow_up_rate", "pipeline_coverage"]
    found = values_at(db, grouping, slugs, [Point(MARCH.start, MARCH.end, d) for d in days])
    by_day = {point.as_of: values[key] for point, values in found.items()}
    assert by_day[date(2026, 3, 2)] == {
        "revenue_won": 0.0,
        "win_rate": None,  # nothing closed yet
        "follow_up_rate": None,  # nothing due yet
        # Open on the 2nd and closing in March: 1000, 500 and 700 (the 4000 is created on the
        # 5th): 2200 / (6000 - 0).
        "pipeline_coverage": pytest.approx(2200 / 6000),
    }
    assert by_day[date(2026, 3, 3)]["revenue_won"] == 1000.0
    assert by_day[date(2026, 3, 10)] == {
        "revenue_won": 1500.0,  # 1000 + 500
        "win_rate": pytest.approx(2 / 3),  # 2 won of 3 closed
        "follow_up_rate": 1.0,  # the meeting of the 4th, due on the 6th, was followed
        "pipeline_coverage": pytest.approx(4000 / 4500),  # 4000 open / (6000 - 1500)
    }
    # Meetings of the 4th (followed) and 12th (not); the demo of the 27th (followed) is due
    # on the 31st. Coverage: nothing left closing on the 31st, 0 / (6000 - 1500).
    assert by_day[date(2026, 3, 31)]["follow_up_rate"] == pytest.approx(2 / 3)
    assert by_day[date(2026, 3, 31)]["pipeline_coverage"] == 0.0


def test_the_team_sums_its_members_day_by_day(db: Session) -> None:
    grouping, key = _grouping(db, "team")
    days = [date(2026, 3, 19), date(2026, 3, 20), date(2026, 3, 31)]
    found = values_at(
        db, grouping, ["revenue_won"], [Point(MARCH.start, MARCH.end, d) for d in days]
    )
    # Ann 1500 by the 10th; Ben's 300 on the 20th; Max's 100 on the 31st.
    assert [values[key]["revenue_won"] for values in found.values()] == [1500, 1800, 1900]


def test_the_statements_do_not_grow_with_the_points(db: Session, engine: Engine) -> None:
    grouping, _ = _grouping(db, "team")
    sent: list[str] = []

    def record(conn: object, cursor: object, statement: str, *rest: object) -> None:
        sent.append(statement)

    counts = []
    event.listen(engine, "before_cursor_execute", record)
    for first in (MARCH.end, MARCH.start):  # one point, then every day of March
        sent.clear()
        points = [Point(MARCH.start, MARCH.end, d) for d in _days(first, MARCH.end)]
        values_at(db, grouping, SCORECARD_METRICS, points, calendar=CALENDAR)
        counts.append(len(sent))
    event.remove(engine, "before_cursor_execute", record)
    # The keys; closed deals, created deals, open pipeline, activities, direction, follow-ups;
    # the revenue target.
    assert counts == [8, 8]
