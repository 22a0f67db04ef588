"""Goal lint: each common goal-setting mistake of domain.md as a rule with an id, a severity and
a message a manager can act on.

The lint is pure: the goals service gathers the facts (the goals of the period, trailing history
through the metrics layer, the last date data arrived) into a `LintContext` and calls `lint`.
Errors block a goal from being saved; warnings and info are shown with it.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pacesetter.domain.goal_rules import definition, goal_set, history
from pacesetter.domain.goal_rules.model import (
    LIVE_STATUSES,
    PERSON,
    TEAM,
    Flag,
    GoalDraft,
    LintConfig,
    LintContext,
    MetricFacts,
    ScopeFacts,
    ScopeKey,
    Severity,
)

__all__ = [
    "LIVE_STATUSES",
    "PERSON",
    "RULES",
    "TEAM",
    "Finding",
    "GoalDraft",
    "LintConfig",
    "LintContext",
    "MetricFacts",
    "Rule",
    "ScopeFacts",
    "ScopeKey",
    "Severity",
    "blocking",
    "lint",
]

Check = Callable[[GoalDraft, LintContext, LintConfig], Flag | None]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: Check

    @property
    def summary(self) -> str:
        """The rule in one line, from its check's docstring (docs and `--help` show it)."""
        return (self.check.__doc__ or "").strip().splitlines()[0]


@dataclass(frozen=True)
class Finding:
    goal: GoalDraft
    rule: str
    severity: Severity
    message: str
    evidence: dict[str, Any]


# In the order a manager fixes them: what the goal is first, then whether the number is right.
RULES: tuple[Rule, ...] = (
    Rule("not_specific", Severity.ERROR, definition.not_specific),
    Rule("not_measurable", Severity.ERROR, definition.not_measurable),
    Rule("no_period", Severity.ERROR, definition.no_period),
    Rule("unrealistic", Severity.WARNING, history.unrealistic),
    Rule("too_easy", Severity.WARNING, history.too_easy),
    Rule("one_size_fits_all", Severity.WARNING, history.one_size_fits_all),
    Rule("outcome_only", Severity.WARNING, goal_set.outcome_only),
    Rule("hybrid_without_team_goal", Severity.WARNING, goal_set.hybrid_without_team_goal),
    Rule("data_no_longer_flows", Severity.WARNING, goal_set.data_no_longer_flows),
)


def lint(
    goals: Sequence[GoalDraft], context: LintContext, config: LintConfig | None = None
) -> list[Finding]:
    """Every finding on `goals`, goal by goal in rule order.

    The checked goals stand in the context in their new state, so a rule over the period's
    goal set sees the change being made.
    """
    config = config or LintConfig()
    context = _with_goals(context, goals)
    return [
        Finding(goal, rule.id, rule.severity, flag.message, dict(flag.evidence))
        for goal in goals
        for rule in RULES
        if (flag := rule.check(goal, context, config)) is not None
    ]


def blocking(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that stop a goal from being saved."""
    return [finding for finding in findings if finding.severity is Severity.ERROR]


def _with_goals(context: LintContext, goals: Sequence[GoalDraft]) -> LintContext:
    checked = {goal.key for goal in goals}
    others = [goal for goal in context.goals if goal.key not in checked]
    return replace(context, goals=[*others, *goals])
