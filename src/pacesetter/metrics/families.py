"""The row sources the catalogue's SQL aggregates run over: one query per family.

A family turns a report's context and a subquery of owner ids into the rows its metrics
aggregate (always with an `owner_id` column). Every filter keeps "a later date in the data never
changes a report taken at d": the to-date window ends at min(d, end of P), a deal counts as
open at d from its created and close dates, never from today's status alone.

A family of dated rows (a flow) also gives each row the `day` it is dated on, and a row that
counts only once it falls due (a follow-up) the `due_on` day as well, so that metrics/series.py
can sum the very same rows per day. The open pipeline is a stock, counted at d rather than
dated: it can be read at many (d, end) points at once instead.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy import CTE, ColumnElement, Select, Subquery, or_, select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.vocab import DealStatus
from pacesetter.metrics.org_settings import load_work_calendar, report_years
from pacesetter.metrics.sql import unindexed
from pacesetter.store.dates import days_between
from pacesetter.store.models import Account, Activity, CoachingRecord, Deal

Owners = Select[tuple[int]]
Window = tuple[date, date]
# A date, or the date column of a table of report points.
Day = date | ColumnElement[date]
# (as_of, until): the columns of a table of report points (metrics/series.py).
POINT_COLUMNS = ("as_of", "until")


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
    """`dated_by`: the columns a flow's rows are dated by (first `day`); empty for a stock,
    which `at_points` reads at every row of a table of (as_of, until) points instead."""

    name: str
    rows: Callable[[ReportContext, Owners], Subquery | None]
    dated_by: tuple[str, ...] = ("day",)
    at_points: Callable[[CTE, Owners], Subquery] | None = None


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
    day = Deal.close_date.label("day")
    return (
        select(Deal.owner_id, day, Deal.status, Deal.amount, Deal.margin, cycle)
        .where(Deal.owner_id.in_(owners), Deal.status.in_((DealStatus.WON, DealStatus.LOST)))
        .where(Deal.close_date.between(*window))
        .subquery("closed_deals")
    )


def _created_deals(owners: Owners, window: Window) -> Subquery:
    """Deals created in the to-date window, whatever their status."""
    return (
        select(Deal.owner_id, Deal.created_date.label("day"), Deal.amount)
        .where(Deal.owner_id.in_(owners), Deal.created_date.between(*window))
        .subquery("created_deals")
    )


def _open_at(owners: Owners, as_of: Day, end: Day) -> Select[tuple[int, float]]:
    """Deals open at d (created by d, not closed on or before d) closing in [d, end]."""
    # The close-date range is the selective part: listing every status lets the (owner_id,
    # status, close_date) index serve it, and `unindexed` keeps SQLite off (owner_id,
    # created_date), where "created by d" would match nearly every deal an owner ever had.
    return (
        select(Deal.owner_id, Deal.amount)
        .where(Deal.owner_id.in_(owners), Deal.status.in_(list(DealStatus)))
        .where(Deal.close_date.between(as_of, end), unindexed(Deal.created_date) <= as_of)
        .where(or_(Deal.status == DealStatus.OPEN, Deal.close_date > as_of))
    )


def _open_pipeline(context: ReportContext, owners: Owners) -> Subquery | None:
    if context.as_of > context.end:
        return None
    return _open_at(owners, context.as_of, context.end).subquery("open_pipeline")


def _open_pipeline_at(points: CTE, owners: Owners) -> Subquery:
    """The open pipeline at each (as_of, until) point: a deal once per point it is open at
    (none at a point whose as_of is past its until, as above)."""
    as_of, until = (points.c[name] for name in POINT_COLUMNS)
    return _open_at(owners, as_of, until).add_columns(as_of, until).subquery("open_pipeline_at")


def _activities(owners: Owners, window: Window) -> Subquery:
    """Activities dated in the to-date window: all their columns are in the (owner_id,
    occurred_on, type) index, so counting them never reads the table."""
    return (
        select(Activity.owner_id, Activity.occurred_on.label("day"), Activity.type)
        .where(Activity.owner_id.in_(owners), Activity.occurred_on.between(*window))
        .subquery("activities_to_date")
    )


def _directed_activities(owners: Owners, window: Window) -> Subquery:
    """The same activities with what direction needs: the decision-maker flag and whether the
    account is a target one. A family of its own so plain counts stay on the index (on
    PostgreSQL the index includes these two columns as well: both read the index alone)."""
    day = Activity.occurred_on.label("day")
    return (
        select(Activity.owner_id, day, Activity.with_decision_maker, Account.is_target)
        .outerjoin(Account, Account.id == Activity.account_id)
        .where(Activity.owner_id.in_(owners), Activity.occurred_on.between(*window))
        .subquery("direction_to_date")
    )


def _coaching(owners: Owners, window: Window) -> Subquery:
    """Coaching records dated in the to-date window, counted for their author (the manager who
    held the 1:1 or rode along), not their subject: all columns are in the (author_id, type,
    occurred_on) index."""
    return (
        select(
            CoachingRecord.author_id.label("owner_id"),
            CoachingRecord.occurred_on.label("day"),
            CoachingRecord.type,
        )
        .where(CoachingRecord.author_id.in_(owners))
        .where(CoachingRecord.occurred_on.between(*window))
        .subquery("coaching_to_date")
    )


CLOSED_DEALS = Family("closed_deals", to_date(_closed_deals))
CREATED_DEALS = Family("created_deals", to_date(_created_deals))
OPEN_PIPELINE = Family("open_pipeline", _open_pipeline, (), _open_pipeline_at)
ACTIVITIES = Family("activities", to_date(_activities))
DIRECTION = Family("direction", to_date(_directed_activities))
COACHING = Family("coaching", to_date(_coaching))
