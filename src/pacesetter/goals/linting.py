"""The goal lint over stored data: gathers the facts of `domain/goal_lint.py` and runs it.

For each period among the goals checked: the goals of the period for those scopes and their
peers (same manager), their trailing history through the metrics layer, and the last date data
feeding each goal's metric arrived.
"""

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Protocol

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import (
    LIVE_STATUSES,
    PERSON,
    TEAM,
    Finding,
    GoalDraft,
    LintConfig,
    LintContext,
    ScopeFacts,
    ScopeKey,
    lint,
)
from pacesetter.domain.periods import Period, PeriodError
from pacesetter.goals.catalogue import goal_metrics
from pacesetter.goals.dataflow import last_data_on
from pacesetter.goals.history import trailing_history
from pacesetter.goals.permissions import TEAM_LEADERS
from pacesetter.goals.queries import goals_of_period, period_named
from pacesetter.goals.values import draft_of
from pacesetter.store.models import Goal, Person
from pacesetter.store.scope import Scope


class Linter(Protocol):
    """How the service lints: `lint_drafts`, or findings worked out for a whole batch."""

    def __call__(
        self, session: Session, drafts: Sequence[GoalDraft], *, today: date
    ) -> list[Finding]: ...


def lint_drafts(
    session: Session,
    drafts: Sequence[GoalDraft],
    *,
    today: date,
    config: LintConfig | None = None,
) -> list[Finding]:
    """Every finding on `drafts`, in their order, each checked with its period's facts."""
    config = config or LintConfig()
    findings = [
        finding
        for group, context in lint_contexts(session, drafts, today=today, config=config)
        for finding in lint(group, context, config)
    ]
    order = {id(draft): index for index, draft in enumerate(drafts)}
    return sorted(findings, key=lambda finding: order[id(finding.goal)])


def lint_contexts(
    session: Session, drafts: Sequence[GoalDraft], *, today: date, config: LintConfig
) -> list[tuple[list[GoalDraft], LintContext]]:
    """The drafts by period, each group with the facts of its period."""
    by_period: dict[Period | None, list[GoalDraft]] = {}
    for draft in drafts:
        by_period.setdefault(_period(session, draft), []).append(draft)
    return [
        (group, _build_context(session, group, period, today, config))
        for period, group in by_period.items()
    ]


def _build_context(
    session: Session,
    drafts: Sequence[GoalDraft],
    period: Period | None,
    today: date,
    config: LintConfig,
) -> LintContext:
    """The facts around `drafts`, all of `period` (None: a period that cannot be read)."""
    people = _people_around(session, drafts)
    base = LintContext(
        as_of=today,
        metrics=goal_metrics(),
        scopes=_scopes(drafts, people),
        fiscal_year_start_month=period.fiscal_year_start_month if period else 1,
    )
    if period is None:
        return base
    return _with_period_facts(session, base, drafts, period, config)


def _with_period_facts(
    session: Session,
    base: LintContext,
    drafts: Sequence[GoalDraft],
    period: Period,
    config: LintConfig,
) -> LintContext:
    """`base` with the period's stored goals, the trailing history of every scope in it and
    the last date data arrived for each draft (no later than the period's end)."""
    as_of = min(base.as_of, period.end)
    wanted = [(draft.scope, draft.metric) for draft in drafts if draft.metric]
    history = trailing_history(
        session,
        base.scopes,
        {metric for _, metric in wanted},
        period,
        config.trailing_periods,
        today=base.as_of,
    )
    ids = select(Person.id).where(Person.id.in_({key.person_id for key in base.scopes}))
    return replace(
        base,
        as_of=as_of,
        goals=[draft_of(goal) for goal in goals_of_period(session, period.name, ids)],
        history_periods=[past.name for past in history.periods],
        history=history.values,
        last_data_on=last_data_on(session, wanted, as_of),
    )


def _period(session: Session, draft: GoalDraft) -> Period | None:
    try:
        return period_named(session, draft.period or "")
    except PeriodError:
        return None


def _people_around(session: Session, drafts: Sequence[GoalDraft]) -> dict[int, Person]:
    """The people of the drafts, their managers, and their peers (same manager)."""
    ids = {draft.scope.person_id for draft in drafts}
    own = list(session.scalars(select(Person).where(Person.id.in_(ids))))
    managers = {person.manager_id for person in own if person.manager_id is not None}
    around = session.scalars(
        select(Person).where(or_(Person.id.in_(managers), Person.manager_id.in_(managers)))
    )
    return {person.id: person for person in [*own, *around]}


def _scopes(drafts: Sequence[GoalDraft], people: dict[int, Person]) -> dict[ScopeKey, ScopeFacts]:
    """Person scopes for everyone around, team scopes for those who lead one."""
    scopes = {}
    for person in people.values():
        kinds = [PERSON, TEAM] if person.role in TEAM_LEADERS else [PERSON]
        for kind in kinds:
            key = ScopeKey(kind, person.id)
            scopes[key] = ScopeFacts(
                key, person.name, person.manager_id, person.territory, person.start_date
            )
    # A draft about someone unknown (or a non-leader's team) is still named in messages.
    for draft in drafts:
        scopes.setdefault(draft.scope, ScopeFacts(draft.scope, f"person {draft.scope.person_id}"))
    return scopes


def lint_period(
    session: Session,
    scope: Scope,
    period: Period,
    *,
    today: date,
    config: LintConfig | None = None,
) -> list[Finding]:
    """The lint over every live (proposed or approved) goal of `period` the scope sees."""
    statement = scope.restrict(
        select(Goal).where(Goal.period == period.name, Goal.status.in_(LIVE_STATUSES)),
        Goal.person_id,
    )
    goals = session.scalars(statement.order_by(Goal.person_id, Goal.scope_type, Goal.metric))
    return lint_drafts(session, [draft_of(goal) for goal in goals], today=today, config=config)


class BatchLint:
    """Findings worked out once for a batch of drafts (an import file), each standing in the
    context of all the others, then served to the service goal by goal."""

    def __init__(self, session: Session, drafts: Sequence[GoalDraft], *, today: date) -> None:
        self.known: dict[object, tuple[GoalDraft, list[Finding]]] = {
            draft.key: (draft, []) for draft in drafts
        }
        for finding in lint_drafts(session, drafts, today=today):
            self.known[finding.goal.key][1].append(finding)

    def findings(self, draft: GoalDraft) -> list[Finding]:
        """What the batch found on the draft with this natural key."""
        return self.known.get(draft.key, (draft, []))[1]

    def __call__(
        self, session: Session, drafts: Sequence[GoalDraft], *, today: date
    ) -> list[Finding]:
        """The batch's findings for drafts it holds as they are; any other is linted now."""
        held = [draft for draft in drafts if _same_goal(self.known.get(draft.key), draft)]
        fresh = [draft for draft in drafts if draft not in held]
        found = [finding for draft in held for finding in self.findings(draft)]
        return found + (lint_drafts(session, fresh, today=today) if fresh else [])


def _same_goal(known: tuple[GoalDraft, list[Finding]] | None, draft: GoalDraft) -> bool:
    if known is None:
        return False
    batch = known[0]
    values = (batch.target, batch.kind, batch.individual_weight)
    return values == (draft.target, draft.kind, draft.individual_weight)
