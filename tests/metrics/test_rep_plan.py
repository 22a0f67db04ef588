"""One rep's plan against actual and their placement history (the org of test_quadrant.py).

Rosa at Fri 13 February 2026 (February half gone): calls 20 planned, 10 expected, 12 done;
meetings 4 planned, 2 expected, 1 done; 3 of her 13 activities with the right people against a
planned 0.6; rated 3 and 4 against a planned 4.
"""

from datetime import date

import pytest
from sqlalchemy.orm import Session
from test_quadrant import build_org

from pacesetter.domain.periods import parse_period
from pacesetter.metrics.rep_plan import TypeLine, rep_plan
from pacesetter.store.models import Person

AS_OF = date(2026, 2, 13)


@pytest.fixture
def org(db: Session) -> dict[str, Person]:
    return build_org(db)


def test_plan_against_actual_per_type_for_a_month(db: Session, org: dict[str, Person]) -> None:
    plan = rep_plan(db, org["rosa"], parse_period("2026-02"), AS_OF, months=1)
    assert plan.lines == [TypeLine("call", 20, 10, 12), TypeLine("meeting", 4, 2, 1)]
    assert [line.pace for line in plan.lines] == [1.2, 0.5]
    assert (plan.direction_share, plan.planned_direction) == (pytest.approx(3 / 13), 0.6)
    assert (plan.mean_rating, plan.planned_quality) == (3.5, 4.0)
    assert plan.placement.qdq_binding == "direction"


def test_a_quarter_sums_the_months_per_type(db: Session, org: dict[str, Person]) -> None:
    plan = rep_plan(db, org["rosa"], parse_period("2026-Q1"), AS_OF, months=1)
    # calls 20 + 20 + 20 planned, 20 + 10 + 0 expected, 18 + 12 done; meetings 0 + 4, 0 + 2, 2 + 1
    assert plan.lines == [TypeLine("call", 60, 30, 30), TypeLine("meeting", 4, 2, 3)]
    assert (plan.planned_direction, plan.planned_quality) == (pytest.approx(0.5), 13 / 3)


def test_history_takes_each_month_at_its_end_and_the_report_month_at_the_date(
    db: Session, org: dict[str, Person]
) -> None:
    plan = rep_plan(db, org["rosa"], parse_period("2026-02"), AS_OF, months=3)
    assert [(p.period.name, p.as_of) for p in plan.history] == [
        ("2025-12", date(2025, 12, 31)),
        ("2026-01", date(2026, 1, 31)),
        ("2026-02", AS_OF),
    ]
    december, january, february = (point.placement for point in plan.history)
    assert (december.activity_pace, december.qdq_score) == (None, None)  # no plan
    # January: no goal (not placed); (18 + 2) / 20; calls 18 / 20; none of 20 with the right
    # people against 0.4 -> direction 0; rated 4 against 4
    assert (january.quadrant, january.activity_pace, january.qdq_quantity) == (None, 1.0, 0.9)
    assert (january.qdq_direction, january.qdq_quality) == (0.0, 1.0)
    assert (january.qdq_score, january.qdq_binding) == (0.0, "direction")
    assert february == plan.placement


def test_history_ends_with_the_month_of_the_report_date(
    db: Session, org: dict[str, Person]
) -> None:
    plan = rep_plan(db, org["rosa"], parse_period("2026-Q1"), AS_OF, months=2)
    assert [(p.period.name, p.as_of) for p in plan.history] == [
        ("2026-01", date(2026, 1, 31)),
        ("2026-02", AS_OF),  # March has not started
    ]
