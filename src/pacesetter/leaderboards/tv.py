"""Read-only TV links: an admin makes one for a leaderboard (metric, team or the whole
organisation, the kind of period, names shown or not) and gets its address once; the screen
that opens it sees that board and nothing else, without signing in, until the link is revoked.

The token is 32 random bytes (URL-safe); only its SHA-256 is stored, so the table never holds a
usable address. A fast hash is enough for a token of that entropy (no guessing to slow down).
An unknown, malformed or revoked token is `NotFound`, the same answer as for any missing page.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Invalid, NotFound
from pacesetter.domain.periods import PeriodKind, period_of
from pacesetter.leaderboards.board import LeaderboardView, build_leaderboard
from pacesetter.metrics.catalogue import metric
from pacesetter.metrics.org_settings import fiscal_year_start_month
from pacesetter.store.models import Person, TvLink, utcnow
from pacesetter.store.scope import Scope

TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 64
PERIOD_KINDS = (PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER)
MANAGER_ROLES = ("manager", "director")


@dataclass(frozen=True)
class TvChoice:
    """What an admin chooses for a screen."""

    label: str
    metric: str
    period_kind: str
    team_id: int | None
    show_names: bool


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_link(session: Session, admin: Person, choice: TvChoice) -> tuple[TvLink, str]:
    """A new link and its token (shown once: only the hash is kept)."""
    _check(session, choice)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = TvLink(
        token_hash=token_hash(token),
        label=choice.label.strip()[:100],
        metric=choice.metric,
        period_kind=choice.period_kind,
        team_id=choice.team_id,
        show_names=choice.show_names,
        created_by=admin.id,
    )
    session.add(link)
    session.flush()
    return link, token


def _check(session: Session, choice: TvChoice) -> None:
    metric(choice.metric)  # Invalid for a metric the catalogue does not know
    if choice.period_kind not in {kind.value for kind in PERIOD_KINDS}:
        raise Invalid("The period is a week, a month or a quarter.")
    if not choice.label.strip():
        raise Invalid("Name the screen (for example 'Sales floor').")
    if choice.team_id is not None:
        team = session.get(Person, choice.team_id)
        if team is None or team.role not in MANAGER_ROLES:
            raise Invalid("The team is a manager's or a director's; leave it blank for everyone.")


def revoke_link(session: Session, link_id: int) -> None:
    """The link answers 404 from now on (revoking twice changes nothing)."""
    link = session.get(TvLink, link_id)
    if link is None:
        raise NotFound("no such TV link")
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        session.flush()


def active_links(session: Session) -> list[TvLink]:
    statement = select(TvLink).where(TvLink.revoked_at.is_(None)).order_by(TvLink.id)
    return list(session.scalars(statement))


def link_for(session: Session, token: str) -> TvLink:
    """The live link of `token`; `NotFound` for anything else."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise NotFound("no such page")
    statement = select(TvLink).where(
        TvLink.token_hash == token_hash(token), TvLink.revoked_at.is_(None)
    )
    link = session.scalars(statement).first()
    if link is None:
        raise NotFound("no such page")
    return link


def tv_board(session: Session, link: TvLink, today: date) -> LeaderboardView:
    """The link's board for the current period at today: the whole organisation's numbers,
    narrowed to the team the admin chose."""
    period = period_of(today, PeriodKind(link.period_kind), fiscal_year_start_month(session))
    day = min(max(today, period.start), period.end)
    return build_leaderboard(session, Scope.everything(), link.metric, period, day, link.team_id)
