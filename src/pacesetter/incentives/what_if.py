"""What-if on a goal: "if I close this open deal", the goal's new attainment and what the
bonus rules on it would then pay (nothing is saved).

The deal is one of the goal's person's open pipeline at the as-of date (open at d as metrics.md
defines it). Closing it adds to the goal's actual what the deal would add to the metric: its
amount to `revenue_won`, its margin to `margin_won`, one to `deals_won`; other metrics do not
move with one deal, so they offer no what-if.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Invalid, NotFound
from pacesetter.domain.incentives import BonusTerms, Payout, bonus_payout, dec
from pacesetter.goals.progress import goal_progress
from pacesetter.goals.queries import get_goal, period_named
from pacesetter.incentives.earnings import bonus_rules_for
from pacesetter.store.models import Deal, Goal
from pacesetter.store.scope import Scope

DEAL_METRICS = ("revenue_won", "margin_won", "deals_won")


@dataclass(frozen=True)
class RuleOutcome:
    rule: str
    now: Payout
    then: Payout


@dataclass(frozen=True)
class WhatIf:
    goal: Goal
    deals: list[Deal]  # the person's open pipeline to pick from, largest first
    deal: Deal | None
    actual: float | None
    attainment: float | None
    new_actual: float | None
    new_attainment: float | None
    rules: list[RuleOutcome]


def open_deals(session: Session, person_id: int, as_of: date) -> list[Deal]:
    """The person's deals open at `as_of`, largest first."""
    statement = select(Deal).where(
        Deal.owner_id == person_id,
        Deal.created_date <= as_of,
        or_(Deal.status == "open", Deal.close_date > as_of),
    )
    return list(session.scalars(statement.order_by(Deal.amount.desc(), Deal.id)))


def what_if(
    session: Session, scope: Scope, goal_id: int, deal_id: int | None, as_of: date
) -> WhatIf:
    """The goal now, and (with a deal) as it would stand with that deal won."""
    goal = get_goal(session, scope, goal_id)
    if goal.scope_type != "person" or goal.metric not in DEAL_METRICS:
        raise Invalid("A what-if works on a person's revenue, margin or deals-won goal.")
    period = period_named(session, goal.period)
    day = min(max(as_of, period.start), period.end)
    deals = open_deals(session, goal.person_id, day)
    deal = _chosen(deals, deal_id)
    pace = goal_progress(session, goal, day).pace
    new_actual = None if deal is None else (pace.actual or 0) + _adds(goal.metric, deal)
    new_attainment = None if new_actual is None or not goal.target else new_actual / goal.target
    outcomes = [
        _outcome(name, terms, pace.attainment, new_attainment)
        for name, terms in bonus_rules_for(session, goal, period)
    ]
    return WhatIf(
        goal, deals, deal, pace.actual, pace.attainment, new_actual, new_attainment, outcomes
    )


def _chosen(deals: list[Deal], deal_id: int | None) -> Deal | None:
    if deal_id is None:
        return None
    for deal in deals:
        if deal.id == deal_id:
            return deal
    raise NotFound(f"No open deal {deal_id} of this person")


def _adds(metric: str, deal: Deal) -> float:
    if metric == "deals_won":
        return 1.0
    if metric == "margin_won":
        return float(deal.margin or 0)
    return float(deal.amount)


def _outcome(name: str, terms: BonusTerms, now: float | None, then: float | None) -> RuleOutcome:
    return RuleOutcome(
        name,
        bonus_payout(terms, _dec(now)),
        bonus_payout(terms, _dec(then if then is not None else now)),
    )


def _dec(value: float | None) -> Decimal | None:
    return None if value is None else dec(value)
