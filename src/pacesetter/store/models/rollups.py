"""Per-person, per-month sums of the two largest tables, kept by store/rollups.py.

A row holds what the catalogue's sums and counts need for one owner, one calendar month and one
value of the column the metrics split by (an activity's type, a closed deal's status), so a
whole month is read as a few rows instead of thousands. Months are calendar months: quarters,
fiscal or not, and years are whole months; only a partial month is read from the raw rows.
"""

from datetime import date

from sqlalchemy import Date, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pacesetter.store.models.base import Base


class ActivityRollup(Base):
    """Activities of one owner, dated in one month (`occurred_on`), of one type; `directed`:
    those with a decision-maker or on a target account (metrics.md, direction share)."""

    __tablename__ = "activity_rollups"

    owner_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # its first day
    type: Mapped[str] = mapped_column(String(16), primary_key=True)
    activities: Mapped[int] = mapped_column(Integer)
    directed: Mapped[int] = mapped_column(Integer)


class DealRollup(Base):
    """Deals won or lost by one owner, closing in one month (`close_date`), of one status."""

    __tablename__ = "deal_rollups"

    owner_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # its first day
    status: Mapped[str] = mapped_column(String(8), primary_key=True)
    deals: Mapped[int] = mapped_column(Integer)
    amount: Mapped[float | None] = mapped_column(Float)
    margin: Mapped[float | None] = mapped_column(Float)
    cycle_days: Mapped[int | None] = mapped_column(Integer)
