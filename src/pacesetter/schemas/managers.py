"""The manager report as the API shows it: the CLI's JSON rows (docs/managers.md), plus what a
page needs to link and label them (the person's id, name and role)."""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from pacesetter.http.validation import PERIOD_PATTERN, Id, NonNegativeNumber, UtcDateTime
from pacesetter.schemas.paging import PageOut

Recommendation = Literal["leadership_only", "limit_personal_target", "player_coach_ok"]
SignalChange = Literal["new", "persisting", "cleared"]


class SignalOut(BaseModel):
    name: str
    evidence: dict[str, Any]


class RecommendationOut(BaseModel):
    value: Recommendation
    reasons: list[str]


class ForecastOut(BaseModel):
    period: str
    forecast: float | None
    actual: float
    accuracy: float | None


class ForecastRollupOut(BaseModel):
    forecast: float | None
    submitted_on: date | None
    won: float
    pipeline: float


class ManagerRowOut(BaseModel):
    external_id: str
    email: str
    team_attainment: float | None
    pct_reps_at_goal: float | None
    forecast_accuracy: float | None
    one_on_one_cadence: float | None
    check_in_cadence: float | None
    ride_alongs: int
    pre_briefs: int
    debriefs: int
    team_meetings: int
    interviews: int
    crm_compliance: float | None
    activity_standard: float | None
    time_to_first_goal_month: float | None
    time_to_first_goal_waiting: int
    rep_retention: float | None
    improvement_plan_rate: float | None
    upward_feedback: float | None
    customer_experience: float | None
    personal_target_share: float | None
    top_account_share: float | None
    selling_time_share: float | None
    signals: list[SignalOut]
    recommendation: RecommendationOut
    person_id: int
    name: str
    role: str
    forecast_history: list[ForecastOut]
    forecast_rollup: ForecastRollupOut | None
    # Each signal fired now or in the previous period of the same length (at its end).
    signal_changes: dict[str, SignalChange]


class ManagersOut(BaseModel):
    period: str
    previous_period: str | None
    as_of: date
    paging: PageOut
    rows: list[ManagerRowOut]


class ForecastIn(BaseModel):
    manager_id: Id
    amount: NonNegativeNumber
    period: Annotated[
        str | None, Field(max_length=32, json_schema_extra={"pattern": f"^$|{PERIOD_PATTERN}"})
    ] = None


class SubmittedForecastOut(BaseModel):
    id: int
    manager_id: int
    period: str
    amount: float
    submitted_at: UtcDateTime
    submitted_on: date


class WhatIfOut(BaseModel):
    manager_id: int
    period: str
    as_of: date
    direct_reports: int
    personal_target_share: float | None
    now: RecommendationOut
    then: RecommendationOut
