"""A rep's proposed change to their monthly activity plan (plans/service.py)."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pacesetter.store.models.base import Base, utcnow


class PlanProposal(Base):
    """Changes a rep proposes to one month of their plan: line -> planned, null to drop the
    line. Kept apart from `plan_lines` (what QDQ reads) until their manager approves them;
    status proposed -> approved | rejected, with who decided, when and why."""

    __tablename__ = "plan_proposals"
    __table_args__ = (Index("ix_plan_proposals_person_month", "person_id", "month", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    month: Mapped[str] = mapped_column(String(7))
    changes: Mapped[dict[str, float | None]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    proposed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)
