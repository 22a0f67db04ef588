"""Mail bookkeeping (digest/ and mail/): who opted out, what was sent, what waits to be sent."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from pacesetter.store.models.base import Base, utcnow


class MailPreference(Base):
    """A person's choice about mail; no row means both kinds are wanted."""

    __tablename__ = "mail_preferences"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    digest: Mapped[bool] = mapped_column(Boolean, default=True)
    events: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class MailSent(Base):
    """One digest sent to one person for one week: the unique key makes a re-run send nothing
    twice, even when two runs overlap."""

    __tablename__ = "mail_sent"
    __table_args__ = (Index("uq_mail_sent_key", "person_id", "kind", "key", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(32))
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MailOutbox(Base):
    """An event mail written in the same unit of work as the change it tells about, and sent
    only after that commits (`pacesetter digest flush`): a refused change sends nothing."""

    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_pending", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
