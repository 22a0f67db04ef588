"""The order of the team plans table, shared by the page and its JSON twin so both show the
same page: with "attention" (the default), the reps with proposals waiting for a decision
first (the most first), then the reps with no plan for the month, then the others; with
"name", by name (the table's own order)."""

from pacesetter.plans.views import TeamRow

ATTENTION = "attention"


def ordered_plans(rows: list[TeamRow], order: str) -> list[TeamRow]:
    """The rows in `order`; stable, so by name within each group."""
    if order != ATTENTION:
        return list(rows)
    return sorted(rows, key=lambda row: (-row.waiting, bool(row.lines)))
