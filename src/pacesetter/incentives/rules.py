"""Defining and changing reward rules: the one path every surface takes.

A manager or director defines rules for their own team (or a team below them); an admin for any
team or for everyone. A change never rewrites terms: it closes the version in effect the day
before the new one starts and adds the new version, so a period keeps the terms it started
under (domain.incentives.version_for). Every change is in the rule's trail with who, when, old,
new and why, as goals keep theirs. Functions flush; the caller commits.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Forbidden, Invalid, NotFound
from pacesetter.domain.incentive_terms import terms_of
from pacesetter.domain.incentives import Version
from pacesetter.domain.periods import PeriodKind
from pacesetter.domain.vocab import Role
from pacesetter.goals.actor import Actor
from pacesetter.goals.audit import require_reason
from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.store.models import RewardRule, RewardRuleChange, RewardRuleVersion

LEADERS = (Role.MANAGER, Role.DIRECTOR)


@dataclass(frozen=True)
class RuleInput:
    name: str
    kind: str
    metric: str
    period_kind: str
    team_manager_id: int | None
    params: Mapping[str, Any]
    effective_from: date


def create_rule(
    session: Session, actor: Actor, data: RuleInput, *, reason: str | None = None
) -> RewardRule:
    """A new rule with its first version, in effect from `data.effective_from`."""
    _ensure_may_define(session, actor, data.team_manager_id)
    _check(data)
    rule = RewardRule(
        name=data.name.strip(),
        kind=data.kind,
        metric=data.metric,
        period_kind=data.period_kind,
        team_manager_id=data.team_manager_id,
        created_by_id=actor.person_id,
    )
    session.add(rule)
    session.flush()
    _add_version(session, actor, rule, dict(data.params), data.effective_from)
    _record(session, actor, rule, "params", None, dict(data.params), reason or "defined")
    return rule


def change_rule(
    session: Session,
    actor: Actor,
    rule_id: int,
    params: Mapping[str, Any],
    *,
    effective_from: date,
    reason: str | None,
) -> RewardRuleVersion:
    """New terms from `effective_from` on; the version in effect then ends the day before."""
    rule = get_rule(session, actor, rule_id)
    _ensure_may_define(session, actor, rule.team_manager_id)
    why = require_reason(reason, "Changing a reward rule")
    terms_of(rule.kind, params)
    versions = versions_of(session, [rule.id])[rule.id]
    current = versions[-1] if versions else None
    if current is not None:
        _end_before(session, current, effective_from)
    version = _add_version(session, actor, rule, dict(params), effective_from)
    old_params, old_start = (current.params, current.effective_from) if current else (None, None)
    _record(session, actor, rule, "params", old_params, dict(params), why)
    _record(session, actor, rule, "effective_from", old_start, effective_from, why)
    return version


def _end_before(session: Session, current: Version, start: date) -> None:
    """The version in effect ends the day before `start`, which must come after its own."""
    if start <= current.effective_from:
        raise Invalid(
            f"The new terms start after the current ones (from {current.effective_from}): "
            "a past period keeps the terms it was paid under."
        )
    session.get_one(RewardRuleVersion, current.version_id).effective_to = start - timedelta(days=1)


def get_rule(session: Session, actor: Actor, rule_id: int) -> RewardRule:
    """A rule the actor may see (`NotFound` otherwise)."""
    rule = session.get(RewardRule, rule_id)
    if rule is None or not _sees(session, actor, rule.team_manager_id):
        raise NotFound(f"No reward rule {rule_id}")
    return rule


def may_define(actor: Actor) -> bool:
    """Whether the actor defines rules at all (for some team, or for everyone)."""
    return actor.is_admin or actor.scope.role in LEADERS


def visible_rules(session: Session, actor: Actor) -> list[RewardRule]:
    """The rules about everyone and about the teams the actor sees."""
    statement = select(RewardRule).order_by(RewardRule.name, RewardRule.id)
    if not actor.scope.is_unrestricted:
        statement = statement.where(
            RewardRule.team_manager_id.is_(None)
            | RewardRule.team_manager_id.in_(actor.scope.people_ids())
        )
    return list(session.scalars(statement))


def versions_of(session: Session, rule_ids: list[int]) -> dict[int, list[Version]]:
    """Each rule's versions, oldest first (one query)."""
    found: dict[int, list[Version]] = {rule_id: [] for rule_id in rule_ids}
    statement = (
        select(RewardRuleVersion)
        .where(RewardRuleVersion.rule_id.in_(rule_ids))
        .order_by(RewardRuleVersion.rule_id, RewardRuleVersion.effective_from)
    )
    for row in session.scalars(statement):
        found[row.rule_id].append(Version(row.id, row.effective_from, row.effective_to, row.params))
    return found


def trail_of(session: Session, rule_id: int) -> list[RewardRuleChange]:
    statement = (
        select(RewardRuleChange)
        .where(RewardRuleChange.rule_id == rule_id)
        .order_by(RewardRuleChange.changed_at, RewardRuleChange.id)
    )
    return list(session.scalars(statement))


def _check(data: RuleInput) -> None:
    if not data.name.strip():
        raise Invalid("A reward rule needs a name.")
    if data.metric not in REGISTRY:
        raise Invalid(f"Unknown metric {data.metric!r}.")
    if data.period_kind not in {kind.value for kind in PeriodKind}:
        raise Invalid("A rule pays per week, month, quarter or year.")
    if data.kind == "team" and data.team_manager_id is None:
        raise Invalid("A team reward names the team (its manager).")
    terms_of(data.kind, data.params)


def _sees(session: Session, actor: Actor, team_manager_id: int | None) -> bool:
    return team_manager_id is None or actor.scope.sees(session, team_manager_id)


def _ensure_may_define(session: Session, actor: Actor, team_manager_id: int | None) -> None:
    """Admins define any rule; a manager or director those of their own team or one below."""
    if actor.is_admin:
        return
    if not may_define(actor):
        raise Forbidden("Reward rules are set by a manager for their team, or by an admin.")
    if team_manager_id is None:
        raise Forbidden("A rule for everyone is set by an admin.")
    actor.scope.person(session, team_manager_id)


def _add_version(
    session: Session, actor: Actor, rule: RewardRule, params: dict[str, Any], start: date
) -> RewardRuleVersion:
    version = RewardRuleVersion(
        rule_id=rule.id, effective_from=start, params=params, created_by_id=actor.person_id
    )
    session.add(version)
    session.flush()
    return version


def _record(
    session: Session, actor: Actor, rule: RewardRule, field: str, old: Any, new: Any, why: str
) -> None:
    session.add(
        RewardRuleChange(
            rule_id=rule.id,
            changed_by_id=actor.person_id,
            channel=actor.channel.value,
            field=field,
            old_value=_text(old),
            new_value=_text(new),
            reason=why,
        )
    )
    session.flush()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, sort_keys=True) if isinstance(value, dict) else str(value)
