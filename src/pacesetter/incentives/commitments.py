"""Commitments kept in a period: what each person committed to at their 1:1s for the months of
the period, and whether the month's activities reached it (docs/incentives.md).

A 1:1 records the commitments for the month after the one it reviews (`details.plan_month`,
`details.commitments`: plan line -> quantity); they become that month's plan lines. Here:

- a commitment is one activity line of one month with a quantity above zero (direction and
  quality are not quantities of an activity; committing to none is no commitment);
- when several 1:1s committed the same line for the same month, the latest one dated on or
  before the month's end stands (as the plan page's "where it came from"); a 1:1 dated after
  the month cannot commit to it;
- it is kept when the activities of that type the person owned in that month reached it.

Set-based: one statement for the 1:1s of everyone in `people`, one grouped activity count.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import CoachingType
from pacesetter.metrics.plans import ACTIVITY_LINES, activity_counts
from pacesetter.store.models import CoachingRecord

People = Select[tuple[int]]


@dataclass(frozen=True)
class Commitment:
    month: str
    line: str
    committed: float
    actual: int  # activities of the line's type in the month
    kept: bool  # actual >= committed


def commitments_in(session: Session, people: People, period: Period) -> dict[int, list[Commitment]]:
    """Each person's commitments for the months of `period`, with the month's actual."""
    months = period.months()
    standing = _standing(session, people, months)
    counts = activity_counts(session, people, months, period.end)
    found: dict[int, list[Commitment]] = {}
    for (person_id, month, line), committed in sorted(standing.items(), key=_order):
        actual = counts.get((person_id, month.start, line), 0)
        kept = Commitment(month.name, line, committed, actual, actual >= committed)
        found.setdefault(person_id, []).append(kept)
    return found


def _standing(
    session: Session, people: People, months: Sequence[Period]
) -> dict[tuple[int, Period, str], float]:
    """The commitment that stands per (person, month, line): the latest 1:1's."""
    by_name = {month.name: month for month in months}
    statement = (
        select(CoachingRecord)
        .where(
            CoachingRecord.person_id.in_(people),
            CoachingRecord.type == CoachingType.ONE_ON_ONE,
            CoachingRecord.occurred_on <= months[-1].end,
        )
        .order_by(CoachingRecord.occurred_at, CoachingRecord.id)
    )
    found: dict[tuple[int, Period, str], float] = {}
    for record in session.scalars(statement):
        details = record.details or {}
        month = by_name.get(str(details.get("plan_month")))
        if month is None or record.occurred_on > month.end or record.person_id is None:
            continue
        for line, quantity in (details.get("commitments") or {}).items():
            if line in ACTIVITY_LINES:
                found[(record.person_id, month, line)] = float(quantity)
    return {key: quantity for key, quantity in found.items() if quantity > 0}


def _order(item: tuple[tuple[int, Period, str], float]) -> tuple[int, object, str]:
    (person_id, month, line), _ = item
    return person_id, month.start, line
