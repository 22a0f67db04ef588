"""The plain facts the goal lint reads. The goals service gathers them (goals, history through
the metrics layer, the last date data arrived) and the rules stay pure functions over them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any

from pacesetter.domain.periods import PeriodError, parse_period
from pacesetter.domain.vocab import GoalKind, GoalStatus

PERSON = "person"
TEAM = "team"
# Proposed goals are checked as if they counted: that is the moment a lint helps most.
LIVE_STATUSES = frozenset({GoalStatus.PROPOSED.value, GoalStatus.APPROVED.value})


class Severity(StrEnum):
    ERROR = "error"  # the goal cannot be saved
    WARNING = "warning"  # saved, but a manager should look again
    INFO = "info"


@dataclass(frozen=True, order=True)
class ScopeKey:
    """Whom a goal is for: a person, or the team of the manager `person_id`."""

    scope_type: str
    person_id: int


@dataclass(frozen=True)
class GoalDraft:
    """A goal as it would stand after the change being checked (or as stored)."""

    scope: ScopeKey
    metric: str | None
    period: str | None
    target: float | None
    kind: str | None = None
    individual_weight: float | None = None
    status: str = GoalStatus.APPROVED.value
    goal_id: int | None = None

    @property
    def key(self) -> tuple[ScopeKey, str | None, str | None]:
        """The natural key: one goal per scope, metric and period."""
        return self.scope, self.metric, self.period

    @property
    def live(self) -> bool:
        return self.status in LIVE_STATUSES


@dataclass(frozen=True)
class MetricFacts:
    """What the lint needs to know of a catalogue metric."""

    name: str
    kind: GoalKind
    unit: str = "count"  # the catalogue's unit: money | count | share | days
    lower_is_better: bool = False
    # What feeds the metric, as the data-flow message names it ("calls", "deals").
    data_label: str = "data"


@dataclass(frozen=True)
class ScopeFacts:
    """The person (or the team's manager) behind a scope."""

    key: ScopeKey
    name: str
    manager_id: int | None = None
    territory: str | None = None
    started_on: date | None = None

    @property
    def label(self) -> str:
        return f"{self.name}'s team" if self.key.scope_type == TEAM else self.name


@dataclass(frozen=True)
class LintConfig:
    """Thresholds of the history and data rules; docs/goals.md explains each."""

    trailing_periods: int = 3
    unrealistic_factor: float = 1.5
    too_easy_factor: float = 1.0
    one_size_history_ratio: float = 1.5
    activity_silence_days: int = 30
    deal_silence_days: int = 60


@dataclass(frozen=True)
class LintContext:
    """Everything around the goals being checked.

    `goals` holds every goal of the period, and of the periods inside it, among the scopes
    concerned (the checked ones included, in their new state), so rules over a person's goal set
    or a team see the whole (a quarter's outcome goal and the monthly activity goals under it).
    `history[(scope, metric)]` lists the values of the `history_periods` (latest first), None
    where the scope has no data for that period. `last_data_on[(scope, metric)]` is the latest
    date data feeding the metric arrived on or before `as_of` (None: never); a missing key
    means it was not gathered and the data rule stays silent.
    """

    as_of: date
    metrics: Mapping[str, MetricFacts]
    scopes: Mapping[ScopeKey, ScopeFacts]
    goals: Sequence[GoalDraft] = ()
    history_periods: Sequence[str] = ()
    history: Mapping[tuple[ScopeKey, str], Sequence[float | None]] = field(default_factory=dict)
    last_data_on: Mapping[tuple[ScopeKey, str], date | None] = field(default_factory=dict)
    fiscal_year_start_month: int = 1

    def name(self, scope: ScopeKey) -> str:
        facts = self.scopes.get(scope)
        return facts.label if facts else f"{scope.scope_type} {scope.person_id}"

    def kind_of(self, goal: GoalDraft) -> str | None:
        """The goal's kind as given, else the kind of its metric."""
        if goal.kind:
            return goal.kind
        facts = self.metrics.get(goal.metric or "")
        return facts.kind.value if facts else None

    def trailing(self, scope: ScopeKey, metric: str) -> dict[str, float]:
        """The scope's trailing values that exist, by period name (latest first)."""
        values = self.history.get((scope, metric), ())
        return {
            name: value
            for name, value in zip(self.history_periods, values, strict=False)
            if value is not None
        }

    def peers(self, scope: ScopeKey) -> list[ScopeFacts]:
        """Scopes of the same type under the same manager (for a team: sibling teams)."""
        own = self.scopes.get(scope)
        if own is None or own.manager_id is None:
            return []
        siblings = self._under_manager.get((scope.scope_type, own.manager_id), [])
        return [facts for facts in siblings if facts.key != scope]

    def live_goals(self, period: str | None, scope: ScopeKey | None = None) -> list[GoalDraft]:
        """The live goals of exactly `period` (only the scope's, when one is given)."""
        return self._live.get((period, scope), [])

    def live_goals_on(
        self, period: str | None, metric: str | None
    ) -> Mapping[ScopeKey, list[GoalDraft]]:
        """The live goals of exactly `period` on `metric`, by scope."""
        return self._live_on.get((period, metric), {})

    def live_goals_within(self, period: str | None, scope: ScopeKey) -> list[GoalDraft]:
        """The scope's live goals of `period` and of the periods inside it (a quarter's months)."""
        inside = self._periods_within(period)
        return [goal for name in inside for goal in self._live.get((name, scope), [])]

    # The lint asks these of every goal of a batch (an import of thousands): they are indexed
    # once per context, so a rule costs the same whatever the size of the goal set.
    @cached_property
    def _live(self) -> dict[tuple[str | None, ScopeKey | None], list[GoalDraft]]:
        index: dict[tuple[str | None, ScopeKey | None], list[GoalDraft]] = {}
        for goal in self.goals:
            if goal.live:
                index.setdefault((goal.period, None), []).append(goal)
                index.setdefault((goal.period, goal.scope), []).append(goal)
        return index

    @cached_property
    def _live_on(self) -> dict[tuple[str | None, str | None], dict[ScopeKey, list[GoalDraft]]]:
        index: dict[tuple[str | None, str | None], dict[ScopeKey, list[GoalDraft]]] = {}
        for goal in self.goals:
            if goal.live:
                by_scope = index.setdefault((goal.period, goal.metric), {})
                by_scope.setdefault(goal.scope, []).append(goal)
        return index

    @cached_property
    def _under_manager(self) -> dict[tuple[str, int], list[ScopeFacts]]:
        index: dict[tuple[str, int], list[ScopeFacts]] = {}
        for key, facts in self.scopes.items():
            if facts.manager_id is not None:
                index.setdefault((key.scope_type, facts.manager_id), []).append(facts)
        return index

    @cached_property
    def _bounds_of_periods(self) -> dict[str, tuple[date, date]]:
        """The first and last day of each period among the live goals that can be read."""
        found = {}
        for name in {name for name, _ in self._live}:
            bounds = _bounds(name, self.fiscal_year_start_month)
            if name is not None and bounds is not None:
                found[name] = bounds
        return found

    def _periods_within(self, period: str | None) -> list[str | None]:
        """`period` and the periods among the goals that lie inside it."""
        bounds = _bounds(period, self.fiscal_year_start_month)
        if bounds is None:
            return [period]
        start, end = bounds
        inside = [
            name
            for name, (first, last) in self._bounds_of_periods.items()
            if name != period and start <= first and last <= end
        ]
        return [period, *inside]


@lru_cache(maxsize=1024)
def _bounds(name: str | None, fiscal_year_start_month: int) -> tuple[date, date] | None:
    """A period's first and last day, None when the name cannot be read (asked per goal)."""
    try:
        period = parse_period(name or "", fiscal_year_start_month)
    except PeriodError:
        return None
    return period.start, period.end


@dataclass(frozen=True)
class Flag:
    """What a rule says about one goal: the message for the manager and what it rests on."""

    message: str
    evidence: Mapping[str, Any]
