"""Forecasts: every manager and director calls their team's number early in each month and
quarter, sometimes revising it before the period's midpoint.

A finished period is forecast around what the team then won, bent by the leader's bias (the
sandbagger forecasts low, the swamped player-coach high); a running one around the target.
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from pacesetter.synth.calendar import month_end, month_key, months_between, quarter_end, quarter_key
from pacesetter.synth.people import Org, Person
from pacesetter.synth.randomness import working_day_between
from pacesetter.synth.results import Results
from pacesetter.synth.targets import quarter_months, team_month_target
from pacesetter.synth.writer import Row

ROUNDING = 1000
REVISION_CHANCE = 0.35
# Days after the period start to submit, first call and revision; all before the midpoint.
MONTH_SUBMISSION = ((1, 6), (8, 13))
QUARTER_SUBMISSION = ((3, 20), (25, 40))


def forecast_rows(org: Org, results: Results, seed: int) -> Iterator[Row]:
    for leader in org.leaders():
        rng = random.Random(f"{seed}:forecast:{leader.external_id}")
        for month in org.window.months():
            yield from _period(org, leader, results, month, month_end(month), rng)
        for quarter in org.window.quarters():
            yield from _period(org, leader, results, quarter, quarter_end(quarter), rng)


def _period(
    org: Org, leader: Person, results: Results, start: date, end: date, rng: random.Random
) -> Iterator[Row]:
    is_month = start.month == end.month
    key = month_key(start) if is_month else quarter_key(start)
    first, revision = MONTH_SUBMISSION if is_month else QUARTER_SUBMISSION
    expected = _expected(org, leader, results, start, end)
    bias, noise = leader.traits.forecast_bias, leader.traits.forecast_noise
    day = _submission_day(org, start, first, rng)
    if day is None:
        return
    yield leader.email, key, _rounded(expected * bias * rng.gauss(1.0, noise)), day.isoformat()
    later = _submission_day(org, start, revision, rng)
    if later is not None and rng.random() < REVISION_CHANCE:
        closer = expected * (1 + (bias - 1) / 2) * rng.gauss(1.0, noise / 2)
        yield leader.email, key, _rounded(closer), later.isoformat()


def _expected(org: Org, leader: Person, results: Results, start: date, end: date) -> float:
    """What the team won, once the period is over; until then, the team's target."""
    if end <= org.window.as_of:
        indexes = range(
            months_between(org.window.start, start), months_between(org.window.start, end) + 1
        )
        return results.team_revenue(org, leader, indexes)
    months = quarter_months(start) if start.month != end.month else [start]
    return sum(team_month_target(org, leader, m) for m in months)


def _submission_day(
    org: Org, start: date, days: tuple[int, int], rng: random.Random
) -> date | None:
    first, last = start + timedelta(days=days[0]), start + timedelta(days=days[1])
    return working_day_between(rng, first, min(last, org.window.as_of))


def _rounded(amount: float) -> int:
    return max(0, round(amount / ROUNDING) * ROUNDING)
