"""The order of each long screen's rows, shared by its page and its JSON twin so both show
the same page: with "attention" (the default), the people who need it first; with "name",
the order the screen is built in (by name).
"""

from collections.abc import Sequence

from pacesetter.domain.attention import least, lowest_first
from pacesetter.metrics.scorecard import ScorecardRow

ATTENTION = "attention"


def scorecard_rows(rows: Sequence[ScorecardRow], order: str) -> list[ScorecardRow]:
    """By the lowest pace of a person's goals (their team's too, for a manager) first, the
    people without a paced goal after."""
    if order != ATTENTION:
        return list(rows)
    return lowest_first(rows, lambda row: least(goal.pace for goal in row.goals))
