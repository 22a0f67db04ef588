"""The QDQ plan score (metrics.md "QDQ plan score") and activity pace, worked by hand.

A pair is (type, planned, actual to d, elapsed fraction of its month at d).
"""

import pytest

from pacesetter.domain.qdq import (
    Dimension,
    PlanPair,
    activity_pace,
    direction,
    quality,
    quantity,
    score,
)

# One month, half gone: calls 20 planned, 12 done; meetings 4 planned, 1 done.
HALF_MONTH = [PlanPair("call", 20, 12, 0.5), PlanPair("meeting", 4, 1, 0.5)]
# A quarter at mid-February: January over, February half gone, March not started.
QUARTER = [
    PlanPair("call", 20, 18, 1.0),
    PlanPair("meeting", 0, 2, 1.0),  # planned 0: adds its actual to activity pace only
    PlanPair("call", 20, 12, 0.5),
    PlanPair("meeting", 4, 1, 0.5),
    PlanPair("call", 20, 0, 0.0),
]


@pytest.mark.parametrize(
    ("pairs", "pace"),
    [
        (HALF_MONTH, (12 + 1) / (10 + 2)),
        (QUARTER, (18 + 2 + 12 + 1 + 0) / (20 + 0 + 10 + 2 + 0)),  # 33 / 32
        ([PlanPair("call", 20, 0, 0.0)], None),  # nothing expected yet
        ([PlanPair("call", 0, 5, 1.0)], None),  # only planned-0 lines: nothing expected
        ([], None),  # no plan
    ],
)
def test_activity_pace_is_all_actual_over_all_expected(
    pairs: list[PlanPair], pace: float | None
) -> None:
    assert activity_pace(pairs) == pytest.approx(pace)


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # calls min(1, 12 / 10) = 1, meetings min(1, 1 / 2) = 0.5: mean 0.75
        (HALF_MONTH, 0.75),
        # calls: 30 done of 20 + 10 + 0 expected -> 1; meetings (planned 0 + 4): 3 of 2 -> 1
        (QUARTER, 1.0),
        # month over: min(1, actual / planned) per type: (13 / 20 + 1 / 4) / 2
        ([PlanPair("call", 20, 13, 1.0), PlanPair("meeting", 4, 1, 1.0)], 0.45),
        # a type planned 0 is not scored
        ([PlanPair("call", 10, 5, 1.0), PlanPair("demo", 0, 0, 1.0)], 0.5),
        # a type with nothing expected yet is not scored: none left
        ([PlanPair("call", 10, 0, 0.0)], None),
        ([], None),
    ],
)
def test_quantity_is_the_mean_of_capped_type_ratios(
    pairs: list[PlanPair], expected: float | None
) -> None:
    assert quantity(pairs) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("share", "planned", "expected"),
    [
        (0.25, [0.5], 0.5),  # 0.25 / 0.5
        (0.6, [0.5], 1.0),  # capped at 1
        (3 / 33, [0.4, 0.6], (3 / 33) / 0.5),  # months averaged: planned 0.5
        (0.3, [], None),  # no direction line: not scored
        (0.3, [0.0], None),  # a plan of 0 cannot be divided by
        (None, [0.5], None),  # no activities: no share
    ],
)
def test_direction_is_the_share_against_the_mean_planned_share(
    share: float | None, planned: list[float], expected: float | None
) -> None:
    assert direction(share, planned) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("rating", "planned", "expected"),
    [
        (3.5, [4], 0.875),  # (3 + 4) / 2 observed over 4 planned
        (5, [3], 1.0),  # capped at 1
        (11 / 3, [4, 4, 5], (11 / 3) / (13 / 3)),  # ratings and plans averaged
        (None, [4], None),  # not observed
        (4, [], None),  # not scored
    ],
)
def test_quality_is_the_mean_rating_against_the_mean_planned_rating(
    rating: float | None, planned: list[float], expected: float | None
) -> None:
    assert quality(rating, planned) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("dimensions", "lowest", "binding"),
    [
        ((0.75, 5 / 13, 0.875), 5 / 13, Dimension.DIRECTION),
        ((0.6, None, None), 0.6, Dimension.QUANTITY),  # only quantity scored
        ((None, None, 0.5), 0.5, Dimension.QUALITY),
        ((1.0, 1.0, 1.0), 1.0, Dimension.QUANTITY),  # a tie: the first of Q, D, Q
        ((0.9, 0.7, 0.7), 0.7, Dimension.DIRECTION),  # a tie below quantity: direction first
        ((None, None, None), None, None),  # nothing scored
    ],
)
def test_score_is_the_weakest_dimension_and_names_it(
    dimensions: tuple[float | None, float | None, float | None],
    lowest: float | None,
    binding: Dimension | None,
) -> None:
    found = score(*dimensions)
    assert (found.score, found.binding) == (pytest.approx(lowest), binding)
    assert (found.quantity, found.direction, found.quality) == dimensions
