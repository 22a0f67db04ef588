"""Rules over a goal's surroundings: the person's other goals in the period, the team goal a
hybrid weight leans on, and whether data still arrives for the metric."""

from datetime import date, timedelta

from pacesetter.domain.goal_rules.model import (
    PERSON,
    TEAM,
    Flag,
    GoalDraft,
    LintConfig,
    LintContext,
    ScopeKey,
)
from pacesetter.domain.goal_rules.text import percent
from pacesetter.domain.vocab import GoalKind, GoalStatus


def outcome_only(goal: GoalDraft, context: LintContext, _config: LintConfig) -> Flag | None:
    """A person with outcome goals in the period and no activity goal to steer by."""
    if goal.scope.scope_type != PERSON or context.kind_of(goal) != GoalKind.OUTCOME:
        return None
    # Monthly activity goals inside a quarter steer its outcome as well as a quarterly one.
    within = context.live_goals_within(goal.period, goal.scope)
    if any(context.kind_of(other) == GoalKind.ACTIVITY for other in within):
        return None
    outcomes = sorted(str(other.metric) for other in context.live_goals(goal.period, goal.scope))
    return Flag(
        f"{context.name(goal.scope)} has only outcome goals for {goal.period} "
        f"({', '.join(outcomes)}). Results come late and cannot be steered directly: add an "
        "activity goal (calls, meetings, demos) that leads to them, so a slip shows early.",
        {"outcome_goals": outcomes, "activity_goals": []},
    )


def hybrid_without_team_goal(
    goal: GoalDraft, context: LintContext, _config: LintConfig
) -> Flag | None:
    """A hybrid weight below 1 with no approved team goal to take the team part from."""
    weight = goal.individual_weight
    if goal.scope.scope_type != PERSON or weight is None or weight >= 1:
        return None
    facts = context.scopes.get(goal.scope)
    team = ScopeKey(TEAM, facts.manager_id) if facts and facts.manager_id else None
    if team is not None and _has_approved_goal(team, goal, context):
        return None
    whose = context.name(team) if team else "the team (there is no manager)"
    return Flag(
        f"The goal credits {context.name(goal.scope)} {percent(weight)} on their own result and "
        f"{percent(1 - weight)} on the team's, but {whose} has no approved {goal.metric} goal "
        f"for {goal.period}, so the credit cannot be worked out. Set that team goal, or make "
        "this goal individual (weight 1).",
        {"individual_weight": weight, "team": whose, "metric": goal.metric},
    )


def data_no_longer_flows(goal: GoalDraft, context: LintContext, config: LintConfig) -> Flag | None:
    """No data for the metric has arrived for the scope lately: the goal cannot be tracked."""
    facts = context.metrics.get(goal.metric or "")
    if facts is None or (goal.scope, facts.name) not in context.last_data_on:
        return None
    days = (
        config.activity_silence_days
        if facts.kind == GoalKind.ACTIVITY
        else config.deal_silence_days
    )
    since = context.as_of - timedelta(days=days)
    last = context.last_data_on[(goal.scope, facts.name)]
    if _started_after(goal.scope, context, since) or (last is not None and last >= since):
        return None
    seen = f"since {last.isoformat()}" if last else "at all"
    return Flag(
        f"No {facts.data_label} have been recorded for {context.name(goal.scope)} {seen} "
        f"(none in the {days} days up to {context.as_of.isoformat()}), so this goal cannot be "
        "tracked. Check that the CRM export still carries them, or retire the goal.",
        {"last_data_on": last.isoformat() if last else None, "window_days": days},
    )


def _has_approved_goal(scope: ScopeKey, goal: GoalDraft, context: LintContext) -> bool:
    """`scope` has an approved goal on the same metric in the goal's period."""
    return any(
        other.metric == goal.metric and other.status == GoalStatus.APPROVED.value
        for other in context.live_goals(goal.period, scope)
    )


def _started_after(scope: ScopeKey, context: LintContext, day: date) -> bool:
    """Whoever is behind the scope started after `day`: their silence before is no news."""
    facts = context.scopes.get(scope)
    return facts is not None and facts.started_on is not None and facts.started_on > day
