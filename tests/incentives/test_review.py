"""The period review (incentives/review.py) on the hand-worked team of `incentive_helpers`:
Q1 2026 closed; Ann 110% (hit by 10,000), Ben 99.99% (missed by 10), Cal 120% but left.
Mia forecast 240,000 on 14 February (the midpoint is 15 February) and 300,000 on 20 March
(too late to count); the team won 269,990."""

from datetime import date

import pytest
from incentive_helpers import commit_at_one_on_one
from sqlalchemy.orm import Session

from factories import make_activity, make_coaching, make_forecast
from pacesetter.domain.errors import Invalid
from pacesetter.domain.periods import parse_period
from pacesetter.incentives.review import build_review
from pacesetter.metrics.scorecard import build_scorecard
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope

Q1 = parse_period("2026-Q1")
AFTER = date(2026, 4, 2)


def test_the_review_of_a_closed_quarter(db: Session, team: dict[str, Person]) -> None:
    mia, ann = team["mia"], team["ann"]
    make_forecast(db, mia, "2026-Q1", 240_000, date(2026, 2, 14))
    make_forecast(db, mia, "2026-Q1", 300_000, date(2026, 3, 20))
    make_coaching(db, mia, "one_on_one", date(2026, 1, 30), person=ann)
    make_coaching(db, mia, "one_on_one", date(2026, 2, 27), person=ann)
    make_coaching(db, mia, "shadowing", date(2026, 3, 4), person=ann, rating=4)
    make_coaching(db, mia, "one_on_one", date(2026, 4, 1), person=ann)  # after the quarter
    view = build_review(db, Scope.everything(), mia, Q1, today=AFTER)
    people = {p.name: p for p in view.people}
    assert [(g.hit, g.by) for g in people["Ann"].goals] == [(True, 10_000)]
    assert [(g.hit, g.by) for g in people["Ben"].goals] == [(False, -10)]
    assert [(g.hit, g.by) for g in people["Cal"].goals] == [(True, 10_000)]
    assert (view.hit, view.missed) == (2, 1)
    assert (people["Ann"].one_on_ones, people["Ann"].ride_alongs) == (2, 1)
    assert [(g.target, g.actual, g.hit) for g in view.team_goals] == [(250_000, 269_990, True)]
    assert (view.forecast, view.forecast_on, view.team_revenue_won) == (
        240_000,
        date(2026, 2, 14),
        269_990,
    )
    assert view.forecast_error == 29_990


def test_the_review_numbers_are_the_scorecard_numbers(db: Session, team: dict[str, Person]) -> None:
    view = build_review(db, Scope.everything(), team["mia"], Q1, today=AFTER)
    card = build_scorecard(db, Scope.everything(), Q1, Q1.end, manager_id=team["mia"].id)
    from_card = {
        (row.name, line.metric, line.scope): (line.target, line.actual, line.attainment)
        for row in card.rows
        for line in row.goals
    }
    in_review = {
        (p.name, g.metric, g.scope): (g.target, g.actual, g.attainment)
        for p in view.people
        for g in p.goals
    } | {
        (view.manager, g.metric, g.scope): (g.target, g.actual, g.attainment)
        for g in view.team_goals
    }
    assert in_review == from_card


def test_a_period_still_open_has_no_review(db: Session, team: dict[str, Person]) -> None:
    with pytest.raises(Invalid, match="not closed yet"):
        build_review(db, Scope.everything(), team["mia"], Q1, today=Q1.end)


def activities(db: Session, person: Person, kind: str, on: date, count: int) -> None:
    for _ in range(count):
        make_activity(db, person, on, type=kind)


def test_commitments_kept_are_the_1on1_commitments_the_months_activities_reached(
    db: Session, team: dict[str, Person]
) -> None:
    """Ann's 1:1s with Mia, and what she did:

    | 1:1 on | for     | commits                          | stands?                         |
    |--------|---------|----------------------------------|---------------------------------|
    | 5 Jan  | 2026-01 | 10 calls, 4 meetings, 30% direct | meetings 4 (direction: no count)|
    | 20 Jan | 2026-01 | 12 calls                         | calls 12 (the later 1:1)        |
    | 3 Feb  | 2026-02 | 5 calls, 0 emails                | calls 5 (0 is no commitment)    |
    | 25 Feb | 2026-04 | 9 calls                          | no: April is not in Q1          |
    | 2 Apr  | 2026-03 | 1 meeting                        | no: dated after March's end     |

    Done: January 12 calls and 3 meetings, February 4 calls, March 1 call.
    Kept: January calls (12 >= 12); not kept: January meetings (3 < 4), February calls (4 < 5).
    """
    commit_at_one_on_one(
        db, team, date(2026, 1, 5), "2026-01", {"call": 10, "meeting": 4, "direction": 0.3}
    )
    commit_at_one_on_one(db, team, date(2026, 1, 20), "2026-01", {"call": 12})
    commit_at_one_on_one(db, team, date(2026, 2, 3), "2026-02", {"call": 5, "email": 0})
    commit_at_one_on_one(db, team, date(2026, 2, 25), "2026-04", {"call": 9})
    commit_at_one_on_one(db, team, date(2026, 4, 2), "2026-03", {"meeting": 1})
    ann = team["ann"]
    activities(db, ann, "call", date(2026, 1, 14), 12)
    activities(db, ann, "meeting", date(2026, 1, 30), 3)
    activities(db, ann, "call", date(2026, 2, 10), 4)
    activities(db, ann, "call", date(2026, 3, 2), 1)
    view = build_review(db, Scope.everything(), team["mia"], Q1, today=AFTER)
    people = {p.name: p for p in view.people}
    assert [
        (c.month, c.line, c.committed, c.actual, c.kept) for c in people["Ann"].commitments
    ] == [
        ("2026-01", "call", 12, 12, True),
        ("2026-01", "meeting", 4, 3, False),
        ("2026-02", "call", 5, 4, False),
    ]
    assert (people["Ann"].commitments_made, people["Ann"].commitments_kept) == (3, 1)
    assert people["Ann"].commitments_kept_share == 1 / 3
    assert (people["Ben"].commitments_made, people["Ben"].commitments_kept_share) == (0, None)
    ann_json = view.as_dict()["people"][0]
    assert ann_json["commitments"][0]["kept"] is True
    assert (ann_json["commitments_made"], ann_json["commitments_kept"]) == (3, 1)
    assert ann_json["commitments_kept_share"] == 1 / 3
