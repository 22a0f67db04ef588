"""People, the hierarchy they form, and the organisation's settings."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pacesetter.domain.vocab import BusinessStage
from pacesetter.store.models.base import Base, utcnow


class Person(Base):
    """Someone in the sales organisation; also the user who signs in (when a password is set)."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Stored lower-case: emails are matched case-insensitively everywhere.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    team: Mapped[str | None] = mapped_column(String(200))
    territory: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    manager_type: Mapped[str | None] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    manager: Mapped["Person | None"] = relationship(remote_side=[id], lazy="raise")

    def employed_on(self, day: date) -> bool:
        """metrics.md: employed at d when start date <= d <= end date (open ends count)."""
        started = self.start_date is None or self.start_date <= day
        return started and (self.end_date is None or day <= self.end_date)


def _setting(kind: type[Float] | type[Integer], default: float) -> Any:
    """A threshold column: the default in Python (unsaved rows) and in the database, so rows
    saved before the column existed read the same default."""
    return mapped_column(kind, default=default, server_default=str(default))


class OrgSettings(Base):
    """The organisation's own settings: one row (id 1)."""

    __tablename__ = "org_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="Pacesetter")
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    fiscal_year_start_month: Mapped[int] = mapped_column(Integer, default=1)
    business_stage: Mapped[str] = mapped_column(String(16), default=BusinessStage.GROWING.value)
    # ISO weekday numbers, Monday = 0, comma-separated.
    working_weekdays: Mapped[str] = mapped_column(String(20), default="0,1,2,3,4")
    team_meeting_cadence_days: Mapped[int] = mapped_column(Integer, default=7)
    holiday_country: Mapped[str | None] = mapped_column(String(8))
    # Overload signals and role design (metrics.md): the documented defaults, configurable.
    signal_personal_target_share: Mapped[float] = _setting(Float, 0.5)
    signal_personal_target_min_reports: Mapped[int] = _setting(Integer, 4)
    signal_top_account_fraction: Mapped[float] = _setting(Float, 0.1)
    signal_top_account_multiple: Mapped[float] = _setting(Float, 2.0)
    signal_selling_time_share: Mapped[float] = _setting(Float, 0.5)
    signal_one_on_one_cadence: Mapped[float] = _setting(Float, 0.7)
    signal_team_meeting_gap_multiple: Mapped[float] = _setting(Float, 2.0)
    signal_forecast_accuracy: Mapped[float] = _setting(Float, 0.8)
    signal_improvement_plan_rate: Mapped[float] = _setting(Float, 1.0)
    signal_new_hire_days: Mapped[int] = _setting(Integer, 90)
    signal_new_hire_one_on_one_days: Mapped[int] = _setting(Integer, 30)
    signal_single_closer_share: Mapped[float] = _setting(Float, 0.4)
    role_leadership_only_reports: Mapped[int] = _setting(Integer, 8)
    role_leadership_only_signals: Mapped[int] = _setting(Integer, 3)
    role_limit_target_reports: Mapped[int] = _setting(Integer, 4)
    role_limit_target_share: Mapped[float] = _setting(Float, 0.25)


class Holiday(Base):
    """A non-working day on top of the weekend (configured, or taken from `holiday_country`)."""

    __tablename__ = "holidays"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
