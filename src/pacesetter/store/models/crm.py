"""What the CRM knows: accounts, activities, deals (with their history) and forecasts."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pacesetter.store.models.base import Base, utcnow


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    segment: Mapped[str | None] = mapped_column(String(100))
    territory: Mapped[str | None] = mapped_column(String(200))
    is_target: Mapped[bool] = mapped_column(Boolean, default=False)


class Activity(Base):
    """One touch by one person. `occurred_on` is the local date the metrics count it on.

    On PostgreSQL the (owner_id, occurred_on, type) index also carries what the direction
    share reads (INCLUDE), so a month to date, which reports read from the raw rows, is read
    from the index alone for counts and direction both (migration 0013)."""

    __tablename__ = "activities"
    __table_args__ = (
        Index(
            "ix_activities_owner_day",
            "owner_id",
            "occurred_on",
            "type",
            postgresql_include=["account_id", "with_decision_maker"],
        ),
        Index("ix_activities_account_owner_day", "account_id", "owner_id", "occurred_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    type: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    occurred_on: Mapped[date] = mapped_column(Date)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id"), index=True)
    outcome: Mapped[str | None] = mapped_column(String(200))
    with_decision_maker: Mapped[bool] = mapped_column(Boolean, default=False)


class Deal(Base):
    __tablename__ = "deals"
    __table_args__ = (
        Index("ix_deals_owner_close", "owner_id", "status", "close_date"),
        Index("ix_deals_owner_created", "owner_id", "created_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str | None] = mapped_column(String(300))
    owner_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    amount: Mapped[float] = mapped_column(Float)
    margin: Mapped[float | None] = mapped_column(Float)
    stage: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(8))
    created_date: Mapped[date] = mapped_column(Date)
    close_date: Mapped[date] = mapped_column(Date)
    next_step: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str | None] = mapped_column(String(3))


class DealChange(Base):
    """A deal field changed by a re-import: kept for stage ageing, slips and forecast reviews."""

    __tablename__ = "deal_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id"), index=True)
    import_run_id: Mapped[int | None] = mapped_column(ForeignKey("import_runs.id"))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class Forecast(Base):
    """A manager's submitted number for a period; natural key (manager, period, submitted_at)."""

    __tablename__ = "forecasts"
    __table_args__ = (
        Index("uq_forecasts_key", "manager_id", "period", "submitted_at", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    period: Mapped[str] = mapped_column(String(16))
    amount: Mapped[float] = mapped_column(Float)
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    submitted_on: Mapped[date] = mapped_column(Date)
