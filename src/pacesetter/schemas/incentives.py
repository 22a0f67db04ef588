"""Reward rules and earnings as the API takes and gives them (docs/incentives.md)."""

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pacesetter.http.validation import Day, Id, UtcDateTime
from pacesetter.incentives.views import EarningRow, EarningsView, PersonEarning
from pacesetter.incentives.what_if import WhatIf

Kind = Literal["bonus", "spiff", "team"]
PeriodKind = Literal["week", "month", "quarter", "year"]
PARAMS_DOC = (
    "The terms, numbers as text: bonus {target_bonus, tiers: [{floor, share}], bands: "
    "[{start, rate}], cap}; team {pool, split: contribution|even, tiers, bands, cap}; spiff "
    "{per_deal, window_start, window_end, first_n, min_amount, product, segment}"
)


class RuleCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    kind: Kind
    metric: str = Field("revenue_won", max_length=64)
    period_kind: PeriodKind = "quarter"
    team_manager_id: Id | None = Field(
        None, description="The team's manager; empty for everyone (admins)"
    )
    params: dict[str, Any] = Field(description=PARAMS_DOC)
    effective_from: Day
    reason: str | None = Field(None, max_length=2000)


class RuleChange(BaseModel):
    params: dict[str, Any] = Field(description=PARAMS_DOC)
    effective_from: Day = Field(
        description="The new terms' first day; the old ones end the day before"
    )
    reason: str = Field(max_length=2000)


class VersionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version_id: int
    effective_from: date
    effective_to: date | None
    params: dict[str, Any]


class RuleOut(BaseModel):
    id: int
    name: str
    kind: str
    metric: str
    period_kind: str
    team_manager_id: int | None
    versions: list[VersionOut]


class RuleChangeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    changed_by_id: int | None
    channel: str
    changed_at: UtcDateTime
    field: str
    old_value: str | None
    new_value: str | None
    reason: str


class EarningsOut(BaseModel):
    period: str
    as_of: date
    # The rows' own dataclass: each row's fields but its period (above) and the email.
    items: list[PersonEarning]


def earnings_out(view: EarningsView, rows: list[EarningRow] | None = None) -> EarningsOut:
    chosen = view.rows if rows is None else rows
    return EarningsOut(period=view.period.name, as_of=view.as_of, items=list(chosen))


class OpenDealOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str | None
    external_id: str
    amount: float
    close_date: date


class WhatIfRuleOut(BaseModel):
    rule: str
    now: Decimal
    then: Decimal
    how_now: str
    how_then: str


class WhatIfOut(BaseModel):
    goal_id: int
    person_id: int
    metric: str
    period: str
    target: float
    deals: list[OpenDealOut] = Field(description="The person's open pipeline, largest first")
    deal_id: int | None
    actual: float | None
    attainment: float | None
    new_actual: float | None = Field(description="The goal's actual with the deal won")
    new_attainment: float | None
    rules: list[WhatIfRuleOut]


def what_if_out(result: WhatIf) -> WhatIfOut:
    goal = result.goal
    return WhatIfOut(
        goal_id=goal.id,
        person_id=goal.person_id,
        metric=goal.metric,
        period=goal.period,
        target=goal.target,
        deals=[OpenDealOut.model_validate(deal) for deal in result.deals],
        deal_id=result.deal.id if result.deal else None,
        actual=result.actual,
        attainment=result.attainment,
        new_actual=result.new_actual,
        new_attainment=result.new_attainment,
        rules=[
            WhatIfRuleOut(
                rule=r.rule,
                now=r.now.amount,
                then=r.then.amount,
                how_now="; ".join(r.now.working),
                how_then="; ".join(r.then.working),
            )
            for r in result.rules
        ],
    )
