"""The scorecard as one flat table, for CSV: one row per person, goals spread into columns.

Each (scope, metric) that any row has a goal on becomes six columns named
`goal.<scope>.<metric>.<field>` (target, actual, attainment, pace, projection, hybrid_credit),
in the order the goals first appear; a person without that goal leaves them empty. Values are
not rounded; null is an empty cell.
"""

from pacesetter.metrics.catalogue import SCORECARD_METRICS, Value
from pacesetter.metrics.scorecard import Scorecard, ScorecardRow

IDENTITY_COLUMNS = ("external_id", "email", "name", "role")
GOAL_FIELDS = ("target", "actual", "attainment", "pace", "projection", "hybrid_credit")

Cell = str | Value


def flat_header(scorecard: Scorecard) -> list[str]:
    goal_columns = [
        f"goal.{scope}.{metric}.{field}"
        for scope, metric in _goal_keys(scorecard)
        for field in GOAL_FIELDS
    ]
    return [*IDENTITY_COLUMNS, *SCORECARD_METRICS, *goal_columns]


def flat_rows(scorecard: Scorecard) -> list[list[Cell]]:
    keys = _goal_keys(scorecard)
    return [_flat_row(row, keys) for row in scorecard.rows]


def _flat_row(row: ScorecardRow, keys: list[tuple[str, str]]) -> list[Cell]:
    document = row.as_dict()
    goals = {(goal["scope"], goal["metric"]): goal for goal in document["goals"]}
    cells: list[Cell] = [document[column] for column in (*IDENTITY_COLUMNS, *SCORECARD_METRICS)]
    for key in keys:
        goal = goals.get(key, {})
        cells.extend(goal.get(field) for field in GOAL_FIELDS)
    return cells


def _goal_keys(scorecard: Scorecard) -> list[tuple[str, str]]:
    keys = ((goal.scope, goal.metric) for row in scorecard.rows for goal in row.goals)
    return list(dict.fromkeys(keys))
