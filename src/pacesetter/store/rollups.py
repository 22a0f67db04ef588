"""Keeping the rollups (store/models/rollups.py) equal to the raw rows they sum.

A refresh is set-based: for the owners concerned (or everyone) it deletes their rollup rows and
inserts them again with one `INSERT ... SELECT ... GROUP BY` over the raw rows, in the caller's
transaction, so the rollups commit or roll back with the change that made them stale: a crash
leaves both as they were. Two paths reach every write of activities and deals:
- imports write in bulk, beneath the ORM: the import service calls `refresh_for` with the table
  it wrote, once the whole file is in;
- everything else writes through an ORM session: a flush listener (registered when store/db.py
  is imported) refreshes the owners of the rows the flush inserted, changed (the old owner and
  the new) or deleted.
An activity's rollup also counts those on a target account, so accounts are an input too: an
accounts import refreshes the activity rollups, and an account whose `is_target` a flush
changes refreshes the owners of its activities.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Rollup:
    """A rollup table, the raw table it sums, the grouped query that computes it (its columns
    in the rollup's order), the raw columns a change to which makes it stale and the other
    tables it reads."""

    target: Table
    model: Model
    summary: Callable[[], Select[Any]]
    inputs: tuple[str, ...]
    also_reads: tuple[Table, ...] = ()

    @property
    def source(self) -> Table:
        return self.model.__table__  # type: ignore[return-value]

    def refresh(self, connection: Connection, owners: Owners | None = None) -> None:
        """Recompute the rollup rows of `owners` (ids or a query of them; None: everyone's)
        from the raw rows."""
        removed, summary = delete(self.target), self.summary()
        if owners is not None:
            removed = removed.where(self.target.c.owner_id.in_(owners))
            summary = summary.where(self.source.c.owner_id.in_(owners))
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
    ("owner_id", "occurred_on", "type", "account_id", "with_decision_maker"),
    (Account.__table__,),  # type: ignore[arg-type]
)
DEAL_ROLLUP = Rollup(
    DealRollup.__table__,  # type: ignore[arg-type]
    Deal,
    _deal_summary,
    ("owner_id", "status", "close_date", "created_date", "amount", "margin"),
)
ROLLUPS = (ACTIVITY_ROLLUP, DEAL_ROLLUP)


def refresh_for(connection: Connection, written: Table) -> None:
    """Recompute every rollup that reads the table `written` (an import's), for everyone."""
    for rollup in ROLLUPS:
        if rollup.source is written or written in rollup.also_reads:
            rollup.refresh(connection)


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
