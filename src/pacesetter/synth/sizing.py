"""Targets from each seller's own results, as a careful manager sets them and as the goal lint
weighs them: a tenth above the seller's average over the last three comparable periods (months
for a monthly goal, quarters for a quarterly one) that they worked throughout and that the data
covers. Without such a period (early in the generated window, a new hire) the target is the one
`targets` gives: the team standard, sized by what the person has shown and ramped by tenure.

A team's target is the sum of its members' and its manager's own, as the goals were written.
Activity goals follow the same idea: the plan's standard counts, scaled by how the seller's
activity volume compared with their plan over the last three months, plus a tenth.
"""

from collections.abc import Sequence
from datetime import date
from statistics import mean

from pacesetter.domain.vocab import ActivityType
from pacesetter.synth.calendar import add_months, month_end, months_between
from pacesetter.synth.people import Org, Person
from pacesetter.synth.plans import planned_counts
from pacesetter.synth.results import Results
from pacesetter.synth.targets import GROWTH, ROUNDING, activity_factor, personal_month_target

TRAILING = 3


class Sizer:
    def __init__(self, org: Org, results: Results, careless: set[int]) -> None:
        self.org, self.results, self.careless = org, results, careless

    def personal(self, seller: Person, months: Sequence[date]) -> float:
        """The seller's revenue target for the period made of `months`."""
        sized = seller.index not in self.careless
        standard = sum(personal_month_target(seller, m, sized=sized) for m in months)
        history = self._trailing(seller, months) if sized and standard > 0 else []
        if not history:
            return standard
        return round(GROWTH * mean(history) / ROUNDING) * ROUNDING

    def team(self, leader: Person, months: Sequence[date]) -> float:
        """The manager's own part and everyone's below them."""
        below = (self.team(self.org.people[i], months) for i in leader.reports)
        return self.personal(leader, months) + sum(below)

    def activities(self, seller: Person, month: date) -> dict[ActivityType, int]:
        """The seller's activity goals for the month, by type (the plan's types)."""
        spans = self._spans(seller, [month])
        done = sum(self.results.activities[seller.index][i] for span in spans for i in span)
        plan = sum(self._planned(seller, span) for span in spans)
        factor = GROWTH * done / plan if plan else activity_factor(seller, month)
        planned = planned_counts(seller, month)
        return {kind: max(1, round(count * factor)) for kind, count in planned.items() if count}

    def _planned(self, seller: Person, span: range) -> int:
        months = (add_months(self.org.window.start, i) for i in span)
        return sum(sum(planned_counts(seller, month).values()) for month in months)

    def _trailing(self, seller: Person, months: Sequence[date]) -> list[float]:
        """The seller's results in the comparable periods before, latest first."""
        return [self.results.own_revenue(seller, span) for span in self._spans(seller, months)]

    def _spans(self, seller: Person, months: Sequence[date]) -> list[range]:
        """The window's month indexes of the comparable periods before, latest first, that
        the seller worked throughout."""
        start, span = self.org.window.start, len(months)
        first = months_between(start, months[0])
        found = []
        for back in range(1, TRAILING + 1):
            index = first - back * span
            if index < 0:  # before the window: no data
                break
            begin, end = add_months(start, index), month_end(add_months(start, index + span - 1))
            if _worked_throughout(seller, begin, end):
                found.append(range(index, index + span))
        return found


def _worked_throughout(person: Person, begin: date, end: date) -> bool:
    return person.start <= begin and (person.end is None or person.end >= end)
