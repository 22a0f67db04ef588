"""Creating, changing and deciding goals: the one path every surface takes.

Each function checks who may act (permissions.py), what the workflow allows (workflow.py),
runs the lint on the goal as it would stand (errors block, the rest comes back with the
result) and writes the audit trail. Functions flush; the caller commits.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from math import isfinite
from typing import Any

from sqlalchemy.orm import Session

from pacesetter.domain.errors import Conflict, Invalid
from pacesetter.domain.goal_lint import PERSON, Finding, GoalDraft, ScopeKey, blocking
from pacesetter.domain.periods import Distribution, Period, PeriodError
from pacesetter.domain.vocab import GoalKind, GoalStatus
from pacesetter.goals import audit, permissions
from pacesetter.goals.actor import Actor
from pacesetter.goals.catalogue import goal_metrics
from pacesetter.goals.linting import Linter, lint_drafts
from pacesetter.goals.queries import find_goal, get_goal, key_of, period_named
from pacesetter.goals.workflow import check_open, check_transition
from pacesetter.store.models import Goal, utcnow

# What may change on a goal; scope, metric and period are its identity.
EDITABLE = ("target", "kind", "individual_weight", "distribution", "rationale")
NEW_STATUSES = (GoalStatus.PROPOSED.value, GoalStatus.APPROVED.value)


class GoalLintError(Invalid):
    """The lint found errors: the goal is not saved. `findings` holds all of them."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__(" ".join(finding.message for finding in blocking(findings)))


@dataclass(frozen=True)
class GoalInput:
    """A new goal, as any surface hands it in."""

    scope: ScopeKey
    metric: str | None
    period: str | None
    target: float | None
    kind: str | None = None
    individual_weight: float | None = None
    rationale: str | None = None
    distribution: dict[str, Any] | None = None
    status: str | None = None  # proposed | approved; by default what the actor may do


@dataclass(frozen=True)
class GoalResult:
    goal: Goal
    findings: list[Finding] = field(default_factory=list)


def create_goal(
    session: Session,
    actor: Actor,
    data: GoalInput,
    *,
    today: date,
    reason: str | None = None,
    linter: Linter = lint_drafts,
) -> GoalResult:
    """A new goal, approved when the actor may decide on it, proposed otherwise."""
    permissions.scope_person(session, actor, data.scope)
    status = data.status or (
        GoalStatus.APPROVED if permissions.may_decide(actor, data.scope) else GoalStatus.PROPOSED
    )
    _ensure_may_create(actor, data.scope, status)
    values = _validated(data.scope, _values_of(data))
    findings = _checked(session, draft_for(data, status), today, linter)
    period = period_named(session, str(data.period))
    if find_goal(session, data.scope, str(data.metric), period.name) is not None:
        raise Conflict(f"There is already a {data.metric} goal for this scope in {period.name}.")
    goal = _new_goal(session, actor, data, period, values, status)
    default = "proposed" if status == GoalStatus.PROPOSED else "set"
    audit.record(session, goal, actor, "status", None, status, reason or data.rationale or default)
    return GoalResult(goal, findings)


def update_goal(
    session: Session,
    actor: Actor,
    goal_id: int,
    changes: Mapping[str, Any],
    *,
    today: date,
    reason: str | None = None,
    linter: Linter = lint_drafts,
) -> GoalResult:
    """Change a proposed or approved goal; an approved one only with a reason."""
    goal = get_goal(session, actor.scope, goal_id)
    check_open(goal.status)
    permissions.ensure_may_edit(actor, goal, key_of(goal))
    return _apply(session, actor, goal, changes, (today, reason, linter))


def approve_goal(
    session: Session,
    actor: Actor,
    goal_id: int,
    *,
    today: date,
    target: float | None = None,
    reason: str | None = None,
    note: str | None = None,
    linter: Linter = lint_drafts,
) -> GoalResult:
    """Approve a proposal, optionally adjusting its target (which then needs a reason)."""
    goal = _decidable(session, actor, goal_id, GoalStatus.APPROVED)
    permissions.ensure_not_own_proposal(actor, goal)
    changes = {"target": target} if target is not None else {}
    if changes and target != goal.target:
        reason = audit.require_reason(reason, "Adjusting a proposed target")
    result = _apply(session, actor, goal, changes, (today, reason, linter))
    _decide(session, actor, goal, GoalStatus.APPROVED, note, note or reason or "approved")
    return result


def reject_goal(session: Session, actor: Actor, goal_id: int, *, note: str | None) -> GoalResult:
    """Reject a proposal, with a note to its proposer saying why."""
    goal = _decidable(session, actor, goal_id, GoalStatus.REJECTED)
    text = audit.require_reason(note, "Rejecting a proposal")
    _decide(session, actor, goal, GoalStatus.REJECTED, text, text)
    return GoalResult(goal, [])


def retire_goal(session: Session, actor: Actor, goal_id: int, *, reason: str | None) -> GoalResult:
    """Take an approved goal out of the reports, saying why."""
    goal = _decidable(session, actor, goal_id, GoalStatus.RETIRED)
    text = audit.require_reason(reason, "Retiring a goal")
    audit.record(session, goal, actor, "status", goal.status, GoalStatus.RETIRED, text)
    goal.status = GoalStatus.RETIRED.value
    session.flush()
    return GoalResult(goal, [])


def draft_for(data: GoalInput, status: str | None = None) -> GoalDraft:
    """The goal a new input describes, as the lint reads it (kind inferred from the metric)."""
    status = status or data.status or GoalStatus.APPROVED.value
    return _draft(data.scope, data.metric, data.period, _values_of(data), status)


def _ensure_may_create(actor: Actor, key: ScopeKey, status: str) -> None:
    if status not in NEW_STATUSES:
        raise Invalid(f"A new goal is proposed or approved, not {status}.")
    if status == GoalStatus.APPROVED:
        permissions.ensure_may_decide(actor, key)
    else:
        permissions.ensure_may_propose(actor, key)


def _decidable(session: Session, actor: Actor, goal_id: int, wanted: GoalStatus) -> Goal:
    goal = get_goal(session, actor.scope, goal_id)
    check_transition(goal.status, wanted)
    permissions.ensure_may_decide(actor, key_of(goal))
    return goal


def _decide(
    session: Session, actor: Actor, goal: Goal, status: GoalStatus, note: str | None, why: str
) -> None:
    audit.record(session, goal, actor, "status", goal.status, status, why)
    goal.status = status.value
    goal.decided_by_id = actor.person_id
    goal.decided_at = utcnow()
    goal.decision_note = note
    session.flush()


def _apply(
    session: Session,
    actor: Actor,
    goal: Goal,
    changes: Mapping[str, Any],
    how: tuple[date, str | None, Linter],
) -> GoalResult:
    """Validate, lint and write `changes`, one audit row per field that really changes.

    `how` is (today, the reason given, the linter)."""
    today, reason, linter = how
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise Invalid(f"These cannot be changed on a goal: {', '.join(unknown)}.")
    current = {name: getattr(goal, name) for name in EDITABLE}
    values = _validated(key_of(goal), current | dict(changes))
    changed = {name: value for name, value in values.items() if value != current[name]}
    draft = _draft(key_of(goal), goal.metric, goal.period, values, goal.status, goal.id)
    findings = _checked(session, draft, today, linter)
    if not changed:
        return GoalResult(goal, findings)
    if goal.status == GoalStatus.APPROVED:
        reason = audit.require_reason(reason)
    _distribution_fits(values["distribution"], _period_of(session, goal))
    for name, value in changed.items():
        audit.record(session, goal, actor, name, current[name], value, reason or "edited")
        setattr(goal, name, value)
    session.flush()
    return GoalResult(goal, findings)


def _checked(session: Session, draft: GoalDraft, today: date, linter: Linter) -> list[Finding]:
    findings = linter(session, [draft], today=today)
    if blocking(findings):
        raise GoalLintError(findings)
    return findings


def _values_of(data: GoalInput) -> dict[str, Any]:
    return {
        "target": data.target,
        "kind": data.kind,
        "individual_weight": data.individual_weight,
        "distribution": data.distribution,
        "rationale": data.rationale,
    }


def _validated(key: ScopeKey, values: dict[str, Any]) -> dict[str, Any]:
    """Checked and normalised editable values (the lint judges metric, target and period)."""
    weight = values.get("individual_weight")
    if weight is not None:
        if key.scope_type != PERSON:
            raise Invalid("An individual weight is for a person's hybrid goal, not a team goal.")
        if not isfinite(weight) or not 0 <= weight <= 1:
            raise Invalid(f"The individual weight must lie between 0 and 1, got {weight}.")
    kind = values.get("kind")
    if kind is not None and kind not in {k.value for k in GoalKind}:
        raise Invalid(f"A goal's kind is activity or outcome, not {kind!r}.")
    rationale = (values.get("rationale") or "").strip() or None
    return values | {"rationale": rationale}


def _draft(
    key: ScopeKey,
    metric: str | None,
    period: str | None,
    values: Mapping[str, Any],
    status: str,
    goal_id: int | None = None,
) -> GoalDraft:
    facts = goal_metrics().get(metric or "")
    kind = values.get("kind") or (facts.kind.value if facts else None)
    return GoalDraft(
        key,
        metric,
        period,
        values.get("target"),
        kind,
        values.get("individual_weight"),
        str(status),
        goal_id,
    )


def _new_goal(
    session: Session,
    actor: Actor,
    data: GoalInput,
    period: Period,
    values: dict[str, Any],
    status: str,
) -> Goal:
    _distribution_fits(values["distribution"], period)
    proposed = status == GoalStatus.PROPOSED
    goal = Goal(
        scope_type=data.scope.scope_type,
        person_id=data.scope.person_id,
        metric=data.metric,
        period=period.name,
        period_start=period.start,
        period_end=period.end,
        target=float(values["target"]),
        kind=values["kind"] or goal_metrics()[str(data.metric)].kind.value,
        status=str(status),
        individual_weight=values["individual_weight"],
        rationale=values["rationale"],
        distribution=values["distribution"],
        proposed_by_id=actor.person_id if proposed else None,
        decided_by_id=None if proposed else actor.person_id,
        decided_at=None if proposed else utcnow(),
    )
    session.add(goal)
    session.flush()
    return goal


def _period_of(session: Session, goal: Goal) -> Period:
    return period_named(session, goal.period)


def _distribution_fits(distribution: dict[str, Any] | None, period: Period) -> None:
    """Milestone weights must name the period's sub-periods (or list one weight for each)."""
    if distribution is None:
        return
    try:
        Distribution(distribution["kind"], distribution["weights"]).segments(period)
    except (KeyError, TypeError) as error:
        raise Invalid(
            'Milestones are given as {"kind": "month" or "week", "weights": ...}: '
            f"missing {error}."
        ) from None
    except PeriodError as error:
        raise Invalid(f"The milestone distribution does not fit {period.name}: {error}") from None
