"""Goals by natural key (scope, metric, period): what an import row does to the goal it names.

A new key becomes a goal (approved unless the row says otherwise; rejected and retired rows
bring another system's history along). An existing goal takes the row's target, kind and
weight (a blank kind is the metric's, a blank weight none; a blank rationale keeps the one
there), then moves to the row's status if one is given.

A file is handled as a batch (`GoalBatch`), so its cost grows with its rows and not with their
square: the stored goals of the file's keys are read in one query (as rows; those that change
are then read as ORM objects), each scope's person once, and the lint's facts once for every
scope of the file (`BatchLint`). Each row is then checked in memory against the service's own
rules (`plan_upsert`: values, workflow; the lint's errors), and written together: the new
goals (`create_goals`), then the stored goals that change (`update_goals`), each with its audit
trail and mail, as the service writes them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import TEAM, Finding, GoalDraft, ScopeKey, blocking
from pacesetter.goals import permissions
from pacesetter.goals.actor import Actor
from pacesetter.goals.catalogue import default_kind
from pacesetter.goals.linting import BatchLint
from pacesetter.goals.queries import key_of
from pacesetter.goals.service import (
    GoalInput,
    GoalLintError,
    GoalUpdate,
    create_goals,
    draft_for,
    update_goals,
)
from pacesetter.goals.values import DRAFT_COLUMNS, draft, editable_values, validated
from pacesetter.goals.workflow import check_open, check_transition
from pacesetter.store.models import Goal, Person

Key = tuple[ScopeKey, str | None, str | None]
# A stored goal as `DRAFT_COLUMNS` read it (planning only reads; a goal to change is then
# read as an ORM object).
Stored = Row[Any] | Goal


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Plan:
    """What a checked row does, and the lint's findings on the goal as it would stand."""

    data: GoalInput
    outcome: Outcome
    findings: list[Finding]


class GoalBatch:
    """The rows of one file, checked together and then written together."""

    def __init__(
        self, session: Session, actor: Actor, inputs: Sequence[GoalInput], *, today: date
    ) -> None:
        self.session, self.actor, self.today = session, actor, today
        self.stored = _stored_goals(session, inputs)
        drafts = [self._draft(data) for data in inputs]
        self.linter = BatchLint(session, drafts, today=today)
        self.roles = _visible_people(session, actor, inputs)

    def plan(self, data: GoalInput) -> Plan:
        """What the row does; the service's refusal (`PacesetterError`) if it may not."""
        self._ensure_visible(data.scope)
        stored = self.stored.get(_key(data))
        outcome = plan_upsert(stored, data)
        findings = self.linter.findings_of(_key(data))  # the key of the row's draft
        if blocking(findings):
            raise GoalLintError(findings)
        return Plan(data, outcome, findings)

    def write(self, plans: Sequence[Plan], *, reason: str) -> None:
        """Write checked plans in bulk: the new goals, then the changed ones."""
        new = [plan.data for plan in plans if plan.outcome is Outcome.ADDED]
        create_goals(self.session, self.actor, new, reason=reason)
        changed = [plan.data for plan in plans if plan.outcome is Outcome.UPDATED]
        update_goals(self.session, self.actor, self._updates(changed), reason=reason)

    def _updates(self, changed: Sequence[GoalInput]) -> list[GoalUpdate]:
        """The rows' values, then their status, for the stored goals they name (read now as ORM
        objects, to be changed: one query per 500 goals)."""
        rows = [self.stored[_key(data)] for data in changed]
        goals = _goals_by_id(self.session, [row.id for row in rows])
        return [
            GoalUpdate(goals[row.id], changes_to(row, data), data.status)
            for row, data in zip(rows, changed, strict=True)
        ]

    def _draft(self, data: GoalInput) -> GoalDraft:
        """The goal as it would stand after the row: a stored goal keeps what the row leaves."""
        stored = self.stored.get(_key(data))
        if stored is None:
            return draft_for(data)
        values = editable_values(stored) | changes_to(stored, data)
        status = data.status or stored.status
        return draft(key_of(stored), stored.metric, stored.period, values, status, stored.id)

    def _ensure_visible(self, key: ScopeKey) -> None:
        """The scope's person is visible and, for a team, leads one; if not, the service's own
        check says why."""
        role = self.roles.get(key.person_id)
        if role is None or (key.scope_type == TEAM and role not in permissions.TEAM_LEADERS):
            permissions.scope_person(self.session, self.actor, key)


def plan_upsert(stored: Stored | None, data: GoalInput) -> Outcome:
    """What the row does to the stored goal, refusing what the service would refuse (invalid
    values, a closed goal changed, a move the workflow does not allow), without a query."""
    if stored is None:
        validated(data.scope, editable_values(data))
        return Outcome.ADDED
    changes = changes_to(stored, data)
    if changes:
        check_open(stored.status)
        validated(key_of(stored), editable_values(stored) | changes)
    moved = data.status is not None and data.status != stored.status
    if moved:
        check_transition(stored.status, str(data.status))
    return Outcome.UPDATED if changes or moved else Outcome.UNCHANGED


def changes_to(goal: Stored, data: GoalInput) -> dict[str, object]:
    """The editable values the row changes on the stored goal."""
    wanted = {
        "target": data.target,
        "kind": data.kind or default_kind(goal.metric) or goal.kind,
        "individual_weight": data.individual_weight,
        "rationale": data.rationale or goal.rationale,
    }
    return {name: value for name, value in wanted.items() if getattr(goal, name) != value}


def _key(data: GoalInput) -> Key:
    return data.scope, data.metric, data.period


def _visible_people(session: Session, actor: Actor, inputs: Sequence[GoalInput]) -> dict[int, str]:
    """The role of every person the inputs name that the actor sees, by id (one query per
    500 people)."""
    found: dict[int, str] = {}
    for chunk in _chunks(sorted({data.scope.person_id for data in inputs})):
        statement = select(Person.id, Person.role).where(Person.id.in_(chunk))
        found.update(
            (id_, role) for id_, role in session.execute(actor.scope.restrict(statement, Person.id))
        )
    return found


def _stored_goals(session: Session, inputs: Sequence[GoalInput]) -> dict[Key, Stored]:
    """The stored goals with the inputs' keys, as rows (one query per 500 people)."""
    periods = sorted({str(data.period) for data in inputs})
    found: dict[Key, Stored] = {}
    for chunk in _chunks(sorted({data.scope.person_id for data in inputs})):
        statement = select(*DRAFT_COLUMNS).where(
            Goal.person_id.in_(chunk), Goal.period.in_(periods)
        )
        for goal in session.execute(statement):
            found[(key_of(goal), goal.metric, goal.period)] = goal
    return found


def _goals_by_id(session: Session, ids: list[int]) -> dict[int, Goal]:
    found: dict[int, Goal] = {}
    for chunk in _chunks(ids):
        found.update(
            (goal.id, goal) for goal in session.scalars(select(Goal).where(Goal.id.in_(chunk)))
        )
    return found


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    """Ids in slices, so bound parameters stay few on every database."""
    return [ids[start : start + size] for start in range(0, len(ids), size)]
