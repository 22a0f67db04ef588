"""What the seller loop remembers after a seller is written: a few numbers per month.

Forecasts, improvement plans, recognitions and 1:1 notes need results, not rows, so this is
all that is kept while ten million activities stream past.
"""

from dataclasses import dataclass, field

from pacesetter.domain.vocab import DealStatus
from pacesetter.synth.calendar import months_between
from pacesetter.synth.deals import Deal
from pacesetter.synth.people import Org, Person


@dataclass(frozen=True, slots=True)
class BestDeal:
    amount: int
    deal_id: str
    name: str
    account_id: str
    owner: int


@dataclass(slots=True)
class Results:
    months: int
    revenue: dict[int, list[float]] = field(default_factory=dict)  # won, per window month
    activities: dict[int, list[int]] = field(default_factory=dict)  # count, per window month
    best: dict[int, list[BestDeal | None]] = field(default_factory=dict)  # biggest win a month

    def record(self, org: Org, seller: Person, deals: list[Deal], activities: list[int]) -> None:
        revenue = [0.0] * self.months
        best: list[BestDeal | None] = [None] * self.months
        for deal in deals:
            index = months_between(org.window.start, deal.close)
            if deal.status != DealStatus.WON or not 0 <= index < self.months:
                continue
            revenue[index] += deal.amount
            current = best[index]
            if current is None or deal.amount > current.amount:
                account = deal.account.external_id
                best[index] = BestDeal(
                    deal.amount, deal.external_id, deal.name, account, seller.index
                )
        self.revenue[seller.index] = revenue
        self.activities[seller.index] = activities
        self.best[seller.index] = best

    def own_revenue(self, person: Person, month_indexes: range) -> float:
        revenue = self.revenue.get(person.index)
        return sum(revenue[i] for i in month_indexes) if revenue else 0.0

    def team_revenue(self, org: Org, person: Person, month_indexes: range) -> float:
        """The manager and everyone below them (metrics.md)."""
        below = (self.team_revenue(org, org.people[i], month_indexes) for i in person.reports)
        return self.own_revenue(person, month_indexes) + sum(below)
