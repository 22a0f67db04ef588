"""Activity plans in the API: a month's plan with where each line came from and its proposals,
the plans of the reps a viewer may see, and the bodies that change them."""

from typing import Literal

from pydantic import BaseModel, Field

from pacesetter.http.validation import Number, UtcDateTime
from pacesetter.schemas.paging import PageOut

# A plan line's name -> its planned value (a count, a share 0-1, a rating 1-5).
PlanLines = dict[str, Number]


class PlanIn(BaseModel):
    """The month's whole plan: a line left out is dropped."""

    lines: PlanLines = Field(max_length=16)


class ProposalIn(BaseModel):
    """The plan as the rep would have it; the lines that differ become the proposal."""

    lines: PlanLines = Field(max_length=16)
    note: str | None = Field(default=None, max_length=2000)


class DecisionIn(BaseModel):
    decision: Literal["approve", "reject"]
    note: str | None = Field(default=None, max_length=2000, description="Required to reject")


class OriginOut(BaseModel):
    label: str
    href: str | None


class ProposalOut(BaseModel):
    id: int
    person_id: int
    month: str
    changes: dict[str, Number | None] = Field(description="line -> planned; null drops the line")
    note: str | None
    status: Literal["proposed", "approved", "rejected"]
    proposed_by: str
    proposed_at: UtcDateTime
    decided_by: str | None
    decided_at: UtcDateTime | None
    decision_note: str | None


class MonthPlanOut(BaseModel):
    person_id: int
    name: str
    month: str
    lines: PlanLines
    origins: dict[str, OriginOut] = Field(description="Only lines whose source is recorded")
    last_month: PlanLines
    proposals: list[ProposalOut]
    may_set: bool
    may_propose: bool


class TeamPlanOut(BaseModel):
    person_id: int
    name: str
    email: str
    lines: PlanLines
    proposals_waiting: int


class TeamPlansOut(BaseModel):
    month: str
    paging: PageOut
    rows: list[TeamPlanOut]
