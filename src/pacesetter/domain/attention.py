"""The order in which long lists put the people and teams who need attention first, so that
a screen's first page is the useful one: the lowest of a measure first (a pace, an
attainment), the rows without one after, each group in the order it came in (by name)."""

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

Row = TypeVar("Row")


def lowest_first(rows: Sequence[Row], measure: Callable[[Row], float | None]) -> list[Row]:
    """`rows` by `measure` from the lowest up, those without one last; stable."""
    known = [row for row in rows if measure(row) is not None]
    unknown = [row for row in rows if measure(row) is None]
    return sorted(known, key=lambda row: measure(row) or 0.0) + unknown


def least(values: Iterable[float | None]) -> float | None:
    """The lowest of the values that are known (None: none is)."""
    known = [value for value in values if value is not None]
    return min(known) if known else None
