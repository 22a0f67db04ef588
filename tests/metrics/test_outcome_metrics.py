"""Outcome metrics (metrics.md "Outcome metrics") on one rep's hand-made deals, Q1 2026.

Q1 2026 runs Thu 1 January to Tue 31 March. The rep's deals (name: status, amount, margin,
created, closed):

    a  won   1000  300   2025-12-01  2026-01-20   cycle 50 days (30 in Dec + 20)
    b  won   3000  -     2026-01-05  2026-02-10   cycle 36 days (26 in Jan + 10)
    c  lost   500  -     2026-01-10  2026-02-04
    d  won   2000  -     2026-01-15  2026-02-20   cycle 36 (16 in Jan + 20), won after 11 Feb
    e  open  4000  -     2026-02-01  2026-03-15
    f  open   800  -     2026-02-12  2026-03-20   created after Wed 11 Feb
    g  won    700  -     2025-10-01  2025-12-15   the quarter before
    h  open   600  -     2026-01-20  2026-02-05   open, but its close date has passed
    i  lost   900  -     2026-01-07  2026-02-11   lost on Wed 11 Feb itself
    j  won   1500  -     2026-02-02  2026-04-10   closes in the next quarter
"""

from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_deal, make_goal, make_person
from pacesetter.store.models import Person

DEALS = {
    "a": ("won", 1000, 300, date(2025, 12, 1), date(2026, 1, 20)),
    "b": ("won", 3000, None, date(2026, 1, 5), date(2026, 2, 10)),
    "c": ("lost", 500, None, date(2026, 1, 10), date(2026, 2, 4)),
    "d": ("won", 2000, None, date(2026, 1, 15), date(2026, 2, 20)),
    "e": ("open", 4000, None, date(2026, 2, 1), date(2026, 3, 15)),
    "f": ("open", 800, None, date(2026, 2, 12), date(2026, 3, 20)),
    "g": ("won", 700, None, date(2025, 10, 1), date(2025, 12, 15)),
    "h": ("open", 600, None, date(2026, 1, 20), date(2026, 2, 5)),
    "i": ("lost", 900, None, date(2026, 1, 7), date(2026, 2, 11)),
    "j": ("won", 1500, None, date(2026, 2, 2), date(2026, 4, 10)),
}
MID_FEBRUARY = date(2026, 2, 11)


@pytest.fixture
def rep(db: Session) -> Person:
    person = make_person(db, "Rita Rep")
    for status, amount, margin, created, closed in DEALS.values():
        make_deal(
            db, person, status=status, amount=amount, margin=margin, created=created, closed=closed
        )
    return person


SCENARIOS = [
    pytest.param(
        MID_FEBRUARY,
        {
            "revenue_won": 4000.0,  # a 1000 + b 3000; d is won after d, g before Q1
            "margin_won": 300.0,  # a's margin; b has none
            "deals_won": 2,
            "win_rate": 0.5,  # won a, b / closed a, b, c, i (i closed on d itself)
            "avg_deal_size": 2000.0,  # 4000 / 2
            "sales_cycle_days": 43.0,  # (50 + 36) / 2
            # created 1 Jan..11 Feb: b 3000 + c 500 + d 2000 + e 4000 + h 600 + i 900 + j 1500
            "new_pipeline": 12500.0,
        },
        id="mid-quarter: deals closed or created after the as-of date are ignored",
    ),
    pytest.param(
        date(2026, 3, 31),
        {
            "revenue_won": 6000.0,  # a + b + d
            "margin_won": 300.0,
            "deals_won": 3,
            "win_rate": 0.6,  # 3 won / (3 won + c, i lost)
            "avg_deal_size": 2000.0,
            "sales_cycle_days": 122 / 3,  # (50 + 36 + 36) / 3
            "new_pipeline": 13300.0,  # 12500 + f 800
        },
        id="quarter end",
    ),
    pytest.param(
        date(2026, 4, 15),
        {"revenue_won": 6000.0, "deals_won": 3, "win_rate": 0.6, "new_pipeline": 13300.0},
        id="after the quarter: the window stops at its end (j, won 10 April, never counts)",
    ),
    pytest.param(
        date(2025, 12, 31),
        {
            "revenue_won": 0.0,
            "margin_won": 0.0,
            "deals_won": 0,
            "win_rate": None,
            "avg_deal_size": None,
            "sales_cycle_days": None,
            "new_pipeline": 0.0,
        },
        id="before the quarter: sums 0, ratios null",
    ),
]


@pytest.mark.parametrize(("as_of", "expected"), SCENARIOS)
def test_outcome_metrics_count_to_date(
    rep: Person, own, as_of: date, expected: dict[str, object]
) -> None:
    values = own(rep, "2026-Q1", as_of, list(expected))
    assert values == pytest.approx(expected)


def test_a_person_without_deals_has_zero_sums_and_null_ratios(db: Session, own) -> None:
    values = own(make_person(db), "2026-Q1", MID_FEBRUARY)
    assert values["revenue_won"] == 0 and values["deals_won"] == 0
    assert values["new_pipeline"] == 0
    ratios = ["win_rate", "avg_deal_size", "sales_cycle_days", "pipeline_coverage"]
    assert [values[name] for name in ratios] == [None, None, None, None]


def test_later_data_never_changes_a_report_taken_at_d(db: Session, rep: Person, own) -> None:
    make_goal(db, rep, "2026-Q1", 7000)
    before = own(rep, "2026-Q1", MID_FEBRUARY)
    assert before["pipeline_coverage"] == 2.0  # see COVERAGE below
    make_deal(db, rep, status="won", amount=50, created=date(2026, 2, 12), closed=date(2026, 2, 13))
    make_deal(db, rep, status="open", amount=60, created=date(2026, 2, 12), closed=date(2026, 3, 2))
    assert own(rep, "2026-Q1", MID_FEBRUARY) == before


COVERAGE = [
    # Open at Wed 11 Feb and closing 11 Feb..31 Mar: d 2000 (won later, so open at d) + e 4000 =
    # 6000. Not: f (created after d), h (close date passed), i (lost on d), j (closes in April).
    pytest.param(7000, "approved", MID_FEBRUARY, 2.0, id="6000 / (7000 - 4000 won)"),
    pytest.param(10000, "approved", MID_FEBRUARY, 1.0, id="6000 / (10000 - 4000 won)"),
    pytest.param(4000, "approved", MID_FEBRUARY, None, id="remainder 0 is null"),
    pytest.param(3000, "approved", MID_FEBRUARY, None, id="target already passed is null"),
    pytest.param(None, None, MID_FEBRUARY, None, id="no goal is null"),
    pytest.param(7000, "proposed", MID_FEBRUARY, None, id="a proposed goal does not count"),
    # 31 March: nothing is open and closing on 31 March; 7000 - 6000 won remain.
    pytest.param(7000, "approved", date(2026, 3, 31), 0.0, id="quarter end: nothing left open"),
    # 31 Dec 2025: open then and closing in Q1 is a (won 20 Jan) 1000; nothing won yet.
    pytest.param(7000, "approved", date(2025, 12, 31), 1000 / 7000, id="before the quarter"),
]


@pytest.mark.parametrize(("target", "status", "as_of", "expected"), COVERAGE)
def test_pipeline_coverage(
    db: Session,
    rep: Person,
    own,
    target: float | None,
    status: str | None,
    as_of: date,
    expected: float | None,
) -> None:
    if target is not None and status is not None:
        make_goal(db, rep, "2026-Q1", target, status=status)
    assert own(rep, "2026-Q1", as_of, ["pipeline_coverage"]) == {
        "pipeline_coverage": pytest.approx(expected)
    }


def test_coverage_uses_the_goal_of_the_same_period_only(db: Session, rep: Person, own) -> None:
    make_goal(db, rep, "2026-02", 7000)  # a month goal is not the quarter's target
    assert own(rep, "2026-Q1", MID_FEBRUARY, ["pipeline_coverage"]) == {"pipeline_coverage": None}


def test_sales_cycle_counts_calendar_days_across_a_year_end(db: Session, own) -> None:
    person = make_person(db)
    # 2025-12-30 -> 2026-01-02 is 3 days; 2026-01-01 -> 2026-01-01 is 0 days: mean 1.5
    make_deal(db, person, status="won", created=date(2025, 12, 30), closed=date(2026, 1, 2))
    make_deal(db, person, status="won", created=date(2026, 1, 1), closed=date(2026, 1, 1))
    assert own(person, "2026-01", date(2026, 1, 31), ["sales_cycle_days"]) == {
        "sales_cycle_days": 1.5
    }
