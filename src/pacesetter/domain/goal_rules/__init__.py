"""The rules of the goal lint, grouped by what they look at (see `domain/goal_lint.py`)."""
