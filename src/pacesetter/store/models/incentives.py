"""Reward rules on goals (docs/incentives.md): a rule, its versions with effective dates, and
the trail of changes to it (who, when, old, new, why), as goals keep theirs."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pacesetter.store.models.base import Base, utcnow


class RewardRule(Base):
    """What a rule is about: its kind (bonus | spiff | team), the goals it reads (metric and
    period kind) and whose they are: the team of `team_manager_id`, or everyone when empty
    (an admin's rule). Its terms live in its versions."""

    __tablename__ = "reward_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(8))
    metric: Mapped[str] = mapped_column(String(64))
    period_kind: Mapped[str] = mapped_column(String(8))
    team_manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RewardRuleVersion(Base):
    """The terms of a rule from `effective_from` to `effective_to` (open when empty); a change
    closes the version in effect and starts a new one, so past periods keep their terms."""

    __tablename__ = "reward_rule_versions"
    __table_args__ = (Index("ix_reward_rule_versions_rule", "rule_id", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("reward_rules.id"))
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RewardRuleChange(Base):
    """One change to a rule: who (or which channel), when, old, new, and the reason given."""

    __tablename__ = "reward_rule_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("reward_rules.id"), index=True)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    channel: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
