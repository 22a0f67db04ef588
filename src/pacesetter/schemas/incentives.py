"""Reward rules and earnings as the API takes and gives them (docs/incentives.md)."""

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pacesetter.http.validation import Day, Id, UtcDateTime
from pacesetter.incentives.views import EarningRow, EarningsView

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


class EarningOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

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


class EarningsOut(BaseModel):
    period: str
    as_of: date
    items: list[EarningOut]


def earnings_out(view: EarningsView, rows: list[EarningRow] | None = None) -> EarningsOut:
    chosen = view.rows if rows is None else rows
    items = [EarningOut.model_validate(row) for row in chosen]
    return EarningsOut(period=view.period.name, as_of=view.as_of, items=items)
