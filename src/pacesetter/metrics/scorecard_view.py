"""The scorecard as a screen: the one `Scorecard` the page, GET /api/v1/scorecard, its CSV and
XLSX and `pacesetter report scorecard --format json` all render, for the viewer's scope.

The period is named in the fiscal year (default: the month of the organisation's today) and
the as-of date defaults to today clipped to the period, as on every other report screen.
"""

from datetime import date

from sqlalchemy.orm import Session

from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.metrics.scorecard import Scorecard, build_scorecard
from pacesetter.metrics.scorecard_export import IDENTITY_COLUMNS, flat_header
from pacesetter.store.context import Context
from pacesetter.store.screen_cache import cached_screen

# A goal's target, actual and projection are in its metric's unit; the rest are shares.
_IN_METRIC_UNIT = frozenset({"target", "actual", "projection"})


@cached_screen("scorecard")
def requested_scorecard(
    session: Session, ctx: Context, period_name: str | None = None, as_of: date | None = None
) -> Scorecard:
    """The scorecard of everyone the viewer may see, as a page or the API asks for it."""
    period = ctx.period(period_name)
    return build_scorecard(session, ctx.scope, period, ctx.as_of(period, as_of))


def flat_units(scorecard: Scorecard) -> list[str | None]:
    """Each column of the flat (CSV) table's unit, for a spreadsheet's number formats: None
    for the identity columns (text)."""
    return [_unit(name) for name in flat_header(scorecard)]


def _unit(column: str) -> str | None:
    if column in IDENTITY_COLUMNS:
        return None
    if not column.startswith("goal."):
        return REGISTRY[column].unit.value
    _, _, metric, field = column.split(".", 3)  # goal.<scope>.<metric>.<field>
    known = REGISTRY.get(metric)
    return (known.unit.value if known else None) if field in _IN_METRIC_UNIT else "share"
