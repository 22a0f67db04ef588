"""Coaching that answers results: improvement plans after an off-track quarter, and the
manager's deal-of-the-month recognition.

A disciplined manager opens an improvement plan for every off-track rep; one who avoids
performance talks mostly does not, which is what `improvement_plan_rate` should reveal.
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from pacesetter.domain.vocab import CoachingType, Role
from pacesetter.synth.calendar import (
    add_months,
    month_end,
    month_key,
    months_between,
    quarter_end,
)
from pacesetter.synth.people import Org, Person
from pacesetter.synth.plans import planned_counts
from pacesetter.synth.randomness import timestamp, working_day_between
from pacesetter.synth.records import coaching_row
from pacesetter.synth.results import Results
from pacesetter.synth.targets import personal_month_target, quarter_months
from pacesetter.synth.writer import IdSequence, Row

OFF_TRACK_RESULTS = 0.7
PLAN_DISCIPLINE = 0.7  # managers below this mostly avoid the talk
RELUCTANT_PLAN_CHANCE = 0.3
PLAN_WITHIN_DAYS = 10


def review_coaching(
    org: Org, manager: Person, results: Results, ids: IdSequence, seed: int
) -> Iterator[Row]:
    rng = random.Random(f"{seed}:review:{manager.external_id}")
    reps = [org.people[i] for i in manager.reports if org.people[i].role == Role.REP]
    if manager.role == Role.MANAGER and reps:
        yield from _improvement_plans(org, manager, reps, results, ids, rng)
        yield from _recognitions(org, manager, reps, results, ids, rng)


def _improvement_plans(
    org: Org,
    manager: Person,
    reps: list[Person],
    results: Results,
    ids: IdSequence,
    rng: random.Random,
) -> Iterator[Row]:
    for quarter in org.window.quarters():
        if quarter_end(quarter) < org.window.as_of:
            for rep in reps:
                yield from _improvement_plan(org, manager, rep, quarter, results, ids, rng)


def _improvement_plan(
    org: Org,
    manager: Person,
    rep: Person,
    quarter: date,
    results: Results,
    ids: IdSequence,
    rng: random.Random,
) -> Iterator[Row]:
    end = quarter_end(quarter)
    whole_quarter = rep.start < quarter and (rep.end is None or rep.end > end)
    shortfall = _off_track(org, rep, quarter, results) if whole_quarter else None
    if shortfall is None or _avoids_the_talk(manager, rng):
        return
    last = min(end + timedelta(days=PLAN_WITHIN_DAYS), rep.last_day(org.window))
    day = working_day_between(rng, end + timedelta(days=1), last)
    if day is not None:
        yield coaching_row(
            ids,
            CoachingType.IMPROVEMENT_PLAN,
            manager.email,
            timestamp(rng, day),
            rep.email,
            notes=shortfall,
        )


def _avoids_the_talk(manager: Person, rng: random.Random) -> bool:
    return manager.traits.discipline < PLAN_DISCIPLINE and rng.random() >= RELUCTANT_PLAN_CHANCE


def _off_track(org: Org, rep: Person, quarter: date, results: Results) -> str | None:
    """A note on the quarter when both results and activity were behind, else None."""
    first = months_between(org.window.start, quarter)
    indexes = range(first, first + 3)
    months = quarter_months(quarter)
    target = sum(personal_month_target(rep, m) for m in months)
    planned = sum(sum(planned_counts(rep, m).values()) for m in months)
    won = results.own_revenue(rep, indexes)
    done = sum(results.activities[rep.index][i] for i in indexes)
    if target <= 0 or planned <= 0 or won / target >= OFF_TRACK_RESULTS or done >= planned:
        return None
    return (
        f"Improvement plan: {won / target:.0%} of revenue target and {done} of {planned} "
        "planned activities last quarter. Weekly review of call blocks and pipeline for 6 weeks."
    )


def _recognitions(
    org: Org,
    manager: Person,
    reps: list[Person],
    results: Results,
    ids: IdSequence,
    rng: random.Random,
) -> Iterator[Row]:
    """Deal of the month, announced on the first working day of the next month."""
    team = [manager, *reps]
    for index, month in enumerate(org.window.months()):
        if month_end(month) >= org.window.as_of:
            continue
        wins = [results.best[p.index][index] for p in team if p.index in results.best]
        best = max((w for w in wins if w is not None), key=lambda w: w.amount, default=None)
        next_month = add_months(month, 1)
        day = working_day_between(rng, next_month, next_month + timedelta(days=3))
        if best is None or day is None or day > org.window.as_of:
            continue
        yield coaching_row(
            ids,
            CoachingType.RECOGNITION,
            manager.email,
            timestamp(rng, day, (9, 10)),
            org.people[best.owner].email,
            notes=f"Deal of the month {month_key(month)}: {best.name} ({best.amount:,} USD).",
            account=best.account_id,
        )
