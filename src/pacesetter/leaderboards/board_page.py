"""One page of a leaderboard, as the page and its JSON twin show it: a page of the ranking
(rank order; the ranks stay those of the whole board) and the latest recognitions of the
period, however many people the board ranks. The downloads keep every row."""

from dataclasses import replace

from pacesetter.leaderboards.board import LeaderboardView, LeaderRow

# The recognitions shown beside the ranking, the latest first; the answer says how many
# there were in all.
LATEST_RECOGNITIONS = 20


def board_page(view: LeaderboardView, rows: list[LeaderRow]) -> LeaderboardView:
    """The board with only `rows` (a page of its ranking) and its latest recognitions."""
    return replace(view, rows=rows, recognitions=view.recognitions[:LATEST_RECOGNITIONS])
