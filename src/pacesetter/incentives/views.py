"""Earnings as the pages, the API and the payout statement show them: one row per person and
rule, with names, and the working of both figures in words."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.periods import Period, PeriodKind, period_of
from pacesetter.exports.csv import Cell
from pacesetter.incentives.earnings import Earning, earnings
from pacesetter.metrics.org_settings import fiscal_year_start_month
from pacesetter.store.models import Person, RewardRule
from pacesetter.store.scope import Scope

STATEMENT_HEADER = (
    "period",
    "as_of",
    "person",
    "email",
    "rule",
    "kind",
    "goal_id",
    "earned_so_far",
    "at_current_pace",
    "how_so_far",
    "how_at_pace",
)


@dataclass(frozen=True)
class PersonEarning:
    """One person's earnings under one rule, so far and at pace, with the working: all the
    API's earnings show of a row (schemas.incentives.EarningsOut's items)."""

    person_id: int
    person: str
    rule_id: int
    rule: str
    kind: str
    goal_id: int | None
    so_far: Decimal
    at_pace: Decimal
    how_so_far: str
    how_at_pace: str


@dataclass(frozen=True)
class EarningRow(PersonEarning):
    """The same with the period and the person's email, which the pages, the payout statement
    and the digest read too."""

    period: str
    email: str


@dataclass(frozen=True)
class EarningsView:
    period: Period
    as_of: date
    rows: list[EarningRow]  # by person name, then rule

    def of_person(self, person_id: int) -> list[EarningRow]:
        return [row for row in self.rows if row.person_id == person_id]

    def totals(self) -> dict[int, tuple[Decimal, Decimal]]:
        """Each person's total so far and at pace."""
        found: dict[int, tuple[Decimal, Decimal]] = {}
        for row in self.rows:
            so_far, at_pace = found.get(row.person_id, (Decimal(0), Decimal(0)))
            found[row.person_id] = (so_far + row.so_far, at_pace + row.at_pace)
        return found


def earnings_view(session: Session, scope: Scope, period: Period, as_of: date) -> EarningsView:
    """Every visible person's earnings for `period` at `as_of` (clipped to the period)."""
    day = min(max(as_of, period.start), period.end)
    found = earnings(session, scope, period, day)
    people = _people(session, {e.person_id for e in found})
    rows = sorted(
        (_row(period, e, people[e.person_id]) for e in found),
        key=lambda r: (r.person, r.rule, r.rule_id),
    )
    return EarningsView(period, day, rows)


def digest_earnings(session: Session, day: date) -> list[EarningRow]:
    """Everyone's earnings at `day` in each period holding it that a rule pays per (a quarter,
    a month...): what the weekly digest shows (digest.earnings.EarningsSource)."""
    kinds = session.scalars(select(RewardRule.period_kind).distinct())
    fiscal = fiscal_year_start_month(session)
    spans = sorted(period_of(day, PeriodKind(kind), fiscal) for kind in kinds)
    views = [earnings_view(session, Scope.everything(), span, day) for span in spans]
    return [row for view in views for row in view.rows]


def _people(session: Session, ids: set[int]) -> dict[int, Person]:
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(sorted(ids))))}


def _row(period: Period, earning: Earning, person: Person) -> EarningRow:
    return EarningRow(
        person.id,
        person.name,
        earning.rule_id,
        earning.rule_name,
        earning.kind,
        earning.goal_id,
        earning.so_far.amount,
        earning.at_pace.amount,
        "; ".join(earning.so_far.working),
        "; ".join(earning.at_pace.working),
        period.name,
        person.email,
    )


def statement_rows(view: EarningsView, amount: Callable[[Decimal], Cell]) -> list[Sequence[Cell]]:
    """The payout statement's rows, under STATEMENT_HEADER; `amount` writes each amount (exact
    text to the cent in CSV, a number in XLSX)."""
    return [
        (
            view.period.name,
            view.as_of,
            row.person,
            row.email,
            row.rule,
            row.kind,
            row.goal_id,
            amount(row.so_far),
            amount(row.at_pace),
            row.how_so_far,
            row.how_at_pace,
        )
        for row in view.rows
    ]
