"""The goal lint over stored data: gathers the facts of `domain/goal_lint.py` and runs it.

For each period among the goals checked: the goals of the period for those scopes and their
peers (same manager), their trailing history through the metrics layer, and the last date data
feeding each goal's metric arrived.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol

from sqlalchemy import Row, or_, select
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
from pacesetter.goals.dataflow import LastSeen, last_data_at
from pacesetter.goals.history import TrailingHistory, trailing_histories
from pacesetter.goals.permissions import TEAM_LEADERS
from pacesetter.goals.queries import period_named
from pacesetter.goals.values import DRAFT_COLUMNS, draft_of
from pacesetter.store.models import Goal, Person
from pacesetter.store.scope import Scope

# Periods read by name, kept for the unit of work (an import's rows name a few dozen).
PERIODS_KEY = "pacesetter.lint_periods"
# The drafts of a batch by their period (None: a period that cannot be read).
Batch = dict[Period | None, list[GoalDraft]]


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
    """The drafts by period, each group with the facts of its period.

    The people around the drafts and the trailing history of every period are read once for
    the whole batch (all of its scopes at once); each period then adds its stored goals and
    data dates, so the cost grows with the number of periods, not of drafts."""
    batch: Batch = {}
    for draft in drafts:
        batch.setdefault(_period(session, draft), []).append(draft)
    people = _people_around(session, drafts)
    base = LintContext(as_of=today, metrics=goal_metrics(), scopes=_scopes(drafts, people))
    metrics = {
        period: {draft.metric for draft in group if draft.metric}
        for period, group in batch.items()
        if period is not None
    }
    histories = trailing_histories(
        session, base.scopes, metrics, config.trailing_periods, today=today
    )
    wanted: dict[date, set[tuple[ScopeKey, str]]] = {}
    for period, group in batch.items():
        if period is not None:
            pairs = wanted.setdefault(_as_of(base, period), set())
            pairs.update((draft.scope, draft.metric) for draft in group if draft.metric)
    ids = {key.person_id for key in base.scopes}
    stored = _stored_goals(session, batch, ids)
    facts = _BatchFacts(batch, histories, last_data_at(session, wanted), ids, stored)
    return [
        (group, _with_period_facts(session, base, group, period, facts) if period else base)
        for period, group in batch.items()
    ]


@dataclass(frozen=True)
class _BatchFacts:
    """What every period of a batch shares: its drafts by period, each one's history, and the
    last date data arrived for each of its drafts, by as-of date; the people around its drafts
    and their stored goals."""

    batch: Batch
    histories: dict[Period, TrailingHistory]
    last_seen: dict[date, LastSeen]
    ids: set[int]
    stored: list[Row[Any]]


def _with_period_facts(
    session: Session,
    base: LintContext,
    drafts: Sequence[GoalDraft],
    period: Period,
    facts: _BatchFacts,
) -> LintContext:
    """`base` with the stored goals of the period and of the periods inside it (the batch's
    own drafts in place of those they change), the trailing history of every scope in it and
    the last date data arrived for each draft (no later than the period's end)."""
    as_of = _as_of(base, period)
    history = facts.histories[period]
    return replace(
        base,
        as_of=as_of,
        fiscal_year_start_month=period.fiscal_year_start_month,
        goals=_goals_within(period, facts.stored, facts.ids, facts.batch),
        history_periods=[past.name for past in history.periods],
        history=history.values,
        last_data_on=facts.last_seen.get(as_of, {}),
    )


def _as_of(base: LintContext, period: Period) -> date:
    """The date a period's goals are checked at: today, or the period's end if it is over."""
    return min(base.as_of, period.end)


def _goals_within(
    period: Period, stored: Sequence[Row[Any]], ids: set[int], batch: Batch
) -> list[GoalDraft]:
    """The goals of `period` and of the periods inside it about the people `ids`: the stored
    ones, with the batch's drafts of those periods in place of the goals they change."""
    inside = [
        row for row in stored if period.start <= row.period_start <= row.period_end <= period.end
    ]
    goals = {goal.key: goal for goal in map(draft_of, inside)}
    for other, drafts in batch.items():
        if other is not None and _within(other.start, other.end, period):
            goals.update((draft.key, draft) for draft in drafts if draft.scope.person_id in ids)
    return list(goals.values())


def _within(start: date, end: date, period: Period) -> bool:
    return period.start <= start and end <= period.end


def _stored_goals(session: Session, batch: Batch, ids: set[int]) -> list[Row[Any]]:
    """The stored goals about the people `ids` within the span of the batch's periods, as rows
    (one query, not one per period; rows, not ORM objects: an import reads tens of thousands)."""
    periods = [period for period in batch if period is not None]
    if not periods or not ids:
        return []
    first, last = min(p.start for p in periods), max(p.end for p in periods)
    span = Goal.period_start >= first, Goal.period_end <= last
    return list(session.execute(select(*DRAFT_COLUMNS).where(*span, Goal.person_id.in_(ids))))


def _period(session: Session, draft: GoalDraft) -> Period | None:
    """The draft's period, None when the name cannot be read (parsed once per name)."""
    known = session.info.setdefault(PERIODS_KEY, {})
    name = draft.period or ""
    if name not in known:
        try:
            known[name] = period_named(session, name)
        except PeriodError:
            known[name] = None
    return known[name]


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
        if draft.scope not in scopes:
            scopes[draft.scope] = ScopeFacts(draft.scope, f"person {draft.scope.person_id}")
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
        return self.findings_of(draft.key)

    def findings_of(self, key: tuple[ScopeKey, str | None, str | None]) -> list[Finding]:
        """What the batch found on the draft with the natural key `key`."""
        known = self.known.get(key)
        return [] if known is None else known[1]

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
