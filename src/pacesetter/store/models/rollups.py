"""Per-person, per-month sums of the two largest tables, kept by store/rollups.py.

A row holds what the catalogue's sums and counts need for one owner, one calendar month and one
value of the column the metrics split by (an activity's type, a closed deal's status), so a
whole month is read as a few rows instead of thousands. Months are calendar months: quarters,
fiscal or not, and years are whole months; only a partial month is read from the raw rows.

Follow-ups are rolled up by day instead (`FollowUpRollup`): whether a meeting was followed
depends on the working calendar, which can change after the fact, so the rollup keeps what does
not (how many days later the next touch came) and a report compares it with its own calendar.
"""

from datetime import date

from sqlalchemy import Date, Float, Integer, SmallInteger, String
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


# How many days after a meeting a touch can matter: the longest follow-up window a report
# reads from `FollowUpRollup` (two working days of a calendar with one working weekday).
FOLLOW_UP_REACH_DAYS = 14


class FollowUpRollup(Base):
    """Meetings and demos on an account by one owner on one day (`day`), by `next_touch_days`:
    the days from the meeting to the owner's next activity on the same account (a later day),
    or FOLLOW_UP_REACH_DAYS + 1 for none within reach. A report's follow-up window of n days
    counts the meetings with `next_touch_days <= n` followed (metrics.md, follow-up rate)."""

    __tablename__ = "follow_up_rollups"
    __table_args__ = ({"sqlite_with_rowid": False},)  # read in key order, not via a rowid

    owner_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    next_touch_days: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    meetings: Mapped[int] = mapped_column(Integer)
