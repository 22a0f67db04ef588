"""Goals, findings and pacing charts as plain data: the shapes the CLI's JSON, the API and
the pages share."""

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import TEAM, Finding, GoalDraft
from pacesetter.goals.catalogue import goal_metrics
from pacesetter.goals.progress import GoalProgress
from pacesetter.goals.queries import people_by_id
from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.store.models import Person


def scope_label(scope_type: str, person: Person | None, person_id: int) -> str:
    """How a file or a report names a scope: the person's email, or `team:<email>`."""
    who = person.email if person is not None else str(person_id)
    return f"team:{who}" if scope_type == TEAM else who


def draft_as_dict(draft: GoalDraft, people: Mapping[int, Person]) -> dict[str, Any]:
    person = people.get(draft.scope.person_id)
    return {
        "id": draft.goal_id,
        "scope": scope_label(draft.scope.scope_type, person, draft.scope.person_id),
        "name": person.name if person is not None else None,
        "metric": draft.metric,
        "period": draft.period,
        "target": draft.target,
        "status": draft.status,
    }


def finding_as_dict(finding: Finding, people: Mapping[int, Person]) -> dict[str, Any]:
    return {
        "goal": draft_as_dict(finding.goal, people),
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "evidence": finding.evidence,
    }


def findings_as_dicts(session: Session, findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """Findings with their goals named, the people looked up in one query."""
    people = people_by_id(session, [finding.goal.scope.person_id for finding in findings])
    return [finding_as_dict(finding, people) for finding in findings]


def unit_of(metric: str) -> str:
    """The metric's unit (money, count, share, days); a coaching count is a count."""
    facts = goal_metrics().get(metric)
    return facts.unit if facts else "count"


def metric_label(metric: str) -> str:
    entry = REGISTRY.get(metric)
    return entry.label if entry else metric.replace("_", " ").capitalize()


def pacing_chart(progress: GoalProgress, currency: str) -> dict[str, Any]:
    """What the pacing chart draws: the expected line over the whole period, the actual up to
    the as-of date, and each milestone's end marked on the expected line."""
    ends = {milestone.end: milestone for milestone in progress.milestones}
    points = progress.chart
    return {
        "labels": [f"{point.day.day} {point.day:%b}" for point in points],
        "expected": [point.expected for point in points],
        "actual": [point.actual for point in points],
        "milestones": [point.expected if point.day in ends else None for point in points],
        "milestone_names": [ends[p.day].name if p.day in ends else None for p in points],
        "milestone_status": [ends[p.day].status.value if p.day in ends else None for p in points],
        "unit": unit_of(progress.goal.metric),
        "currency": currency,
    }
