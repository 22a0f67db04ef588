"""plans: the lines of each rep's monthly QDQ activity plan, keyed by (person, month, line).

`line` is an activity type (Quantity: a planned count), `direction` (the target share of
activity with the right people, in [0, 1]) or `quality` (the target skill rating, 1 to 5).
What `planned` may hold depends on the line, so it is checked once the line is known. The
month is stored by its canonical name (`2026-3` becomes `2026-03`) and by its first day, which
reports join on.
"""

from datetime import date

from pacesetter.domain.periods import Period, PeriodError, PeriodKind, parse_period, period_of
from pacesetter.domain.plan_lines import LINES, planned_problem
from pacesetter.ingest.cells import Cell, CellError, text
from pacesetter.ingest.kinds.base import Kind, KindContext
from pacesetter.ingest.refs import load_people
from pacesetter.ingest.rows import Row
from pacesetter.ingest.upsert import Record
from pacesetter.store.models import PlanLine


class Plans(Kind):
    name = "plans"
    table = PlanLine.__table__
    required = ("person", "month", "line", "planned")
    key = ("person_id", "month", "line")
    key_columns = ("person", "month", "line")
    key_label = "plan line (same person, month and line)"

    def __init__(self, context: KindContext) -> None:
        super().__init__(context)
        self.people = load_people(context.session)

    def parse(self, row: Row) -> Record:
        person_id = row.ref("person", self.people, required=True)
        month = row.get("month", _month, required=True)
        line = row.choice("line", LINES, required=True)
        planned = row.number("planned", required=True)
        if line is not None and planned is not None:
            planned = _check_planned(row, line, planned)
        return {
            "person_id": person_id,
            "month": month.name if month else None,
            "month_start": month.start if month else None,
            "line": line,
            "planned": planned,
        }


def _month(cell: Cell) -> Period:
    """`2026-03`; a spreadsheet that turned it into a date gives that date's month."""
    if isinstance(cell, date):
        return period_of(cell, PeriodKind.MONTH)
    try:
        period = parse_period(text(cell, 32))
    except PeriodError as error:
        raise CellError(str(error)) from None
    if period.kind is not PeriodKind.MONTH:
        raise CellError("not a month (expected YYYY-MM, e.g. 2026-03)")
    return period


def _check_planned(row: Row, line: str, planned: float) -> float | None:
    """The value if the line allows it; otherwise the cell is reported and None returned."""
    reason = planned_problem(line, planned)
    if reason is None:
        return planned
    row.fail("planned", row.cell("planned"), reason)
    return None
