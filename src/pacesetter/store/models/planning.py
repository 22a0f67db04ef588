"""Goals (with their audit trail), QDQ activity plans and coaching records."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pacesetter.store.models.base import Base, utcnow


class Goal(Base):
    """A target on one catalogue metric for a person or a team (`scope_type` person|team).

    For a team goal, `person_id` is the team's manager. The period is kept both by name and as
    its date range, so reports can join on dates without parsing names in SQL.
    """

    __tablename__ = "goals"
    __table_args__ = (
        Index("uq_goals_key", "scope_type", "person_id", "metric", "period", unique=True),
        Index("ix_goals_period", "period_start", "period_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    scope_type: Mapped[str] = mapped_column(String(8))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    metric: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(16))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    target: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    individual_weight: Mapped[float | None] = mapped_column(Float)
    rationale: Mapped[str | None] = mapped_column(Text)
    # Milestone weights: {"kind": "month"|"week", "weights": {sub-period name: weight}}.
    distribution: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class GoalChange(Base):
    """One change to a goal: who (or which channel), when, old, new, and the reason given."""

    __tablename__ = "goal_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    channel: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class PlanLine(Base):
    """One line of a rep's monthly QDQ plan: an activity type count, a direction share or a
    quality rating. Natural key (person, month, line)."""

    __tablename__ = "plan_lines"
    __table_args__ = (Index("uq_plan_lines_key", "person_id", "month", "line", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    month: Mapped[str] = mapped_column(String(7))
    month_start: Mapped[date] = mapped_column(Date)
    line: Mapped[str] = mapped_column(String(16))
    planned: Mapped[float] = mapped_column(Float)


class CoachingRecord(Base):
    """A 1:1, check-in, ride-along, survey answer...: `author` did it, `person` is its subject."""

    __tablename__ = "coaching_records"
    __table_args__ = (
        Index("ix_coaching_author_day", "author_id", "type", "occurred_on"),
        Index("ix_coaching_person_day", "person_id", "type", "occurred_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    type: Mapped[str] = mapped_column(String(32))
    author_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    occurred_on: Mapped[date] = mapped_column(Date)
    rating: Mapped[int | None] = mapped_column(Integer)
    skill: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    # What the forms add (docs/coaching.md); imported records leave them empty. Private notes
    # are the author's, never shown to the record's subject (store.scope).
    private_notes: Mapped[str | None] = mapped_column(Text)
    went_well: Mapped[str | None] = mapped_column(Text)
    to_improve: Mapped[str | None] = mapped_column(Text)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id"))
    # The answers only one type of form asks: commitments, blockers, ratings per skill...
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    @property
    def award(self) -> str | None:
        """What a recognition gives: the form's award, else the skill an imported record names
        (the one rule the home page, the leaderboard and the TV read it by)."""
        return (self.details or {}).get("award") or self.skill


class CoachingList(Base):
    """A list the coaching forms offer, as an admin set it (coaching/lists.py): the skills a
    ride-along rates, the pre-brief's "what ifs", the debrief's checklist, the awards."""

    __tablename__ = "coaching_lists"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    items: Mapped[list[str]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
