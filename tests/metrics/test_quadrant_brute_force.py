"""The set-based quadrant against metrics.md worked out row by row in plain Python.

A seeded random organisation (plans with some lines missing, planned-0 lines, activities of
every type with and without the right people, ratings and unrated observations, revenue goals
for months, the quarter and a week, a rep who joins in February) is placed by
`metrics.quadrant.placements` and, independently, by loops over the very rows the test wrote,
for months, a quarter and ISO weeks at dates inside and at the end of them.
"""

import random
from dataclasses import astuple
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import (
    make_account,
    make_activity,
    make_coaching,
    make_deal,
    make_goal,
    make_person,
    make_plan_line,
)
from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.periods import Period, parse_period
from pacesetter.metrics.plans import activity_paces
from pacesetter.metrics.quadrant import Placement, placements, quadrants
from pacesetter.store.models import Person

TYPES = ("call", "email", "meeting", "demo")
MONTHS = ("2026-01", "2026-02", "2026-03")
OBSERVED = ("ride_along", "shadowing", "debrief")
DIMENSIONS = ("quantity", "direction", "quality")
CALENDAR = WorkCalendar()


class World:
    """What the test wrote, kept as plain rows for the brute-force side."""

    def __init__(self) -> None:
        self.activities: list[tuple[int, date, str, bool]] = []  # owner, day, type, directed
        self.plans: list[tuple[int, str, str, float]] = []  # person, month, line, planned
        self.ratings: list[tuple[int, date, str, int | None]] = []
        self.goals: dict[tuple[int, str], float] = {}
        self.won: list[tuple[int, date, float]] = []


def _day(rng: random.Random) -> date:
    return date(2026, 1, 1) + timedelta(days=rng.randrange(90))


def _rep(db: Session, world: World, rng: random.Random, manager: Person, index: int) -> None:
    start = date(2026, 2, 9) if index == 1 else date(2020, 1, 1)
    rep = make_person(db, manager=manager, start_date=start)
    target = make_account(db, rep, is_target=True)
    plain = make_account(db, rep)
    for _ in range(rng.randrange(60, 200)):
        day, kind = _day(rng), rng.choice(TYPES)
        decision_maker, on_target = rng.random() < 0.2, rng.random() < 0.3
        account = target if on_target else plain
        make_activity(db, rep, day, type=kind, account=account, with_decision_maker=decision_maker)
        world.activities.append((rep.id, day, kind, decision_maker or on_target))
    for month in MONTHS:
        for line in (*TYPES, "direction", "quality"):
            if rng.random() < 0.25:
                continue  # a missing line
            planned = {"direction": rng.choice((0.0, 0.4, 0.6)), "quality": rng.choice((3, 4, 5))}
            value = planned.get(line, rng.choice((0, 4, 8, 16)))
            make_plan_line(db, rep, month, line, value)
            world.plans.append((rep.id, month, line, float(value)))
    for _ in range(rng.randrange(4)):
        kind, day, rating = (
            rng.choice((*OBSERVED, "one_on_one")),
            _day(rng),
            rng.choice((None, 2, 4, 5)),
        )
        make_coaching(db, manager, kind, day, person=rep, rating=rating)
        world.ratings.append((rep.id, day, kind, rating))
    for period in (*MONTHS, "2026-Q1", "2026-W05"):
        if rng.random() < 0.7:
            world.goals[(rep.id, period)] = float(rng.choice((1000, 3000)))
            make_goal(db, rep, period, world.goals[(rep.id, period)])
    for _ in range(rng.randrange(4)):
        day, amount = _day(rng), float(rng.choice((500, 1500, 4000)))
        make_deal(db, rep, amount=amount, status="won", created=date(2025, 12, 1), closed=day)
        world.won.append((rep.id, day, amount))


@pytest.fixture
def world(db: Session) -> World:
    rng, found = random.Random(20260213), World()
    manager = make_person(db, role="manager")
    for index in range(8):
        _rep(db, found, rng, manager, index)
    return found


def _fraction(start: date, end: date, d: date) -> float:
    if d < start:
        return 0.0
    if d >= end:
        return 1.0
    return CALENDAR.working_days(start, d) / CALENDAR.working_days(start, end)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _capped(actual: float | None, planned: float | None) -> float | None:
    return None if actual is None or not planned else min(1.0, actual / planned)


def _brute_force(world: World, rep: int, period: Period, d: date) -> tuple[object, ...]:
    until = min(d, period.end)
    results = _results_pace(world, rep, period, d)
    pairs, shares, qualities = _plan(world, rep, period, until)
    expected = sum(p * f for _, p, _, f in pairs)
    activity = sum(a for _, _, a, _ in pairs) / expected if pairs and expected else None
    rated = _ratings(world, rep, period.start, until)
    dimensions = (
        _quantity(pairs),
        _capped(_share(world, rep, period.start, until), _mean(shares)),
        _capped(_mean(rated), _mean(qualities)),
    )
    scored = [(v, n) for v, n in zip(dimensions, DIMENSIONS, strict=True) if v is not None]
    score = min(v for v, _ in scored) if scored else None
    binding = next(n for v, n in scored if v == score) if scored else None
    observed = not qualities or bool(rated)
    quadrant = _quadrant(results, activity)
    return (results, activity, quadrant, *dimensions, score, binding, observed)


def _results_pace(world: World, rep: int, period: Period, d: date) -> float | None:
    until = min(d, period.end)
    won = sum(a for owner, day, a in world.won if owner == rep and period.start <= day <= until)
    target, fraction = world.goals.get((rep, period.name)), _fraction(period.start, period.end, d)
    return won / (target * fraction) if target and fraction > 0 else None


def _plan(world: World, rep: int, period: Period, until: date) -> tuple[list, list, list]:
    """(type, planned, done, fraction) per activity line of the months of P; the shares and
    ratings planned."""
    pairs, shares, qualities = [], [], []
    for month in period.months():
        for person, name, line, planned in world.plans:
            if person != rep or name != month.name:
                continue
            if line == "direction":
                shares.append(planned)
            elif line == "quality":
                qualities.append(planned)
            else:
                last = min(until, month.end)
                done = sum(
                    1
                    for owner, day, kind, _ in world.activities
                    if owner == rep and kind == line and month.start <= day <= last
                )
                pairs.append((line, planned, done, _fraction(month.start, month.end, until)))
    return pairs, shares, qualities


def _quantity(pairs: list) -> float | None:
    ratios = []
    for kind in {line for line, *_ in pairs}:
        mine = [(p, a, f) for line, p, a, f in pairs if line == kind]
        planned, due = sum(p for p, _, _ in mine), sum(p * f for p, _, f in mine)
        if planned > 0 and due > 0:
            ratios.append(min(1.0, sum(a for _, a, _ in mine) / due))
    return _mean(ratios)


def _share(world: World, rep: int, start: date, until: date) -> float | None:
    window = [d for owner, day, _, d in world.activities if owner == rep and start <= day <= until]
    return sum(window) / len(window) if window else None


def _ratings(world: World, rep: int, start: date, until: date) -> list[float]:
    return [
        float(r)
        for person, day, kind, r in world.ratings
        if person == rep and kind in OBSERVED and r is not None and start <= day <= until
    ]


CASES = [
    ("2026-02", date(2026, 2, 13)),
    ("2026-02", date(2026, 2, 28)),
    ("2026-01", date(2026, 1, 1)),  # a holiday-free Thursday: the first working day
    ("2026-Q1", date(2026, 2, 18)),
    ("2026-Q1", date(2026, 3, 31)),
    ("2026-W05", date(2026, 1, 29)),  # a week across a month end, mid-week
    ("2026-W05", date(2026, 2, 1)),
]


def _quadrant(results: float | None, activity: float | None) -> str | None:
    if results is None or activity is None:
        return None
    if results >= 1:
        return "on_track" if activity >= 1 else "results_only"
    return "activity_only" if activity >= 1 else "off_track"


def test_every_entry_point_equals_the_definitions_worked_row_by_row_in_every_case(
    db: Session, world: World
) -> None:
    """`placements`, and the cheaper entry points (no QDQ direction or ratings) giving the very
    same numbers, for each case of CASES on one world (built once: it is most of the time)."""
    reps = select(Person.id).where(Person.role == "rep")
    for period, as_of in CASES:
        span, case = parse_period(period), (period, as_of)
        found = placements(db, reps, span, as_of, calendar=CALENDAR)
        quadrant_of = quadrants(db, reps, span, as_of, calendar=CALENDAR)
        paces = activity_paces(db, reps, span, min(as_of, span.end), CALENDAR)
        assert found and quadrant_of.keys() == found.keys(), ("the same reps placed", case)
        for rep, placement in found.items():
            assert isinstance(placement, Placement)
            expected = _brute_force(world, rep, span, as_of)
            assert astuple(placement) == pytest.approx(expected), (case, rep)
            _, activity, quadrant, *_ = expected
            assert quadrant_of[rep] == quadrant, (case, rep)
            assert paces.get(rep) == pytest.approx(activity), (case, rep)


def test_the_world_is_varied_enough_to_prove_something(db: Session, world: World) -> None:
    reps = select(Person.id).where(Person.role == "rep")
    found = placements(db, reps, parse_period("2026-02"), date(2026, 2, 13), calendar=CALENDAR)
    assert len({placement.quadrant for placement in found.values()}) >= 3
    assert len({placement.qdq_binding for placement in found.values()}) >= 2
    assert not all(placement.quality_observed for placement in found.values())
