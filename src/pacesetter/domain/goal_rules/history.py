"""Rules that weigh a target against history: the scope's own trailing comparable periods
first, its peers' (same manager) where it has none, and the targets its peers were given."""

from dataclasses import dataclass
from math import isclose
from statistics import fmean
from typing import Any

from pacesetter.domain.goal_rules.model import (
    Flag,
    GoalDraft,
    LintConfig,
    LintContext,
    MetricFacts,
    ScopeFacts,
)
from pacesetter.domain.goal_rules.text import names, show
from pacesetter.domain.periods import parse_period


def unrealistic(goal: GoalDraft, context: LintContext, config: LintConfig) -> Flag | None:
    """Far above the best trailing period: the scope's own, or its peers' when it has none."""
    facts = _checkable(goal, context)
    if facts is None or goal.target is None:
        return None
    own = context.trailing(goal.scope, facts.name)
    basis = own or _peer_values(goal, context, facts)
    if not basis:
        return None
    best_period, best = _best(basis, facts)
    limit = _stretched(best, config.unrealistic_factor, facts)
    if not _better(goal.target, limit, facts):
        return None
    whose = f"{context.name(goal.scope)}'s" if own else "any peer's"
    periods = len(own) if own else _peer_periods(goal, context, facts)
    reference = _Reference(best_period, best, limit, config.unrealistic_factor, periods)
    evidence = _evidence(goal, context, facts, own) | {"best": best, "limit": limit}
    return Flag(_unrealistic_words(goal, context, facts, whose, reference), evidence)


def too_easy(goal: GoalDraft, context: LintContext, config: LintConfig) -> Flag | None:
    """Below what the scope already averages: it would be met without any change."""
    facts = _checkable(goal, context)
    if facts is None or goal.target is None:
        return None
    own = context.trailing(goal.scope, facts.name)
    if not own:
        return None
    average = fmean(own.values())
    floor = _stretched(average, config.too_easy_factor, facts)
    if not _better(floor, goal.target, facts):
        return None
    return Flag(
        f"Target {show(goal.target, facts.unit)} is below what {context.name(goal.scope)} "
        f"already averages over {_span(context, len(own))} ({show(average, facts.unit)}): it "
        f"would be met without any change. Set it at {show(floor, facts.unit)} or more.",
        _evidence(goal, context, facts, own) | {"average": average},
    )


def one_size_fits_all(goal: GoalDraft, context: LintContext, config: LintConfig) -> Flag | None:
    """The same target as peers whose results or territories differ materially."""
    facts = _checkable(goal, context)
    if facts is None or goal.target is None:
        return None
    differences = [
        (peer, reason)
        for peer in _same_target_peers(goal, context)
        if (reason := _difference(goal, peer, context, facts, config))
    ]
    if not differences:
        return None
    return Flag(
        f"{context.name(goal.scope)} has the same target ({show(goal.target, facts.unit)}) as "
        f"{_listed([f'{peer.label} ({reason})' for peer, reason in differences])}. One number for "
        "different people is too hard for some and too easy for others: set each from the "
        "person's own history and territory.",
        {
            "target": goal.target,
            "same_target_as": [
                {"scope": peer.label, "difference": reason} for peer, reason in differences
            ],
        },
    )


@dataclass(frozen=True)
class _Reference:
    """The best trailing result a target was weighed against, and the limit drawn from it."""

    period: str
    best: float
    limit: float
    factor: float
    periods: int  # how many trailing periods had a value


def _unrealistic_words(
    goal: GoalDraft, context: LintContext, facts: MetricFacts, whose: str, ref: _Reference
) -> str:
    target = show(goal.target or 0, facts.unit)
    if not ref.best:
        span = _span(context, ref.periods)
        return (
            f"Target {target}, while {whose} result was 0 in each of {span}: the "
            "history does not support it. Agree the plan that gets there, or set a first step."
        )
    return (
        f"Target {target} is beyond {ref.factor:g} times {whose} best of "
        f"{_span(context, ref.periods)} ({show(ref.best, facts.unit)} in {ref.period}), so the "
        "history does not support it. "
        f"Agree the stretch openly or bring it to about {show(ref.limit, facts.unit)}."
    )


def _listed(items: list[str], shown: int = 3) -> str:
    """The first few items, then how many more (the evidence lists them all)."""
    if len(items) <= shown:
        return names(items)
    return f"{', '.join(items[:shown])} and {len(items) - shown} more"


def _checkable(goal: GoalDraft, context: LintContext) -> MetricFacts | None:
    """The metric, when the goal is well-formed enough to weigh against history."""
    facts = context.metrics.get(goal.metric or "")
    if facts is None or goal.target is None or goal.target <= 0 or not context.history_periods:
        return None
    return facts


def _better(value: float, than: float, facts: MetricFacts) -> bool:
    return value < than if facts.lower_is_better else value > than


def _stretched(value: float, factor: float, facts: MetricFacts) -> float:
    """`value` made `factor` times more demanding (divided where lower is better)."""
    return value / factor if facts.lower_is_better else value * factor


def _best(values: dict[str, float], facts: MetricFacts) -> tuple[str, float]:
    """The best (label, value): the highest, or the lowest where lower is better."""
    ordered = sorted(values.items(), key=lambda item: item[1], reverse=not facts.lower_is_better)
    return ordered[0]


def _peer_values(goal: GoalDraft, context: LintContext, facts: MetricFacts) -> dict[str, float]:
    """Each peer's trailing values, labelled by peer and period."""
    return {
        f"{period} ({peer.label})": value
        for peer in context.peers(goal.scope)
        for period, value in context.trailing(peer.key, facts.name).items()
    }


def _peer_periods(goal: GoalDraft, context: LintContext, facts: MetricFacts) -> int:
    """How many trailing periods any peer has a value for."""
    return len(
        {
            period
            for peer in context.peers(goal.scope)
            for period in context.trailing(peer.key, facts.name)
        }
    )


def _span(context: LintContext, count: int) -> str:
    """The trailing periods that had values, as counted: a period without data is not one of
    "the last 3 quarters"."""
    kind = parse_period(context.history_periods[0], context.fiscal_year_start_month).kind
    return f"the last {kind}" if count == 1 else f"the last {count} {kind}s"


def _evidence(
    goal: GoalDraft, context: LintContext, facts: MetricFacts, own: dict[str, float]
) -> dict[str, Any]:
    peer_values = _peer_values(goal, context, facts)
    return {
        "target": goal.target,
        "trailing": own,
        "peers": len(context.peers(goal.scope)),
        "peer_best": dict([_best(peer_values, facts)]) if peer_values else None,
        "peer_average": fmean(peer_values.values()) if peer_values else None,
    }


def _same_target_peers(goal: GoalDraft, context: LintContext) -> list[ScopeFacts]:
    if goal.target is None:
        return []
    on_metric = context.live_goals_on(goal.period, goal.metric)
    return [
        peer
        for peer in context.peers(goal.scope)
        for other in on_metric.get(peer.key, ())
        if other.target is not None and isclose(other.target, goal.target, rel_tol=1e-9)
    ]


def _difference(
    goal: GoalDraft, peer: ScopeFacts, context: LintContext, facts: MetricFacts, config: LintConfig
) -> str | None:
    """Why the peer should not share the target, or None when the two are alike."""
    own = context.scopes.get(goal.scope)
    own_territory, peer_territory = own.territory if own else None, peer.territory
    if own_territory and peer_territory and own_territory.casefold() != peer_territory.casefold():
        return f"territory {peer_territory} vs {own_territory}"
    mine = context.trailing(goal.scope, facts.name)
    theirs = context.trailing(peer.key, facts.name)
    if not mine or not theirs:
        return None
    low, high = sorted((fmean(mine.values()), fmean(theirs.values())))
    if high > 0 and (low == 0 or high / low >= config.one_size_history_ratio):
        span = _span(context, max(len(mine), len(theirs)))
        return (
            f"averages {show(fmean(theirs.values()), facts.unit)} vs "
            f"{show(fmean(mine.values()), facts.unit)} over {span}"
        )
    return None
