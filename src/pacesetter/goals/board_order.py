"""The order of a team goals board's teams, shared by the page and its JSON twin so both
show the same page of teams: with "attention" (the default), the teams with the smallest
share of reps on pace first; with "name", by their lead's name (the board's own order)."""

from pacesetter.domain.attention import lowest_first
from pacesetter.goals.board import BoardGroup

ATTENTION = "attention"


def ordered_teams(groups: list[BoardGroup], order: str) -> list[BoardGroup]:
    """The teams by their share of reps on pace, the lowest first (teams without a rep with
    a goal last), or as the board has them."""
    if order != ATTENTION:
        return list(groups)
    return lowest_first(groups, lambda group: group.subtotal.on_pace_share)
