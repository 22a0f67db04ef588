"""Pacing (metrics.md "Attainment, pacing and the quadrant"), with numbers worked by hand.

Q1 2026 has 64 working days (January 22, February 20, March 22); at Fri 13 February 32 of them
have passed (22 + 10), so the elapsed fraction is 0.5.
"""

from dataclasses import astuple
from datetime import date

import pytest

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.pacing import (
    Direction,
    MetricKind,
    MilestoneStatus,
    attainment,
    hybrid_credit,
    milestone_plan,
    milestone_table,
    pace_goal,
)
from pacesetter.domain.periods import Distribution, elapsed_fraction, parse_period

ADDITIVE, RATIO = MetricKind.ADDITIVE, MetricKind.RATIO
HIGHER, LOWER = Direction.HIGHER, Direction.LOWER
Q1 = parse_period("2026-Q1")
MON_FRI = WorkCalendar()


def test_the_worked_example_fraction_is_one_half() -> None:
    assert elapsed_fraction(Q1, date(2026, 2, 13), MON_FRI) == 0.5


# fmt: off
PACES = [
    # target, actual, fraction, kind, direction ->
    #     expected, gap, attainment, pace, projection
    pytest.param(200, 100, 0.5, ADDITIVE, HIGHER, (100, 0, 0.5, 1.0, 200),
                 id="additive on pace: 100 of 200 at half time"),
    pytest.param(1000, 150, 0.25, ADDITIVE, HIGHER, (250, -100, 0.15, 0.6, 600),
                 id="additive behind: 150 / (1000 x 0.25), 150 / 0.25"),
    pytest.param(1000, 0, 0.0, ADDITIVE, HIGHER, (0, 0, 0.0, None, None),
                 id="additive at fraction 0: pace and projection null"),
    pytest.param(1000, 40, 0.0, ADDITIVE, HIGHER, (0, 40, 0.04, None, None),
                 id="additive, actual before any working day: still null"),
    pytest.param(0, 5, 0.5, ADDITIVE, HIGHER, (0, 5, None, None, 10),
                 id="additive target 0: attainment and pace null, projection 5 / 0.5"),
    pytest.param(0.4, 0.3, 0.5, RATIO, HIGHER, (0.4, -0.1, 0.75, 0.75, 0.3),
                 id="ratio: pace = attainment 0.3 / 0.4, projection = actual"),
    pytest.param(0.4, 0.5, 0.0, RATIO, HIGHER, (0.4, 0.1, 1.25, 1.25, 0.5),
                 id="ratio at fraction 0: nothing accrues, so pace is still the attainment"),
    pytest.param(0.4, None, 0.5, RATIO, HIGHER, (0.4, None, None, None, None),
                 id="ratio over nothing: all null"),
    pytest.param(30, 40, 0.5, RATIO, LOWER, (30, 10, 0.75, 0.75, 40),
                 id="sales cycle 40 days against 30: attainment 30 / 40"),
    pytest.param(30, 20, 0.5, RATIO, LOWER, (30, -10, 1.5, 1.5, 20),
                 id="sales cycle 20 days against 30: attainment 30 / 20"),
    pytest.param(30, 0, 0.5, RATIO, LOWER, (30, -30, None, None, 0),
                 id="sales cycle 0 days: attainment null"),
]
# fmt: on


@pytest.mark.parametrize(("target", "actual", "fraction", "kind", "direction", "expected"), PACES)
def test_pace_goal(
    target: float,
    actual: float | None,
    fraction: float,
    kind: MetricKind,
    direction: Direction,
    expected: tuple[object, ...],
) -> None:
    paced = pace_goal(target, actual, fraction, kind, direction)
    assert astuple(paced) == pytest.approx((target, actual, fraction, *expected))


def test_attainment_is_null_without_a_target() -> None:
    assert attainment(None, 50.0) is None


# fmt: off
HYBRIDS = [
    # weight, individual, team, has team goal -> credit
    pytest.param(None, 0.8, 0.5, True, 0.8, id="no weight: the individual attainment"),
    pytest.param(1.0, 0.8, None, False, 0.8, id="w = 1 needs no team goal"),
    pytest.param(0.6, 0.8, 0.5, True, 0.68, id="0.6 x 0.8 + 0.4 x 0.5"),
    pytest.param(0.25, 1.2, 0.6, True, 0.75, id="0.25 x 1.2 + 0.75 x 0.6"),
    pytest.param(0.6, 0.8, None, False, None, id="w < 1 without the team goal: null"),
    pytest.param(0.6, 0.8, None, True, None, id="team attainment null: null"),
    pytest.param(0.6, None, 0.5, True, None, id="individual attainment null: null"),
    pytest.param(0.0, None, 0.5, True, 0.5, id="w = 0: the team alone"),
]
# fmt: on


@pytest.mark.parametrize(("weight", "individual", "team", "has_team_goal", "expected"), HYBRIDS)
def test_hybrid_credit(
    weight: float | None,
    individual: float | None,
    team: float | None,
    has_team_goal: bool,
    expected: float | None,
) -> None:
    credit = hybrid_credit(weight, individual, team, has_team_goal=has_team_goal)
    assert credit == pytest.approx(expected)


def _shares(plan: list) -> list[tuple[str, float]]:
    return [(sub.name, pytest.approx(weight)) for sub, _, _, weight in plan]


def test_milestones_spread_evenly_by_working_days() -> None:
    # Q1: January 22, February 20, March 22 of 64 working days.
    assert _shares(milestone_plan(Q1, MON_FRI)) == [
        ("2026-01", 22 / 64),
        ("2026-02", 20 / 64),
        ("2026-03", 22 / 64),
    ]


def test_milestones_of_a_month_are_its_iso_weeks_clipped_to_it() -> None:
    # February 2026 starts on a Sunday: week 5 keeps only Sun 1 Feb (no working day); weeks 6-9
    # have 5 working days each (week 9 clipped to 23-28 February).
    plan = milestone_plan(parse_period("2026-02"), MON_FRI)
    assert _shares(plan) == [
        ("2026-W05", 0.0),
        ("2026-W06", 0.25),
        ("2026-W07", 0.25),
        ("2026-W08", 0.25),
        ("2026-W09", 0.25),
    ]
    assert (plan[0][1], plan[0][2]) == (date(2026, 2, 1), date(2026, 2, 1))


def test_milestones_follow_a_distribution() -> None:
    plan = milestone_plan(Q1, MON_FRI, Distribution("month", [3, 3, 4]))
    assert _shares(plan) == [("2026-01", 0.3), ("2026-02", 0.3), ("2026-03", 0.4)]


def test_a_week_goal_has_no_milestones() -> None:
    assert milestone_plan(parse_period("2026-W07"), MON_FRI) == []


FEB_13 = date(2026, 2, 13)
HIT, MISSED = MilestoneStatus.HIT, MilestoneStatus.MISSED
IN_PROGRESS, UPCOMING = MilestoneStatus.IN_PROGRESS, MilestoneStatus.UPCOMING

# fmt: off
MILESTONES = [
    # Target 6400 spread 22/20/22 of 64: January 2200, February 2000, March 2200.
    pytest.param(6400, [2300, 1500, None], ADDITIVE, HIGHER, [2200, 2000, 2200],
                 [HIT, IN_PROGRESS, UPCOMING], id="January hit, February under way"),
    pytest.param(6400, [2100, 2050, None], ADDITIVE, HIGHER, [2200, 2000, 2200],
                 [MISSED, HIT, UPCOMING], id="an additive share reached early is hit at once"),
    # A ratio holds each month to the whole target, and is only hit once the month is over.
    pytest.param(0.4, [0.5, 0.45, None], RATIO, HIGHER, [0.4, 0.4, 0.4],
                 [HIT, IN_PROGRESS, UPCOMING], id="win rate: February above 0.4 but not over"),
    pytest.param(30, [25, None, None], RATIO, LOWER, [30, 30, 30],
                 [HIT, IN_PROGRESS, UPCOMING], id="sales cycle: 25 days beats 30"),
]
# fmt: on


@pytest.mark.parametrize(
    ("target", "actuals", "kind", "direction", "targets", "statuses"), MILESTONES
)
def test_milestone_table(
    target: float,
    actuals: list[float | None],
    kind: MetricKind,
    direction: Direction,
    targets: list[float],
    statuses: list[MilestoneStatus],
) -> None:
    table = milestone_table(target, milestone_plan(Q1, MON_FRI), actuals, FEB_13, kind, direction)
    assert [m.target for m in table] == pytest.approx(targets)
    assert [m.actual for m in table] == actuals
    assert [m.status for m in table] == statuses


def test_a_ratio_milestone_below_target_at_its_end_is_missed() -> None:
    plan = milestone_plan(Q1, MON_FRI)
    table = milestone_table(30, plan, [40, 35, 31], date(2026, 3, 31), RATIO, LOWER)
    assert [m.status for m in table] == [MISSED, MISSED, MISSED]
