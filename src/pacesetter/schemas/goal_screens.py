"""The goals pages that list goals, as their JSON twins answer them: the proposals a manager
decides on (each beside its lint and the proposer's history) and a person's goals of a period
(each approved one with its pacing). Both read the very view the page renders
(`goals.views.proposals_view`, `person_goals_view`), so page and JSON cannot disagree; the
flat rows are the pages' CSV downloads (with the suggested targets', from the same
`TeamSuggestion` as the page and GET /api/v1/goals/suggestions).
"""

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from pacesetter.goals.review import HistoryRow, Review, Spread
from pacesetter.goals.suggestions import TeamSuggestion
from pacesetter.schemas.goals import (
    ChangeOut,
    FindingOut,
    GoalOut,
    PacingOut,
    finding_out,
    pacing_out,
    read_fields,
)


class HistoryRowOut(BaseModel):
    name: str
    values: list[float | None] = Field(description="By trailing period, latest first")


class SpreadOut(BaseModel):
    """The peers' values in one trailing period, unnamed; quartiles null under 3 peers."""

    count: int
    lower: float | None
    median: float | None
    upper: float | None


class ProposalOut(BaseModel):
    goal: GoalOut
    findings: list[FindingOut]
    periods: list[str] = Field(description="The trailing periods, latest first")
    own: HistoryRowOut
    peers: list[HistoryRowOut] = Field(description="By name, for a viewer who sees them all")
    team: list[SpreadOut] | None = Field(description="Instead of peers: the unnamed spread")


class ProposalsOut(BaseModel):
    items: list[ProposalOut]


class PersonGoalOut(BaseModel):
    goal: GoalOut
    pacing: PacingOut | None = Field(description="An approved goal's pacing at as_of")
    last_target_change: ChangeOut | None


class PersonGoalsOut(BaseModel):
    person_id: int
    name: str
    role: str
    period: str
    period_start: date
    period_end: date
    as_of: date
    not_started: bool = Field(description="The period is still ahead: no pace yet")
    personal_share: float | None = Field(
        description="A player-coach's personal target as a share of the team target"
    )
    may_propose: bool
    sets_approved: bool = Field(description="A goal set here is approved at once")
    goals: list[PersonGoalOut]


# The CSV downloads' columns: one row per goal.
PROPOSAL_COLUMNS = ("goal_id", "name", "scope_type", "metric", "period", "target", "errors")
PERSON_GOAL_COLUMNS = (
    "goal_id",
    "scope_type",
    "metric",
    "period",
    "status",
    "target",
    "expected",
    "actual",
    "gap",
    "attainment",
    "pace",
    "projection",
)

SUGGESTION_COLUMNS = ("person_id", "name", "personal", "target", "share_of_team", "reason")


def proposals_out(view: dict[str, Any]) -> ProposalsOut:
    reviews: dict[int, Review] = view["reviews"]
    items = [_proposal_out(goal, reviews[goal.id]) for goal in view["goals"]]
    return ProposalsOut(items=items)


def proposal_rows(view: dict[str, Any]) -> list[list[Any]]:
    """One row per proposal: whose, what, and how many lint errors it has."""
    rows = []
    for goal in view["goals"]:
        review: Review = view["reviews"][goal.id]
        errors = sum(finding.severity.value == "error" for finding in review.findings)
        cells = (goal.scope_type, goal.metric, goal.period, goal.target, errors)
        rows.append([goal.id, review.own.name, *cells])
    return rows


def person_goals_out(view: dict[str, Any]) -> PersonGoalsOut:
    person, period = view["person"], view["period"]
    return PersonGoalsOut(
        person_id=person.id,
        name=person.name,
        role=person.role,
        period=period.name,
        period_start=period.start,
        period_end=period.end,
        as_of=view["as_of"],
        not_started=view["not_started"],
        personal_share=view["share"],
        may_propose=view["may_propose"],
        sets_approved=view["sets_approved"],
        goals=[_person_goal_out(view, goal) for goal in view["goals"]],
    )


def person_goal_rows(view: dict[str, Any]) -> list[list[Any]]:
    """One row per goal: its target and, for an approved one, its pacing (unrounded)."""
    rows = []
    for goal in view["goals"]:
        progress = view["progress"].get(goal.id)
        pace = progress.pace if progress else None
        paced = [getattr(pace, name, None) for name in PERSON_GOAL_COLUMNS[6:]]
        rows.append([goal.id, goal.scope_type, goal.metric, goal.period, goal.status, goal.target])
        rows[-1] += paced
    return rows


def _proposal_out(goal: Any, review: Review) -> ProposalOut:
    return ProposalOut(
        goal=GoalOut.model_validate(goal),
        findings=[finding_out(finding) for finding in review.findings],
        periods=review.periods,
        own=_row_out(review.own),
        peers=[_row_out(row) for row in review.peers],
        team=None if review.team is None else [_spread_out(spread) for spread in review.team],
    )


def _person_goal_out(view: dict[str, Any], goal: Any) -> PersonGoalOut:
    progress = view["progress"].get(goal.id)
    change = view["adjustments"].get(goal.id)
    changed = None
    if change is not None:
        changed = read_fields(ChangeOut, change, changed_by=view["names"].get(change.changed_by_id))
    return PersonGoalOut(
        goal=GoalOut.model_validate(goal),
        pacing=pacing_out(progress) if progress else None,
        last_target_change=changed,
    )


def _row_out(row: HistoryRow) -> HistoryRowOut:
    return HistoryRowOut(name=row.name, values=row.values)


def _spread_out(spread: Spread) -> SpreadOut:
    return read_fields(SpreadOut, spread)


def suggestion_rows(team: TeamSuggestion) -> list[list[Any]]:
    """One row per part of the suggested split, its target unrounded."""
    return [
        [p.member.person_id, p.member.name, p.member.personal, p.amount, p.share_of_team, p.reason]
        for p in team.suggestion.parts
    ]
