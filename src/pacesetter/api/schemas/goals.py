"""Goals as the API takes and gives them."""

from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pacesetter.domain.goal_lint import Finding
from pacesetter.domain.vocab import GoalKind, GoalStatus
from pacesetter.goals.detail import GoalDetail
from pacesetter.goals.service import GoalResult
from pacesetter.goals.suggestions import Accepted, TeamSuggestion

ScopeType = Literal["person", "team"]


class Milestones(BaseModel):
    """How the target is spread over the period: weights per month or week, by name
    (`{"2026-01": 2, ...}`) or in order (`[30, 30, 40]`)."""

    kind: Literal["week", "month", "quarter"]
    weights: dict[str, float] | list[float]


class GoalCreate(BaseModel):
    scope_type: ScopeType = "person"
    person_id: int = Field(description="The person, or the manager of the team")
    metric: str
    period: str = Field(examples=["2026-Q1"])
    target: float | None
    kind: GoalKind | None = Field(None, description="Inferred from the metric when left out")
    individual_weight: float | None = Field(None, description="Hybrid: own share, 0 to 1")
    rationale: str | None = None
    distribution: Milestones | None = None
    status: Literal["proposed", "approved"] | None = Field(
        None, description="Default: approved when you may decide on it, else proposed"
    )


class GoalPatch(BaseModel):
    """Only the fields sent change. Changing an approved goal needs a `reason`."""

    target: float | None = None
    kind: GoalKind | None = None
    individual_weight: float | None = None
    distribution: Milestones | None = None
    rationale: str | None = None
    reason: str | None = None


class Approval(BaseModel):
    target: float | None = Field(None, description="An adjusted target (needs a reason)")
    reason: str | None = None
    note: str | None = Field(None, description="A note to the proposer")


class Rejection(BaseModel):
    note: str


class Retirement(BaseModel):
    reason: str


class FindingOut(BaseModel):
    rule: str
    severity: Literal["error", "warning", "info"]
    message: str
    evidence: dict[str, Any]


class GoalOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    scope_type: ScopeType
    person_id: int
    metric: str
    period: str
    period_start: date
    period_end: date
    target: float
    kind: GoalKind
    status: GoalStatus
    individual_weight: float | None
    rationale: str | None
    distribution: dict[str, Any] | None
    proposed_by_id: int | None
    decided_by_id: int | None
    decided_at: datetime | None
    decision_note: str | None


class GoalResultOut(BaseModel):
    goal: GoalOut
    findings: list[FindingOut]


class GoalsPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[GoalOut]


class MilestoneOut(BaseModel):
    name: str
    start: date
    end: date
    target: float
    actual: float | None
    status: str


class ChartPointOut(BaseModel):
    day: date
    expected: float
    actual: float | None


class PacingOut(BaseModel):
    """The goal at `as_of`, as the scorecard computes it."""

    as_of: date
    fraction: float
    expected: float
    actual: float | None
    gap: float | None
    attainment: float | None
    pace: float | None
    projection: float | None
    milestones: list[MilestoneOut]
    chart: list[ChartPointOut]


class ChangeOut(BaseModel):
    field: str
    old_value: str | None
    new_value: str | None
    reason: str
    channel: str
    changed_by_id: int | None
    changed_by: str | None
    changed_at: datetime


class GoalDetailOut(GoalOut):
    person_name: str
    pacing: PacingOut
    changes: list[ChangeOut]
    personal_share: float | None = Field(
        description="A player-coach's personal target as a share of the team target"
    )


class SuggestionIn(BaseModel):
    manager_id: int
    period: str
    team_target: Decimal = Field(gt=0)
    over_assign_pct: Decimal = Field(Decimal(0), ge=0)
    metric: str = "revenue_won"
    accept: bool = Field(False, description="Create the goals (approved where you decide)")


class SuggestedPart(BaseModel):
    person_id: int
    name: str
    personal: bool
    target: Decimal
    share_of_team: float
    reason: str


class AcceptedOut(BaseModel):
    scope_type: ScopeType
    person_id: int
    name: str
    target: float
    outcome: str
    status: str


class SuggestionOut(BaseModel):
    manager_id: int
    period: str
    metric: str
    team_target: Decimal
    over_assign_pct: Decimal
    total: Decimal
    personal_share: float | None
    parts: list[SuggestedPart]
    accepted: list[AcceptedOut]


def finding_out(finding: Finding) -> FindingOut:
    return FindingOut(
        rule=finding.rule,
        severity=finding.severity.value,
        message=finding.message,
        evidence=finding.evidence,
    )


def result_out(result: GoalResult) -> GoalResultOut:
    return GoalResultOut(
        goal=GoalOut.model_validate(result.goal),
        findings=[finding_out(finding) for finding in result.findings],
    )


def detail_out(detail: GoalDetail) -> GoalDetailOut:
    progress = detail.progress
    pace = progress.pace
    pacing = PacingOut(
        as_of=progress.as_of,
        fraction=pace.fraction,
        expected=pace.expected,
        actual=pace.actual,
        gap=pace.gap,
        attainment=pace.attainment,
        pace=pace.pace,
        projection=pace.projection,
        milestones=[MilestoneOut(**asdict(m)) for m in progress.milestones],
        chart=[ChartPointOut(**asdict(point)) for point in progress.chart],
    )
    changes = [
        ChangeOut(
            field=change.field,
            old_value=change.old_value,
            new_value=change.new_value,
            reason=change.reason,
            channel=change.channel,
            changed_by_id=change.changed_by_id,
            changed_by=detail.names.get(change.changed_by_id or 0),
            changed_at=change.changed_at,
        )
        for change in detail.changes
    ]
    return GoalDetailOut(
        **GoalOut.model_validate(detail.goal).model_dump(),
        person_name=detail.person.name,
        pacing=pacing,
        changes=changes,
        personal_share=detail.share.share if detail.share else None,
    )


def suggestion_out(team: TeamSuggestion, accepted: list[Accepted]) -> SuggestionOut:
    suggestion = team.suggestion
    parts = [
        SuggestedPart(
            person_id=part.member.person_id,
            name=part.member.name,
            personal=part.member.personal,
            target=part.amount,
            share_of_team=part.share_of_team,
            reason=part.reason,
        )
        for part in suggestion.parts
    ]
    done = [
        AcceptedOut(
            scope_type=a.scope.scope_type,  # type: ignore[arg-type]
            person_id=a.scope.person_id,
            name=a.name,
            target=a.target,
            outcome=a.outcome,
            status=a.status,
        )
        for a in accepted
    ]
    return SuggestionOut(
        manager_id=team.manager.id,
        period=suggestion.period.name,
        metric=team.metric,
        team_target=suggestion.team_target,
        over_assign_pct=suggestion.over_assign_pct,
        total=suggestion.total,
        personal_share=suggestion.personal_share,
        parts=parts,
        accepted=done,
    )
