"""What the digest reads of each person's earnings: one line per person and reward rule, so
far and at the current pace, in the periods that hold the week's last day.

The earnings are the incentives package's own view (`incentives.views.digest_earnings`), the
same rows as the earnings page. The digest sits below the goals and incentives packages (a goal
decision is event mail), so it cannot import them: whoever sends the digest hands the source
in (`pacesetter digest send` does), and the digest reads the rows by their shape alone.
"""

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol

from sqlalchemy.orm import Session


class EarningLine(Protocol):
    """One person's earnings under one rule in one period."""

    @property
    def person_id(self) -> int: ...
    @property
    def period(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def so_far(self) -> Decimal: ...
    @property
    def at_pace(self) -> Decimal: ...


# Everyone's earnings in the periods holding the day.
EarningsSource = Callable[[Session, date], Sequence[EarningLine]]


def by_person(lines: Sequence[EarningLine]) -> dict[int, list[EarningLine]]:
    found: dict[int, list[EarningLine]] = {}
    for line in lines:
        found.setdefault(line.person_id, []).append(line)
    return found
