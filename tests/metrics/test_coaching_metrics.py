"""Coaching records in the catalogue: counted for their author in the to-date window
(metrics.md "Manager KPIs"), so a manager's activity goal on them has an actual.

Q1 2026 as of Fri 13 February. Milo (manager) authored:

    2025-12-31  ride_along   about Rosa   before the period: not counted
    2026-01-07  ride_along   about Rosa   counted
    2026-01-20  shadowing    about Raj    counted (shadowing is a ride-along)
    2026-02-13  ride_along   about Raj    counted (the as-of day itself)
    2026-02-16  ride_along   about Rosa   after d: not counted
    2026-01-09  one_on_one   about Rosa   one_on_ones
    2026-01-12  team_meeting              team_meetings (no subject)
    2026-01-14  debrief      about Raj    debriefs

Rosa authored an `upward_feedback` about Milo: it counts for Rosa (the author), never for Milo.
"""

from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_coaching, make_goal, make_person
from pacesetter.domain.periods import parse_period
from pacesetter.goals.catalogue import default_kind, goal_metrics
from pacesetter.metrics.catalogue import COACHING_COUNTS, SCORECARD_METRICS
from pacesetter.metrics.scorecard import build_scorecard
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope

AS_OF = date(2026, 2, 13)
COUNTS = list(COACHING_COUNTS)


@pytest.fixture
def milo(db: Session) -> Person:
    milo = make_person(db, "Milo", role="manager")
    rosa = make_person(db, "Rosa", manager=milo)
    raj = make_person(db, "Raj", manager=milo)
    for kind, on, about in [
        ("ride_along", date(2025, 12, 31), rosa),
        ("ride_along", date(2026, 1, 7), rosa),
        ("shadowing", date(2026, 1, 20), raj),
        ("ride_along", date(2026, 2, 13), raj),
        ("ride_along", date(2026, 2, 16), rosa),
        ("one_on_one", date(2026, 1, 9), rosa),
        ("team_meeting", date(2026, 1, 12), None),
        ("debrief", date(2026, 1, 14), raj),
    ]:
        make_coaching(db, milo, kind, on, person=about)
    make_coaching(db, rosa, "upward_feedback", date(2026, 1, 30), person=milo, rating=4)
    return milo


# fmt: off
EXPECTED = {
    "one_on_ones": 1, "check_ins": 0, "ride_alongs": 3, "pre_briefs": 0, "debriefs": 1,
    "team_meetings": 1, "interviews": 0, "improvement_plans": 0, "recognitions": 0,
}
# fmt: on


def test_coaching_counts_are_the_authors_records_in_the_window(own, milo: Person) -> None:
    assert own(milo, "2026-Q1", AS_OF, COUNTS) == EXPECTED


def test_a_team_counts_every_members_authored_records(team, milo: Person) -> None:
    # Milo's 6 in the window and nothing by Raj; Rosa's upward feedback is no coaching count
    assert team(milo, "2026-Q1", AS_OF, COUNTS) == EXPECTED


def test_nothing_counts_before_the_period(own, milo: Person) -> None:
    assert set(own(milo, "2026-Q1", date(2025, 12, 31), COUNTS).values()) == {0}


def test_coaching_counts_are_not_scorecard_columns() -> None:
    assert not set(COUNTS) & set(SCORECARD_METRICS)


@pytest.mark.parametrize("slug", COUNTS)
def test_goals_on_coaching_counts_are_activity_goals(slug: str) -> None:
    assert default_kind(slug) == "activity"
    assert goal_metrics()[slug].unit == "count"


def test_a_managers_ride_along_goal_has_an_actual_in_the_scorecard(
    db: Session, milo: Person
) -> None:
    # 3 ride-alongs to 13 Feb against 12 for the quarter: attainment 3 / 12
    make_goal(db, milo, "2026-Q1", 12, metric="ride_alongs", kind="activity")
    card = build_scorecard(db, Scope.everything(), parse_period("2026-Q1"), AS_OF)
    (line,) = next(row for row in card.rows if row.name == "Milo").goals
    assert (line.metric, line.actual, line.attainment) == ("ride_alongs", 3, 3 / 12)
