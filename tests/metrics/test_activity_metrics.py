"""Activity metrics (metrics.md "Activity metrics"): counts, direction and follow-ups.

February 2026 for reference: Mon 2, Tue 3, Wed 4, Thu 5, Fri 6, Sat 7, Sun 8, Mon 9, Tue 10,
Wed 11, Thu 12 ... The follow-up window of a meeting is the 2 working days after its date.
"""

from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_account, make_activity, make_person
from pacesetter.store.models import Holiday, OrgSettings, Person

MID_FEBRUARY = date(2026, 2, 11)


def test_activity_counts_by_type_and_direction_share(db: Session, own) -> None:
    rep = make_person(db)
    target = make_account(db, rep, is_target=True)
    other = make_account(db, rep)
    for day in (date(2026, 1, 5), date(2026, 1, 6), MID_FEBRUARY, date(2026, 2, 12)):
        make_activity(db, rep, day, type="call")  # 12 Feb is after the as-of date
    make_activity(db, rep, date(2026, 1, 7), type="email", with_decision_maker=True)
    make_activity(db, rep, date(2026, 2, 2), type="meeting", account=target)
    make_activity(db, rep, date(2026, 2, 3), type="demo", account=other, with_decision_maker=True)
    make_activity(db, rep, date(2026, 1, 20), type="proposal", account=other)
    make_activity(db, rep, date(2025, 12, 30), type="other")  # before the quarter
    values = own(rep, "2026-Q1", MID_FEBRUARY)
    assert {name: values[name] for name in values if name.startswith("activities")} == {
        "activities": 7,  # 3 calls (5, 6 Jan, 11 Feb) + email + meeting + demo + proposal
        "activities_call": 3,
        "activities_email": 1,
        "activities_meeting": 1,
        "activities_demo": 1,
        "activities_proposal": 1,
        "activities_other": 0,
    }
    # With the right people: the email and the demo (decision maker), the meeting (target
    # account): 3 of 7.
    assert values["direction_share"] == pytest.approx(3 / 7)


def test_a_person_without_activities_has_zero_counts_and_null_shares(db: Session, own) -> None:
    values = own(make_person(db), "2026-Q1", MID_FEBRUARY)
    assert values["activities"] == 0 and values["activities_meeting"] == 0
    assert values["direction_share"] is None and values["follow_up_rate"] is None


# Each scenario: the rep's activities as (type, date, account: "A", "B" or None, by a colleague),
# the as-of date and the expected follow_up_rate.
# fmt: off
FOLLOW_UPS = [
    pytest.param([("meeting", "02-02", "A"), ("call", "02-02", "A")], "02-11", 0.0,
                 id="same-day touch does not count"),
    pytest.param([("meeting", "02-02", "A"), ("call", "02-03", "A")], "02-11", 1.0,
                 id="next working day counts"),
    pytest.param([("meeting", "02-02", "A"), ("email", "02-04", "A")], "02-11", 1.0,
                 id="second working day counts"),
    pytest.param([("meeting", "02-02", "A"), ("call", "02-05", "A")], "02-11", 0.0,
                 id="third working day is too late"),
    pytest.param([("meeting", "02-06", "A"), ("call", "02-07", "A")], "02-11", 1.0,
                 id="Friday meeting, Saturday touch inside the window counts"),
    pytest.param([("meeting", "02-06", "A"), ("call", "02-10", "A")], "02-11", 1.0,
                 id="Friday meeting, Tuesday touch is the second working day"),
    pytest.param([("meeting", "02-06", "A"), ("call", "02-11", "A")], "02-11", 0.0,
                 id="Friday meeting, Wednesday touch is too late"),
    pytest.param([("meeting", "02-09", "A"), ("call", "02-10", "A")], "02-10", None,
                 id="window not ended by d: the meeting is not counted yet"),
    pytest.param([("meeting", "02-09", "A"), ("call", "02-10", "A")], "02-11", 1.0,
                 id="window ending on d is counted"),
    pytest.param([("meeting", "02-02", "A"), ("call", "02-03", "B")], "02-11", 0.0,
                 id="touch on another account does not count"),
    pytest.param([("meeting", "02-02", "A"), ("call", "02-03", "A", "colleague")], "02-11", 0.0,
                 id="touch by another owner does not count"),
    pytest.param([("meeting", "02-02", None), ("call", "02-03", None)], "02-11", None,
                 id="meeting without an account is not counted"),
    pytest.param([("call", "02-02", "A"), ("call", "02-03", "A")], "02-11", None,
                 id="a call is not followed up"),
    pytest.param([("demo", "02-02", "A"), ("proposal", "02-03", "A")], "02-11", 1.0,
                 id="a demo is followed up like a meeting"),
    pytest.param([("meeting", "02-02", "A"), ("meeting", "02-03", "A")], "02-11", 0.5,
                 id="a meeting is also a touch: 2 meetings, the first followed by the second"),
    pytest.param([("meeting", "01-30", "A"), ("call", "02-02", "A")], "02-11", None,
                 id="meeting before the period is not counted"),
]
# fmt: on


@pytest.mark.parametrize(("activities", "as_of", "expected"), FOLLOW_UPS)
def test_follow_up_rate(
    db: Session, own, activities: list[tuple[str, ...]], as_of: str, expected: float | None
) -> None:
    rep, colleague = make_person(db), make_person(db)
    accounts = {"A": make_account(db, rep), "B": make_account(db, rep), None: None}
    for kind, day, account, *by in activities:
        owner = colleague if by else rep
        on = date.fromisoformat(f"2026-{day}")
        make_activity(db, owner, on, type=kind, account=accounts[account])
    values = own(rep, "2026-02", date.fromisoformat(f"2026-{as_of}"), ["follow_up_rate"])
    assert values == {"follow_up_rate": expected}


def test_follow_up_window_skips_the_organisations_holidays(db: Session, own) -> None:
    db.add(Holiday(day=date(2026, 2, 3), name="Company day"))
    db.flush()
    rep = make_person(db)
    account = make_account(db, rep)
    # Mon 2 Feb meeting: Tue 3 is a holiday, so the window is Wed 4 and Thu 5.
    make_activity(db, rep, date(2026, 2, 2), type="meeting", account=account)
    make_activity(db, rep, date(2026, 2, 5), type="call", account=account)
    assert own(rep, "2026-02", MID_FEBRUARY, ["follow_up_rate"]) == {"follow_up_rate": 1.0}


def test_follow_up_window_follows_the_working_weekdays(db: Session, own) -> None:
    db.add(OrgSettings(id=1, working_weekdays="6,0,1,2,3"))  # Sunday to Thursday
    db.flush()
    rep: Person = make_person(db)
    account = make_account(db, rep)
    # Thu 5 Feb meeting: the window is Sun 8 and Mon 9; Tue 10 is too late.
    make_activity(db, rep, date(2026, 2, 5), type="meeting", account=account)
    make_activity(db, rep, date(2026, 2, 10), type="call", account=account)
    assert own(rep, "2026-02", MID_FEBRUARY, ["follow_up_rate"]) == {"follow_up_rate": 0.0}
