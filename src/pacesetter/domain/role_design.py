"""The role-design recommendation of metrics.md, and the what-if a director plays with.

First match wins: `leadership_only` (a large team, an established business or an overloaded
manager), `limit_personal_target` (a mid-size team, a growing business or a conflict with the
reps), otherwise `player_coach_ok`. The reasons that decided it are always given: the conditions
that matched, or for `player_coach_ok` why none of the others did.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from pacesetter.domain.overload import (
    CONFLICTS,
    OVERLOAD_SIGNALS,
    FiredSignal,
    ManagerFacts,
    SignalThresholds,
    fired_signals,
)
from pacesetter.domain.vocab import BusinessStage


class Recommendation(StrEnum):
    LEADERSHIP_ONLY = "leadership_only"
    LIMIT_PERSONAL_TARGET = "limit_personal_target"
    PLAYER_COACH_OK = "player_coach_ok"


@dataclass(frozen=True)
class RoleDesignThresholds:
    """The organisation's settings (docs/configuration.md); these defaults are metrics.md's."""

    leadership_only_reports: int = 8
    leadership_only_signals: int = 3
    limit_target_reports: int = 4
    limit_target_share: float = 0.25


@dataclass(frozen=True)
class Advice:
    value: Recommendation
    reasons: list[str]


@dataclass(frozen=True)
class WhatIf:
    """A change to play with; None keeps what is."""

    direct_reports: int | None = None
    stage: str | None = None
    personal_target_share: float | None = None


def recommend(
    direct_reports: int, stage: str, fired: Iterable[str], limits: RoleDesignThresholds
) -> Advice:
    """The recommendation for a team of `direct_reports` at `stage`, given the fired signals."""
    names = list(fired)
    overload = [name for name in OVERLOAD_SIGNALS if name in names]
    conflicts = [name for name in names if name in CONFLICTS]
    leadership = _leadership_reasons(direct_reports, stage, overload, limits)
    if leadership:
        return Advice(Recommendation.LEADERSHIP_ONLY, leadership)
    limit = _limit_reasons(direct_reports, stage, conflicts, limits)
    if limit:
        advice = (
            f"keep the personal target at most {limits.limit_target_share:.0%} of the team's, "
            "on strategic accounts only"
        )
        return Advice(Recommendation.LIMIT_PERSONAL_TARGET, [*limit, advice])
    ok = _ok_reasons(direct_reports, stage, overload, limits)
    return Advice(Recommendation.PLAYER_COACH_OK, ok)


def advise(
    facts: ManagerFacts,
    stage: str,
    signal_limits: SignalThresholds,
    design_limits: RoleDesignThresholds,
) -> tuple[list[FiredSignal], Advice]:
    """The fired signals of a manager and the recommendation they lead to."""
    signals = fired_signals(facts, signal_limits)
    names = [signal.name for signal in signals]
    return signals, recommend(facts.direct_reports, stage, names, design_limits)


def what_if(
    facts: ManagerFacts,
    stage: str,
    change: WhatIf,
    signal_limits: SignalThresholds,
    design_limits: RoleDesignThresholds,
) -> Advice:
    """The recommendation if the team had N direct reports, the business were at another
    stage, or the personal target were X of the team's. The signals that depend on the change
    (the personal target share, the fair share of top accounts) are evaluated again."""
    changed = facts
    if change.direct_reports is not None:
        changed = replace(changed, direct_reports=change.direct_reports)
    if change.personal_target_share is not None:
        changed = _with_target_share(changed, change.personal_target_share)
    return advise(changed, change.stage or stage, signal_limits, design_limits)[1]


def _with_target_share(facts: ManagerFacts, value: float) -> ManagerFacts:
    target = None if facts.team_target is None else value * facts.team_target
    return replace(facts, personal_target_share=value, personal_target=target)


def _leadership_reasons(
    reports: int, stage: str, overload: list[str], limits: RoleDesignThresholds
) -> list[str]:
    reasons = []
    if reports >= limits.leadership_only_reports:
        reasons.append(f"{reports} direct reports ({limits.leadership_only_reports} or more)")
    if stage == BusinessStage.ESTABLISHED:
        reasons.append("the business stage is established")
    if len(overload) >= limits.leadership_only_signals:
        reasons.append(
            f"{_signals(overload)} ({limits.leadership_only_signals} or more): "
            + ", ".join(overload)
        )
    return reasons


def _limit_reasons(
    reports: int, stage: str, conflicts: list[str], limits: RoleDesignThresholds
) -> list[str]:
    reasons = []
    if reports >= limits.limit_target_reports:
        top = limits.leadership_only_reports - 1
        reasons.append(f"{reports} direct reports ({limits.limit_target_reports} to {top})")
    if stage == BusinessStage.GROWING:
        reasons.append("the business stage is growing")
    if conflicts:
        reasons.append("conflict with the reps: " + ", ".join(conflicts))
    return reasons


def _ok_reasons(
    reports: int, stage: str, overload: list[str], limits: RoleDesignThresholds
) -> list[str]:
    named = f": {', '.join(overload)}" if overload else ""
    return [
        f"{reports} direct reports (fewer than {limits.limit_target_reports})",
        f"the business stage is {stage}",
        f"{_signals(overload)} (fewer than {limits.leadership_only_signals}){named}",
        "no conflict with the reps",
    ]


def _signals(overload: list[str]) -> str:
    return f"{len(overload)} overload signal{'' if len(overload) == 1 else 's'}"
