"""The row sources the catalogue's SQL aggregates run over: one query per family.

A family turns a report's context and a subquery of owner ids into the rows its metrics
aggregate (always with an `owner_id` column). Every filter keeps "a later date in the data never
changes a report taken at d": the to-date window ends at min(d, end of P), a deal counts as
open at d from its created and close dates, never from today's status alone.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy import Select, Subquery, or_, select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.vocab import DealStatus
from pacesetter.metrics.org_settings import load_work_calendar, report_years
from pacesetter.metrics.sql import days_between, unindexed
from pacesetter.store.models import Account, Activity, Deal

Owners = Select[tuple[int]]
Window = tuple[date, date]


@dataclass
class ReportContext:
    """A report over the dates [start, end] (a period, or a milestone of one) taken at `as_of`."""

    session: Session = field(repr=False)
    start: date
    end: date
    as_of: date
    given_calendar: WorkCalendar | None = None

    @property
    def window(self) -> Window | None:
        """The to-date window: start to min(as_of, end); None before the start."""
        if self.as_of < self.start:
            return None
        return self.start, min(self.as_of, self.end)

    @cached_property
    def calendar(self) -> WorkCalendar:
        """The working calendar, read only by the families that need it."""
        if self.given_calendar is not None:
            return self.given_calendar
        return load_work_calendar(self.session, report_years(self.start, self.end))


@dataclass(frozen=True)
class Family:
    name: str
    rows: Callable[[ReportContext, Owners], Subquery | None]


def to_date(
    build: Callable[[Owners, Window], Subquery],
) -> Callable[[ReportContext, Owners], Subquery | None]:
    """A family over the to-date window: no rows at all before the period starts."""

    def rows(context: ReportContext, owners: Owners) -> Subquery | None:
        window = context.window
        return None if window is None else build(owners, window)

    return rows


def _closed_deals(owners: Owners, window: Window) -> Subquery:
    """Deals won or lost with a close date in the to-date window."""
    cycle = days_between(Deal.close_date, Deal.created_date).label("cycle_days")
    return (
        select(Deal.owner_id, Deal.status, Deal.amount, Deal.margin, cycle)
        .where(Deal.owner_id.in_(owners), Deal.status.in_((DealStatus.WON, DealStatus.LOST)))
        .where(Deal.close_date.between(*window))
        .subquery("closed_deals")
    )


def _created_deals(owners: Owners, window: Window) -> Subquery:
    """Deals created in the to-date window, whatever their status."""
    return (
        select(Deal.owner_id, Deal.amount)
        .where(Deal.owner_id.in_(owners), Deal.created_date.between(*window))
        .subquery("created_deals")
    )


def _open_pipeline(context: ReportContext, owners: Owners) -> Subquery | None:
    """Deals open at d (created by d, not closed on or before d) closing in [d, end]."""
    as_of = context.as_of
    if as_of > context.end:
        return None
    # The close-date range is the selective part: listing every status lets the (owner_id,
    # status, close_date) index serve it, and `unindexed` keeps SQLite off (owner_id,
    # created_date), where "created by d" would match nearly every deal an owner ever had.
    return (
        select(Deal.owner_id, Deal.amount)
        .where(Deal.owner_id.in_(owners), Deal.status.in_(list(DealStatus)))
        .where(Deal.close_date.between(as_of, context.end), unindexed(Deal.created_date) <= as_of)
        .where(or_(Deal.status == DealStatus.OPEN, Deal.close_date > as_of))
        .subquery("open_pipeline")
    )


def _activities(owners: Owners, window: Window) -> Subquery:
    """Activities dated in the to-date window: all their columns are in the (owner_id,
    occurred_on, type) index, so counting them never reads the table."""
    return (
        select(Activity.owner_id, Activity.type)
        .where(Activity.owner_id.in_(owners), Activity.occurred_on.between(*window))
        .subquery("activities_to_date")
    )


def _directed_activities(owners: Owners, window: Window) -> Subquery:
    """The same activities with what direction needs: the decision-maker flag and whether the
    account is a target one. A family of its own so plain counts stay on the index."""
    columns = (Activity.owner_id, Activity.with_decision_maker, Account.is_target)
    return (
        select(*columns)
        .outerjoin(Account, Account.id == Activity.account_id)
        .where(Activity.owner_id.in_(owners), Activity.occurred_on.between(*window))
        .subquery("direction_to_date")
    )


CLOSED_DEALS = Family("closed_deals", to_date(_closed_deals))
CREATED_DEALS = Family("created_deals", to_date(_created_deals))
OPEN_PIPELINE = Family("open_pipeline", _open_pipeline)
ACTIVITIES = Family("activities", to_date(_activities))
DIRECTION = Family("direction", to_date(_directed_activities))
