"""Keeping the rollups (store/models/rollups.py) equal to the raw rows they sum.

A refresh is set-based: for the owners concerned (or everyone) it deletes their rollup rows and
inserts them again with one `INSERT ... SELECT ... GROUP BY` over the raw rows, in the caller's
transaction, so the rollups commit or roll back with the change that made them stale: a crash
leaves both as they were. Two paths reach every write of activities and deals:
- imports write in bulk, beneath the ORM: the import service watches its write (`BulkWrite`)
  and, once the whole file is in, refreshes the months it touched (the dates of the rows it
  added, and the old and new dates of the rows it updated), for everyone;
- everything else writes through an ORM session: a flush listener (registered when store/db.py
  is imported) refreshes the owners of the rows the flush inserted, changed (the old owner and
  the new) or deleted.
An activity's rollup also counts those on a target account, so accounts are an input too: an
accounts import refreshes the activity rollups, and an account whose `is_target` a flush
changes refreshes the owners of its activities.
The follow-up rollup is keyed by day and looks ahead: an activity decides whether the meetings
of the FOLLOW_UP_REACH_DAYS before it were followed, so a refresh of some days also recomputes
the meetings of that many days before them (into the previous month near a month's start).
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Table,
    case,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
)
from sqlalchemy.orm import Session, UOWTransaction, aliased

from pacesetter.domain.vocab import FOLLOWED_UP_TYPES, DealStatus
from pacesetter.store.crashpoints import crash_point
from pacesetter.store.dates import days_between, month_start
from pacesetter.store.models import (
    Account,
    Activity,
    ActivityRollup,
    Deal,
    DealRollup,
    FollowUpRollup,
)
from pacesetter.store.models.rollups import FOLLOW_UP_REACH_DAYS

Model = type[Activity] | type[Deal]
Owners = Collection[int] | Select[tuple[int]]
Days = tuple[date, date]
# Conditions on the raw table that select the rows a refresh recomputes.
Filters = list[ColumnElement[bool]]


def _whole_months(days: Days) -> Days:
    """The first and last day of the calendar months the days run through."""
    first, last = days
    following = (last.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first.replace(day=1), following - timedelta(days=1)


def _with_reach(days: Days) -> Days:
    """The days and the FOLLOW_UP_REACH_DAYS before them: the meetings a touch may follow."""
    return days[0] - timedelta(days=FOLLOW_UP_REACH_DAYS), days[1]


@dataclass(frozen=True)
class Rollup:
    """A rollup table, the raw table it sums, the grouped query that computes it (its columns
    in the rollup's order), the raw date column that dates it, the raw columns a change to which
    makes it stale and the other tables it reads; `keyed_by`, the rollup's date column, and
    `rows_of`, the stretch of those dates a change to raw rows of some days makes stale."""

    target: Table
    model: Model
    summary: Callable[[Filters], Select[Any]]
    dated_by: str
    inputs: tuple[str, ...]
    also_reads: tuple[Table, ...] = ()
    keyed_by: str = "month"
    rows_of: Callable[[Days], Days] = _whole_months

    @property
    def source(self) -> Table:
        return self.model.__table__  # type: ignore[return-value]

    def refresh(
        self, connection: Connection, owners: Owners | None = None, days: Days | None = None
    ) -> None:
        """Recompute the rollup rows of `owners` (ids or a query of them; None: everyone's)
        that raw rows dated from `days[0]` to `days[1]` (None: any day) sum, from the raw rows."""
        removed, raw = delete(self.target), []
        if owners is not None:
            removed = removed.where(self.target.c.owner_id.in_(owners))
            raw.append(self.source.c.owner_id.in_(owners))
        if days is not None:
            first, last = self.rows_of(days)
            removed = removed.where(self.target.c[self.keyed_by].between(first, last))
            raw.append(self.source.c[self.dated_by].between(first, last))
        summary = self.summary(raw)
        connection.execute(removed)
        crash_point(f"rollup-refresh:{self.target.name}")  # emptied, not yet refilled
        columns = [column.name for column in self.target.c]
        connection.execute(insert(self.target).from_select(columns, summary))


def _activity_summary(raw: Filters) -> Select[Any]:
    """Activities, and those with a decision-maker or on a target account (IS TRUE: an
    activity without an account is not on a target one)."""
    month = month_start(Activity.occurred_on)
    directed = Activity.with_decision_maker.is_(True) | Account.is_target.is_(True)
    return (
        select(
            Activity.owner_id, month, Activity.type, func.count(), func.count(case((directed, 1)))
        )
        .outerjoin(Account, Account.id == Activity.account_id)
        .where(*raw)
        .group_by(Activity.owner_id, month, Activity.type)
    )


def _deal_summary(raw: Filters) -> Select[Any]:
    """Deals won or lost, by close month: what the closed-deals metrics sum."""
    month = month_start(Deal.close_date)
    cycle = days_between(Deal.close_date, Deal.created_date)
    sums = (func.count(), func.sum(Deal.amount), func.sum(Deal.margin), func.sum(cycle))
    return (
        select(Deal.owner_id, month, Deal.status, *sums)
        .where(Deal.status.in_((DealStatus.WON, DealStatus.LOST)), *raw)
        .group_by(Deal.owner_id, month, Deal.status)
    )


def _follow_up_summary(raw: Filters) -> Select[Any]:
    """Meetings and demos on an account per owner, day and days to the owner's next activity
    on that account (FOLLOW_UP_REACH_DAYS + 1 for none within reach): the `(account_id,
    owner_id, occurred_on)` index answers each meeting's next touch with one probe."""
    touch = aliased(Activity, name="touch")
    next_touch = (
        select(func.min(touch.occurred_on))
        .where(touch.account_id == Activity.account_id, touch.owner_id == Activity.owner_id)
        .where(touch.occurred_on > Activity.occurred_on)
        .scalar_subquery()
    )
    gap = days_between(next_touch, Activity.occurred_on)
    meetings = (
        select(Activity.owner_id, Activity.occurred_on.label("day"), gap.label("gap"))
        .where(Activity.type.in_(FOLLOWED_UP_TYPES), Activity.account_id.is_not(None), *raw)
        .subquery("meetings")
    )
    beyond = FOLLOW_UP_REACH_DAYS + 1
    capped = case((meetings.c.gap <= FOLLOW_UP_REACH_DAYS, meetings.c.gap), else_=beyond)
    # Capped in a subquery of its own: PostgreSQL does not match a GROUP BY expression whose
    # constants are bound parameters of their own to the same expression in the SELECT list.
    touched = select(meetings.c.owner_id, meetings.c.day, capped.label("next_touch_days"))
    rows = touched.subquery("touched")
    return select(rows, func.count()).group_by(*rows.c)


ACTIVITY_ROLLUP = Rollup(
    ActivityRollup.__table__,  # type: ignore[arg-type]
    Activity,
    _activity_summary,
    "occurred_on",
    ("owner_id", "occurred_on", "type", "account_id", "with_decision_maker"),
    (Account.__table__,),  # type: ignore[arg-type]
)
DEAL_ROLLUP = Rollup(
    DealRollup.__table__,  # type: ignore[arg-type]
    Deal,
    _deal_summary,
    "close_date",
    ("owner_id", "status", "close_date", "created_date", "amount", "margin"),
)
FOLLOW_UP_ROLLUP = Rollup(
    FollowUpRollup.__table__,  # type: ignore[arg-type]
    Activity,
    _follow_up_summary,
    "occurred_on",
    ("owner_id", "occurred_on", "type", "account_id"),
    keyed_by="day",
    rows_of=_with_reach,
)
ROLLUPS = (ACTIVITY_ROLLUP, DEAL_ROLLUP, FOLLOW_UP_ROLLUP)


@dataclass
class BulkWrite:
    """A bulk write of `table` (an import's), watched to refresh its rollups for the months it
    touched: those of the rows it adds (ids above the largest before it) and of the old and new
    values of the rows it updates (`saw`). A rollup that only reads the table (activities read
    accounts) is recomputed whole."""

    table: Table
    last_id: int | None
    seen: list[date] = field(default_factory=list)

    @classmethod
    def starting(cls, connection: Connection, table: Table) -> "BulkWrite":
        summed = any(rollup.source is table for rollup in ROLLUPS)
        return cls(table, connection.scalar(select(func.max(table.c.id))) if summed else None)

    def saw(self, values: Mapping[str, Any]) -> None:
        """Note the dates of an updated row's old or new values."""
        for rollup in ROLLUPS:
            day = values.get(rollup.dated_by) if rollup.source is self.table else None
            if day is not None:
                self.seen = [min([day, *self.seen]), max([day, *self.seen])]

    def tables(self) -> list[Table]:
        """The table written and the rollups its refresh rewrites."""
        refreshed = [r.target for r in ROLLUPS if self.table in (r.source, *r.also_reads)]
        return [self.table, *refreshed]

    def refresh(self, connection: Connection) -> None:
        for rollup in ROLLUPS:
            if rollup.source is self.table:
                days = self._days(connection, rollup)
                if days is not None:
                    rollup.refresh(connection, days=days)
            elif self.table in rollup.also_reads:
                rollup.refresh(connection)

    def _days(self, connection: Connection, rollup: Rollup) -> Days | None:
        """The first and last day touched; None when the write changed no row."""
        dated = self.table.c[rollup.dated_by]
        added = select(func.min(dated), func.max(dated))
        if self.last_id is not None:
            added = added.where(self.table.c.id > self.last_id)
        days = [day for day in (*connection.execute(added).one(), *self.seen) if day is not None]
        return (min(days), max(days)) if days else None


def _owners_touched(session: Session, rollup: Rollup) -> set[int]:
    """The owners whose rollup rows this flush makes stale: of new and deleted rows, and of
    changed ones whose summed columns changed (before and after the change)."""
    owners = {
        obj.owner_id for obj in (*session.new, *session.deleted) if isinstance(obj, rollup.model)
    }
    for obj in session.dirty:
        if not isinstance(obj, rollup.model):
            continue
        state = inspect(obj)
        if any(state.attrs[name].history.has_changes() for name in rollup.inputs):
            owners.add(obj.owner_id)
            owners.update(state.attrs.owner_id.history.deleted)
    return owners


def _retargeted(session: Session) -> set[int]:
    """The accounts this flush made target accounts or took off the list."""
    return {
        obj.id
        for obj in session.dirty
        if isinstance(obj, Account) and inspect(obj).attrs.is_target.history.has_changes()
    }


@event.listens_for(Session, "after_flush")
def _refresh_flushed(session: Session, _flush: UOWTransaction) -> None:
    """After the flush, while the attributes still have their history: in the same
    transaction, so the rollups commit or roll back with the rows."""
    for rollup in ROLLUPS:
        owners = _owners_touched(session, rollup)
        if owners:
            rollup.refresh(session.connection(), owners)
    accounts = _retargeted(session)
    if accounts:
        on_them = select(Activity.owner_id).where(Activity.account_id.in_(accounts))
        ACTIVITY_ROLLUP.refresh(session.connection(), on_them.distinct())
