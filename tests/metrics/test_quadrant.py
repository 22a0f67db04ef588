"""The quadrant and QDQ for all reps at once (metrics.md "Attainment, pacing and the quadrant",
"QDQ plan score"; choices in docs/coaching.md), worked by hand.

Working days: January 2026 has 22, February 20, March 22 (Q1: 64). At Fri 13 February,
February has elapsed 10 / 20 = 0.5 and Q1 (22 + 10) / 64 = 0.5.

    Milo (manager, has a plan: not a row)
    ├── Rosa  goals Feb 4000, Q1 12000; won 3000 on 15 Jan and 3000 on 2 Feb
    │         plan Jan: call 20, meeting 0, direction 0.4, quality 4
    │              Feb: call 20, meeting 4, direction 0.6, quality 4;  Mar: call 20, quality 5
    │         Jan: 18 calls, 2 meetings; Feb to the 13th: 12 calls (2 with a decision maker),
    │         1 meeting on a target account; 16 Feb: 1 call
    │         rated: ride-along 20 Jan 4; 5 Feb ride-along 3, 10 Feb debrief 4, 11 Feb
    │         shadowing unrated, 12 Feb 1:1 5 (not an observation), 16 Feb ride-along 1
    ├── Raj   goal Feb 2000, won nothing; plan Feb: call 10, quality 4; 3 calls; never observed
    ├── Pia   no approved goal (a proposed one); plan Feb: call 10, direction 0.2, quality 3;
    │         5 calls, 1 with a decision maker; ride-along rated 5
    ├── Lea   goal Feb 1000, won 1000; no plan at all
    ├── Nico  joins 16 Feb; goal Feb 1000; plan Feb: call 10; 8 calls from 16 to 25 Feb
    └── Olga  left 31 December 2025: not a row
"""

from dataclasses import astuple
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from test_query_count import counting

from factories import (
    make_account,
    make_activity,
    make_coaching,
    make_deal,
    make_goal,
    make_person,
    make_plan_line,
)
from pacesetter.domain.periods import parse_period
from pacesetter.metrics.quadrant import Placement, QuadrantView, build_quadrant, placements
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope

FEB, Q1 = parse_period("2026-02"), parse_period("2026-Q1")
AS_OF = date(2026, 2, 13)


def _plan(db: Session, person: Person, month: str, **lines: float) -> None:
    for line, planned in lines.items():
        make_plan_line(db, person, month, line, planned)


def _calls(db: Session, person: Person, days: list[date], **flags: bool) -> None:
    for day in days:
        make_activity(db, person, day, **flags)


def _rosa(db: Session, milo: Person) -> Person:
    rosa = make_person(db, "Rosa", manager=milo, email="rosa@example.com")
    make_goal(db, rosa, "2026-02", 4000)
    make_goal(db, rosa, "2026-Q1", 12000)
    make_deal(
        db, rosa, amount=3000, status="won", created=date(2026, 1, 2), closed=date(2026, 1, 15)
    )
    make_deal(db, rosa, amount=3000, status="won", closed=date(2026, 2, 2))
    _plan(db, rosa, "2026-01", call=20, meeting=0, direction=0.4, quality=4)
    _plan(db, rosa, "2026-02", call=20, meeting=4, direction=0.6, quality=4)
    _plan(db, rosa, "2026-03", call=20, quality=5)
    _calls(db, rosa, [date(2026, 1, 12)] * 18)
    _calls(db, rosa, [date(2026, 1, 26)] * 2, type="meeting")
    _calls(db, rosa, [date(2026, 2, 3)] * 10 + [date(2026, 2, 16)])
    _calls(db, rosa, [date(2026, 2, 4)] * 2, with_decision_maker=True)
    target = make_account(db, rosa, is_target=True)
    make_activity(db, rosa, date(2026, 2, 9), type="meeting", account=target)
    for kind, day, rating in [
        ("ride_along", date(2026, 1, 20), 4),
        ("ride_along", date(2026, 2, 5), 3),
        ("debrief", date(2026, 2, 10), 4),
        ("shadowing", date(2026, 2, 11), None),
        ("one_on_one", date(2026, 2, 12), 5),
        ("ride_along", date(2026, 2, 16), 1),
    ]:
        make_coaching(db, milo, kind, day, person=rosa, rating=rating)
    return rosa


@pytest.fixture
def org(db: Session) -> dict[str, Person]:
    return build_org(db)


def build_org(db: Session) -> dict[str, Person]:
    """The org of the module docstring, by lower-case first name."""
    milo = make_person(db, "Milo", role="manager", email="milo@example.com")
    _plan(db, milo, "2026-02", call=1)
    people = {"milo": milo, "rosa": _rosa(db, milo)}
    for name, start, end in [
        ("Raj", date(2020, 1, 1), None),
        ("Pia", date(2020, 1, 1), None),
        ("Lea", date(2020, 1, 1), None),
        ("Nico", date(2026, 2, 16), None),
        ("Olga", date(2020, 1, 1), date(2025, 12, 31)),
    ]:
        people[name.lower()] = make_person(db, name, manager=milo, start_date=start, end_date=end)
    raj, pia, lea, nico = (people[name] for name in ("raj", "pia", "lea", "nico"))
    make_goal(db, raj, "2026-02", 2000)
    _plan(db, raj, "2026-02", call=10, quality=4)
    _calls(db, raj, [date(2026, 2, 3), date(2026, 2, 4), date(2026, 2, 5)])
    make_goal(db, pia, "2026-02", 3000, status="proposed")
    _plan(db, pia, "2026-02", call=10, direction=0.2, quality=3)
    _calls(db, pia, [date(2026, 2, 3)] * 4)
    _calls(db, pia, [date(2026, 2, 4)], with_decision_maker=True)
    make_coaching(db, milo, "ride_along", date(2026, 2, 6), person=pia, rating=5)
    make_goal(db, lea, "2026-02", 1000)
    make_deal(db, lea, amount=1000, status="won", closed=date(2026, 2, 3))
    make_goal(db, nico, "2026-02", 1000)
    _plan(db, nico, "2026-02", call=10)
    _calls(db, nico, [date(2026, 2, 16)] * 4 + [date(2026, 2, 25)] * 4)
    return people


def _report(db: Session, period: str, as_of: date) -> dict[str, Placement]:
    view = build_quadrant(db, Scope.everything(), parse_period(period), as_of)
    return {row.name: row.placement for row in view.rows}


def _fields(placement: Placement) -> tuple[object, ...]:
    return astuple(placement)


def test_rows_are_reps_employed_during_the_period_by_name(db: Session, org) -> None:
    view = build_quadrant(db, Scope.everything(), FEB, AS_OF)
    assert [row.name for row in view.rows] == ["Lea", "Nico", "Pia", "Raj", "Rosa"]
    assert isinstance(view, QuadrantView) and view.as_dict()["period"] == "2026-02"


# Each row: results pace, activity pace, quadrant, quantity, direction, quality, score, binding,
# quality observed.
FEBRUARY_AT_13 = {
    # 3000 / (4000 x 0.5); (12 + 1) / (20 x 0.5 + 4 x 0.5); calls min(1, 12/10), meetings 1/2;
    # directed (3 / 13) / 0.6 = 5 / 13; ratings (3 + 4) / 2 over planned 4
    "Rosa": (
        1.5,
        13 / 12,
        "on_track",
        0.75,
        (3 / 13) / 0.6,
        3.5 / 4,
        (3 / 13) / 0.6,
        "direction",
        True,
    ),
    # 0 / 1000; 3 / 5; quality planned but nobody rated Raj: not observed
    "Raj": (0.0, 0.6, "off_track", 0.6, None, None, 0.6, "quantity", False),
    # no approved goal: not placed; 5 / 5; 1 of 5 = 0.2 over 0.2; min(1, 5 / 3): a three-way tie
    "Pia": (None, 1.0, None, 1.0, 1.0, 1.0, 1.0, "quantity", True),
    # 1000 / 500; no plan: nothing scored
    "Lea": (2.0, None, None, None, None, None, None, None, True),
    # joins after the 13th: 0 / 500, 0 / 5 (the plan is not pro-rated)
    "Nico": (0.0, 0.0, "off_track", 0.0, None, None, 0.0, "quantity", True),
}


@pytest.mark.parametrize("name", FEBRUARY_AT_13)
def test_february_at_the_13th(db: Session, org, name: str) -> None:
    assert _fields(_report(db, "2026-02", AS_OF)[name]) == pytest.approx(FEBRUARY_AT_13[name])


def test_at_the_month_end_quantity_is_actual_over_planned(db: Session, org) -> None:
    found = _report(db, "2026-02", date(2026, 2, 28))
    # Rosa: 6000 won... of it 3000 in February: 3000 / 4000; (13 + 1) / (20 + 4);
    # calls 13 / 20, meetings 1 / 4; directed 3 of 14; ratings (3 + 4 + 1) / 3 over 4
    rosa = (0.75, 14 / 24, "off_track", (0.65 + 0.25) / 2, (3 / 14) / 0.6, (8 / 3) / 4)
    assert _fields(found["Rosa"]) == pytest.approx((*rosa, (3 / 14) / 0.6, "direction", True))
    # Nico: 8 of 10 calls by the end of the month; still no revenue
    nico = (0.0, 0.8, "off_track", 0.8, None, None, 0.8, "quantity", True)
    assert _fields(found["Nico"]) == pytest.approx(nico)


def test_a_quarter_sums_counts_and_averages_shares_and_ratings(db: Session, org) -> None:
    rosa = _report(db, "2026-Q1", AS_OF)["Rosa"]
    # results: 6000 / (12000 x 0.5)
    # pairs (planned, actual, fraction): Jan call (20, 18, 1), Jan meeting (0, 2, 1),
    #   Feb call (20, 12, 0.5), Feb meeting (4, 1, 0.5), Mar call (20, 0, 0)
    # activity pace: (18 + 2 + 12 + 1 + 0) / (20 + 0 + 10 + 2 + 0) = 33 / 32
    # quantity: calls 30 / 30 -> 1; meetings (0 + 4 planned) 3 / 2 -> 1
    # direction: 3 directed of 33 over mean(0.4, 0.6); quality: mean(4, 3, 4) over mean(4, 4, 5)
    direction, quality = (3 / 33) / 0.5, (11 / 3) / (13 / 3)
    expected = (1.0, 33 / 32, "on_track", 1.0, direction, quality, direction, "direction", True)
    assert _fields(rosa) == pytest.approx(expected)


def test_an_iso_week_is_paced_by_the_months_it_touches(db: Session, org) -> None:
    # 2026-W05 is Mon 26 Jan to Sun 1 Feb: January is over (fraction 1), February has had no
    # working day (fraction 0). Rosa: (18 + 2 + 0 + 0) / (20 + 0 + 0 + 0); quantity: calls
    # 18 / 20, meetings expected 0 -> not counted
    rosa = _report(db, "2026-W05", date(2026, 2, 1))["Rosa"]
    assert (rosa.activity_pace, rosa.qdq_quantity) == pytest.approx((1.0, 0.9))


def test_before_anything_is_expected_nothing_is_placed(db: Session, org) -> None:
    # Sun 1 February: no working day of February has gone, so nothing is expected yet
    rosa = _report(db, "2026-02", date(2026, 2, 1))["Rosa"]
    assert (rosa.results_pace, rosa.activity_pace, rosa.quadrant, rosa.qdq_quantity) == (
        None,
        None,
        None,
        None,
    )


def test_manager_filter_keeps_their_subtree(db: Session, org) -> None:
    other = make_person(db, "Zed", role="manager")
    make_person(db, "Zoe", manager=other)
    view = build_quadrant(db, Scope.everything(), FEB, AS_OF, manager_id=other.id)
    assert [row.name for row in view.rows] == ["Zoe"]


def test_a_rep_sees_only_their_own_row(db: Session, org) -> None:
    view = build_quadrant(db, Scope.of(org["raj"]), FEB, AS_OF)
    assert [row.name for row in view.rows] == ["Raj"]


def test_previous_period_quadrant_rides_along_when_asked(db: Session, org) -> None:
    # January, at its end: Rosa won 3000 against no January goal: not placed
    view = build_quadrant(db, Scope.everything(), FEB, AS_OF, with_previous=True)
    assert view.previous == parse_period("2026-01")
    assert {row.name: row.previous_quadrant for row in view.rows}["Rosa"] is None


def test_placements_keys_every_selected_id(db: Session, org) -> None:
    ids = select(Person.id).where(Person.id.in_([org["milo"].id, org["olga"].id]))
    found = placements(db, ids, FEB, AS_OF)
    assert set(found) == {org["milo"].id, org["olga"].id}
    assert found[org["milo"].id].activity_pace == 0.0  # plan call 1, expected 0.5, none done


def _reps(db: Session, size: int) -> Person:
    manager = make_person(db, role="manager")
    for _ in range(size):
        rep = make_person(db, manager=manager)
        make_goal(db, rep, "2026-02", 1000)
        _plan(db, rep, "2026-02", call=10, meeting=2, direction=0.5, quality=3)
        make_activity(db, rep, date(2026, 2, 3))
        make_deal(db, rep, status="won", closed=date(2026, 2, 2))
        make_coaching(db, manager, "ride_along", date(2026, 2, 4), person=rep, rating=4)
    return manager


def test_statements_do_not_grow_with_the_number_of_reps(db: Session) -> None:
    few, many = _reps(db, 3), _reps(db, 30)
    engine = db.get_bind()
    counts = []
    for manager in (few, many):
        with counting(engine) as statements:  # type: ignore[arg-type]
            ids = select(Person.id).where(Person.manager_id == manager.id)
            assert len(placements(db, ids, FEB, AS_OF)) in (3, 30)
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_the_report_with_last_periods_quadrants_does_not_grow_with_reps(db: Session) -> None:
    few, many = _reps(db, 3), _reps(db, 30)
    engine = db.get_bind()
    counts = []
    for manager in (few, many):
        with counting(engine) as statements:  # type: ignore[arg-type]
            view = build_quadrant(
                db, Scope.everything(), FEB, AS_OF, manager.id, with_previous=True
            )
            assert len(view.rows) in (3, 30)
        counts.append(len(statements))
    assert counts[0] == counts[1]
