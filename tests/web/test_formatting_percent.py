"""Percentages on the pages never claim a goal is met before it is."""

import pytest

from pacesetter.web.formatting import format_percent


@pytest.mark.parametrize(
    ("share", "shown"),
    [(0.996, "99%"), (1.0, "100%"), (0.29, "29%"), (1.254, "125%"), (0.0, "0%"), (None, "\u2014")],
)
def test_a_share_reads_as_a_whole_percent_rounded_down(share: float | None, shown: str) -> None:
    assert format_percent(share) == shown
