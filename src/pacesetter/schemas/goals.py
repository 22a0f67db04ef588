"""Goals as the API takes and gives them."""

from datetime import date
from decimal import Decimal
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic.json_schema import SkipJsonSchema

from pacesetter.domain.goal_lint import Finding, ScopeKey
from pacesetter.domain.suggest import Part
from pacesetter.domain.vocab import GoalKind, GoalStatus
from pacesetter.goals.detail import GoalDetail
from pacesetter.goals.progress import GoalProgress
from pacesetter.goals.service import GoalInput, GoalResult
from pacesetter.goals.suggestions import Accepted, SuggestionRequest, TeamSuggestion
from pacesetter.http.validation import Amount, Id, Number, UtcDateTime

ScopeType = Literal["person", "team"]
Model = TypeVar("Model", bound=BaseModel)


class Milestones(BaseModel):
    """How the target is spread over the period: weights per month or week, by name
    (`{"2026-01": 2, ...}`) or in order (`[30, 30, 40]`)."""

    kind: Literal["week", "month", "quarter"]
    weights: dict[str, float] | list[float]


class GoalCreate(BaseModel):
    model_config = ConfigDict(use_enum_values=True)

    scope_type: ScopeType = "person"
    person_id: Id = Field(description="The person, or the manager of the team")
    metric: str
    period: str = Field(examples=["2026-Q1"])
    target: Number | None
    kind: GoalKind | None = Field(None, description="Inferred from the metric when left out")
    individual_weight: Number | None = Field(None, description="Hybrid: own share, 0 to 1")
    rationale: str | None = None
    distribution: Milestones | None = None
    status: Literal["proposed", "approved"] | None = Field(
        None, description="Default: approved when you may decide on it, else proposed"
    )

    def as_input(self) -> GoalInput:
        values = self.model_dump(exclude={"scope_type", "person_id"})
        return GoalInput(scope=ScopeKey(self.scope_type, self.person_id), **values)


class GoalPatch(BaseModel):
    """Only the fields sent change. Changing an approved goal needs a `reason`."""

    model_config = ConfigDict(use_enum_values=True)

    # May be left out, never null: a goal always has a target and a kind.
    target: Number | SkipJsonSchema[None] = None
    kind: GoalKind | SkipJsonSchema[None] = None
    individual_weight: Number | None = None
    distribution: Milestones | None = None
    rationale: str | None = None
    reason: str | None = None

    @field_validator("target", "kind")
    @classmethod
    def _not_null(cls, value: object, info: ValidationInfo) -> object:
        if value is None:
            raise ValueError(f"{info.field_name} may be left out, but not null")
        return value


class Approval(BaseModel):
    target: Number | None = Field(None, description="An adjusted target (needs a reason)")
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
    decided_at: UtcDateTime | None
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
    changed_at: UtcDateTime


class GoalDetailOut(GoalOut):
    person_name: str
    pacing: PacingOut
    changes: list[ChangeOut]
    personal_share: float | None = Field(
        description="A player-coach's personal target as a share of the team target"
    )


class SuggestionIn(BaseModel):
    manager_id: Id
    period: str
    team_target: Amount = Field(gt=0)
    over_assign_pct: Amount = Field(Decimal(0), ge=0)
    metric: str = "revenue_won"
    accept: bool = Field(False, description="Create the goals (approved where you decide)")
    approved_reason: str | None = Field(
        None,
        description="Why approved goals may change: without it an approved goal with another "
        "target is kept (outcome `kept`); with it the change is made and the reason recorded",
    )

    def as_request(self) -> SuggestionRequest:
        return SuggestionRequest(
            self.manager_id, self.period, self.team_target, self.over_assign_pct, self.metric
        )


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
    previous: float | None = Field(description="The target before accepting changed or kept it")


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
    return read_fields(FindingOut, finding, severity=finding.severity.value)


def result_out(result: GoalResult) -> GoalResultOut:
    return GoalResultOut(
        goal=GoalOut.model_validate(result.goal),
        findings=[finding_out(finding) for finding in result.findings],
    )


def detail_out(detail: GoalDetail) -> GoalDetailOut:
    changes = [
        read_fields(ChangeOut, change, changed_by=detail.names.get(change.changed_by_id or 0))
        for change in detail.changes
    ]
    return read_fields(
        GoalDetailOut,
        detail.goal,
        person_name=detail.person.name,
        pacing=pacing_out(detail.progress),
        changes=changes,
        personal_share=detail.share.share if detail.share else None,
    )


def suggestion_out(team: TeamSuggestion, accepted: list[Accepted]) -> SuggestionOut:
    suggestion = team.suggestion
    done = [
        read_fields(AcceptedOut, a, scope_type=a.scope.scope_type, person_id=a.scope.person_id)
        for a in accepted
    ]
    return read_fields(
        SuggestionOut,
        suggestion,
        manager_id=team.manager.id,
        period=suggestion.period.name,
        metric=team.metric,
        parts=[_part_out(part) for part in suggestion.parts],
        accepted=done,
    )


def _part_out(part: Part) -> SuggestedPart:
    return read_fields(
        SuggestedPart,
        part.member,
        target=part.amount,
        share_of_team=part.share_of_team,
        reason=part.reason,
    )


def pacing_out(progress: GoalProgress) -> PacingOut:
    """A goal's pacing, milestones and chart points at its as-of date."""
    return read_fields(
        PacingOut,
        progress.pace,
        as_of=progress.as_of,
        milestones=[read_fields(MilestoneOut, milestone) for milestone in progress.milestones],
        chart=[read_fields(ChartPointOut, point) for point in progress.chart],
    )


def read_fields(model: type[Model], source: object, **given: Any) -> Model:
    """`model` with the fields not `given` read from `source`'s attributes of the same name."""
    read = {name: getattr(source, name) for name in model.model_fields if name not in given}
    return model(**read, **given)
