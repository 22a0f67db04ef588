"""The TV links an admin makes for a leaderboard on a screen (leaderboards/tv.py)."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from pacesetter.store.models.base import Base, utcnow


class TvLink(Base):
    """A read-only link to one leaderboard: the metric, the team (none: the organisation), the
    kind of period (the current one at each refresh) and whether names are shown. Only the
    SHA-256 of its random token is kept; a revoked link answers 404."""

    __tablename__ = "tv_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100))
    metric: Mapped[str] = mapped_column(String(64))
    period_kind: Mapped[str] = mapped_column(String(8))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    show_names: Mapped[bool] = mapped_column(Boolean)
    created_by: Mapped[int] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
