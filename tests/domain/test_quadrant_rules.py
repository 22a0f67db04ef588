"""Quadrant placement (metrics.md "Attainment, pacing and the quadrant"): 1 is on pace."""

import pytest

from pacesetter.domain.quadrant import ADVICE, Quadrant, place


@pytest.mark.parametrize(
    ("results", "activity", "quadrant"),
    [
        (1.0, 1.0, Quadrant.ON_TRACK),  # exactly on pace counts as on track
        (1.5, 1.2, Quadrant.ON_TRACK),
        (1.0, 0.99, Quadrant.RESULTS_ONLY),  # results >= 1 > activity
        (0.99, 1.0, Quadrant.ACTIVITY_ONLY),  # activity >= 1 > results
        (0.0, 0.5, Quadrant.OFF_TRACK),
        (None, 1.2, None),  # no revenue goal: not placed
        (1.2, None, None),  # no plan (or nothing expected yet): not placed
        (None, None, None),
    ],
)
def test_place_by_both_paces(
    results: float | None, activity: float | None, quadrant: Quadrant | None
) -> None:
    assert place(results, activity) == quadrant


def test_every_quadrant_says_what_it_means_and_what_to_do() -> None:
    assert set(ADVICE) == set(Quadrant)
    assert all(advice.meaning and advice.action for advice in ADVICE.values())
