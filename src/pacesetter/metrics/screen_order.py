"""The order of each long screen's rows, shared by its page and its JSON twin so both show
the same page: with "attention" (the default), the people who need it first; with "name",
the order the screen is built in (by name).
"""

from collections.abc import Sequence

from pacesetter.domain.attention import least, lowest_first
from pacesetter.metrics.quadrant import QuadrantRow
from pacesetter.metrics.scorecard import ScorecardRow

ATTENTION = "attention"


def scorecard_rows(rows: Sequence[ScorecardRow], order: str) -> list[ScorecardRow]:
    """By the lowest pace of a person's goals (their team's too, for a manager) first, the
    people without a paced goal after."""
    if order != ATTENTION:
        return list(rows)
    return lowest_first(rows, lambda row: least(goal.pace for goal in row.goals))


def quadrant_rows(rows: Sequence[QuadrantRow], order: str) -> list[QuadrantRow]:
    """By the lower of a rep's results pace and activity pace first (the reps behind on
    both, or far behind on one, lead), the reps with neither pace after."""
    if order != ATTENTION:
        return list(rows)
    return lowest_first(rows, _lower_pace)


def _lower_pace(row: QuadrantRow) -> float | None:
    return least((row.placement.results_pace, row.placement.activity_pace))
