"""The incentives screens as each request asks for them, built once for the page and its JSON
twin: a person's or a team's earnings (by default in the quarter holding today), the what-if on
a goal (by default as of today) and the period of a review (by default the last quarter that has
closed)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Invalid
from pacesetter.domain.periods import Period, PeriodKind
from pacesetter.incentives.views import EarningRow, EarningsView, earnings_view
from pacesetter.incentives.what_if import WhatIf, what_if
from pacesetter.store.context import Context
from pacesetter.store.models import Person
from pacesetter.store.scope import subtree_ids


@dataclass(frozen=True)
class EarningsScreen:
    subject: Person  # the person, or the team's manager
    team: bool
    view: EarningsView
    rows: list[EarningRow]  # the subject's, or everyone's in the team


def requested_earnings(
    session: Session,
    ctx: Context,
    person_id: int,
    period: str | None,
    as_of: date | None,
    *,
    team: bool,
) -> EarningsScreen:
    """The earnings of the person (`team`: of everyone in their team) the viewer may see;
    `NotFound` outside the viewer's scope."""
    subject = ctx.scope.person(session, person_id)
    span = ctx.period(period, PeriodKind.QUARTER)
    view = earnings_view(session, ctx.scope, span, ctx.as_of(span, as_of))
    if not team:
        return EarningsScreen(subject, team, view, view.of_person(subject.id))
    members = set(session.scalars(select(Person.id).where(Person.id.in_(subtree_ids(subject.id)))))
    return EarningsScreen(subject, team, view, [r for r in view.rows if r.person_id in members])


def requested_what_if(
    session: Session, ctx: Context, goal_id: int | None, deal_id: int | None, as_of: date | None
) -> WhatIf:
    """The goal's what-if with the deal (if any) won; `Invalid` without a goal, which the page's
    GET form can send."""
    if goal_id is None:
        raise Invalid("Choose a goal for the what-if.")
    return what_if(session, ctx.scope, goal_id, deal_id, as_of or ctx.today)


def review_period(ctx: Context, name: str | None) -> Period:
    """The period named, or by default the last quarter that has closed."""
    if name:
        return ctx.period(name, PeriodKind.QUARTER)
    return ctx.period(None, PeriodKind.QUARTER).previous()
