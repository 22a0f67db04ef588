"""forecasts: a manager's submitted number for a period, keyed by (manager, period, submitted_at).

The period is any name `parse_period` reads (`2026-Q1`, `2026-03`, `2026`, `2026-W07`), in the
organisation's fiscal year, and is stored by its canonical name. A re-import with a new amount
for the same key updates it; a new `submitted_at` is a new submission.
"""

from pacesetter.domain.periods import PeriodError, parse_period
from pacesetter.ingest.cells import Cell, CellError, text
from pacesetter.ingest.kinds.base import Kind, KindContext
from pacesetter.ingest.refs import load_people
from pacesetter.ingest.rows import Row
from pacesetter.ingest.upsert import Record
from pacesetter.store.models import Forecast


class Forecasts(Kind):
    name = "forecasts"
    table = Forecast.__table__
    required = ("manager", "period", "amount", "submitted_at")
    key = ("manager_id", "period", "submitted_at")
    key_columns = ("manager", "period", "submitted_at")
    key_label = "forecast (same manager, period and submitted_at)"

    def __init__(self, context: KindContext) -> None:
        super().__init__(context)
        self.people = load_people(context.session)

    def parse(self, row: Row) -> Record:
        moment = row.moment("submitted_at", required=True)
        submitted_at, submitted_on = self.context.clock.place(moment) if moment else (None, None)
        return {
            "manager_id": row.ref("manager", self.people, required=True),
            "period": row.get("period", self._period, required=True),
            "amount": row.number("amount", required=True, minimum=0),
            "submitted_at": submitted_at,
            "submitted_on": submitted_on,
        }

    def _period(self, cell: Cell) -> str:
        try:
            return parse_period(text(cell, 32), self.context.fiscal_year_start_month).name
        except PeriodError as error:
            raise CellError(str(error)) from None
