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
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
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
from sqlalchemy.orm import Session, UOWTransaction

from pacesetter.domain.vocab import DealStatus
from pacesetter.store.crashpoints import crash_point
from pacesetter.store.dates import days_between, month_start
from pacesetter.store.models import Account, Activity, ActivityRollup, Deal, DealRollup

Model = type[Activity] | type[Deal]
Owners = Collection[int] | Select[tuple[int]]
Days = tuple[date, date]


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


@dataclass(frozen=True)
class Rollup:
    """A rollup table, the raw table it sums, the grouped query that computes it (its columns
    in the rollup's order), the raw date column whose month keys it, the raw columns a change
    to which makes it stale and the other tables it reads."""

    target: Table
    model: Model
    summary: Callable[[], Select[Any]]
    dated_by: str
    inputs: tuple[str, ...]
    also_reads: tuple[Table, ...] = ()

    @property
    def source(self) -> Table:
        return self.model.__table__  # type: ignore[return-value]

    def refresh(
        self, connection: Connection, owners: Owners | None = None, days: Days | None = None
    ) -> None:
        """Recompute the rollup rows of `owners` (ids or a query of them; None: everyone's)
        in the months from `days[0]` to `days[1]` (None: all) from the raw rows."""
        removed, summary = delete(self.target), self.summary()
        if owners is not None:
            removed = removed.where(self.target.c.owner_id.in_(owners))
            summary = summary.where(self.source.c.owner_id.in_(owners))
        if days is not None:
            first, last = days[0].replace(day=1), _month_end(days[1])
            removed = removed.where(self.target.c.month.between(first, last))
            summary = summary.where(self.source.c[self.dated_by].between(first, last))
        connection.execute(removed)
        crash_point(f"rollup-refresh:{self.target.name}")  # emptied, not yet refilled
        columns = [column.name for column in self.target.c]
        connection.execute(insert(self.target).from_select(columns, summary))


def _activity_summary() -> Select[Any]:
    """Activities, and those with a decision-maker or on a target account (IS TRUE: an
    activity without an account is not on a target one)."""
    month = month_start(Activity.occurred_on)
    directed = Activity.with_decision_maker.is_(True) | Account.is_target.is_(True)
    return (
        select(
            Activity.owner_id, month, Activity.type, func.count(), func.count(case((directed, 1)))
        )
        .outerjoin(Account, Account.id == Activity.account_id)
        .group_by(Activity.owner_id, month, Activity.type)
    )


def _deal_summary() -> Select[Any]:
    """Deals won or lost, by close month: what the closed-deals metrics sum."""
    month = month_start(Deal.close_date)
    cycle = days_between(Deal.close_date, Deal.created_date)
    sums = (func.count(), func.sum(Deal.amount), func.sum(Deal.margin), func.sum(cycle))
    return (
        select(Deal.owner_id, month, Deal.status, *sums)
        .where(Deal.status.in_((DealStatus.WON, DealStatus.LOST)))
        .group_by(Deal.owner_id, month, Deal.status)
    )


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
ROLLUPS = (ACTIVITY_ROLLUP, DEAL_ROLLUP)


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
