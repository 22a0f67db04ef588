"""The audit trail: one row per changed field of the audited tables, and one per import run.

Rows are only ever inserted (`store.audit`); on PostgreSQL a trigger refuses UPDATE and DELETE
on the table (migration 0009), so not even a hand-written statement can rewrite history.
"""

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pacesetter.store.models.base import Base, utcnow


class AuditEntry(Base):
    """Who (`actor_id`, null: the command line or an unsigned process), when, through which
    channel, what (`table_name`, `row_key`, `action`), which field, and its old and new values
    as text. No foreign key: an entry outlives whatever it describes."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    channel: Mapped[str] = mapped_column(String(8))
    table_name: Mapped[str] = mapped_column(String(40), index=True)
    row_key: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(8))
    field: Mapped[str | None] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
