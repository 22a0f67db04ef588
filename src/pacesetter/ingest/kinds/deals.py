"""deals: opportunities, with a history of their stage, amount, close date and status.

A re-import that changes one of those four fields adds a `DealChange` row per field (when, old,
new, the import run), which stage ageing, slipped-deal and forecast reviews read.
"""

import re
from datetime import date

from sqlalchemy import insert

from pacesetter.domain.vocab import DealStatus
from pacesetter.ingest.cells import Cell, CellError, text
from pacesetter.ingest.changes import as_text
from pacesetter.ingest.kinds.base import Kind, KindContext
from pacesetter.ingest.refs import load_accounts, load_people
from pacesetter.ingest.rows import Row
from pacesetter.ingest.upsert import Change, Record
from pacesetter.store.models import Deal, DealChange, utcnow

TRACKED = ("stage", "amount", "close_date", "status")
STATUSES = tuple(status.value for status in DealStatus)
_CURRENCY = re.compile(r"[A-Za-z]{3}")


class Deals(Kind):
    name = "deals"
    table = Deal.__table__
    required = ("external_id", "owner", "amount", "status", "created_date", "close_date")
    optional = ("name", "account", "stage", "margin", "next_step", "currency")

    def __init__(self, context: KindContext) -> None:
        super().__init__(context)
        self.people = load_people(context.session)
        self.accounts = load_accounts(context.session)

    def parse(self, row: Row) -> Record:
        record = {
            "external_id": row.text("external_id", self.length("external_id"), required=True),
            "name": row.text("name", self.length("name")),
            "owner_id": row.ref("owner", self.people, required=True),
            "account_id": row.ref("account", self.accounts),
            "amount": row.number("amount", required=True, minimum=0),
            "margin": row.number("margin"),
            "stage": row.text("stage", self.length("stage")),
            "status": row.choice("status", STATUSES, required=True),
            "created_date": row.day("created_date", required=True),
            "close_date": row.day("close_date", required=True),
            "next_step": row.text("next_step", self.length("next_step")),
            "currency": row.get("currency", _currency),
        }
        _check_close_after_creation(row, record["created_date"], record["close_date"])
        return self.given(row, record)

    def on_update(self, changes: list[Change]) -> None:
        at = utcnow()
        history = [
            {
                "deal_id": change.row_id,
                "import_run_id": self.context.run_id,
                "changed_at": at,
                "field": field,
                "old_value": as_text(change.old[field]),
                "new_value": as_text(change.new[field]),
            }
            for change in changes
            for field in TRACKED
            if field in change.new and change.old[field] != change.new[field]
        ]
        if history:
            self.context.session.execute(insert(DealChange.__table__), history)


def _check_close_after_creation(row: Row, created: date | None, closed: date | None) -> None:
    if created is not None and closed is not None and closed < created:
        reason = f"close date is before the created date ({created.isoformat()})"
        row.fail("close_date", row.cell("close_date"), reason)


def _currency(cell: Cell) -> str:
    code = text(cell, 16)
    if not _CURRENCY.fullmatch(code):
        raise CellError("not a currency code (three letters, e.g. USD)")
    return code.upper()
