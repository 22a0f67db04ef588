"""The period review (incentives/review.py) on the hand-worked team of `incentive_helpers`:
Q1 2026 closed; Ann 110% (hit by 10,000), Ben 99.99% (missed by 10), Cal 120% but left.
Mia forecast 240,000 on 14 February (the midpoint is 15 February) and 300,000 on 20 March
(too late to count); the team won 269,990."""

from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_coaching, make_forecast
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
