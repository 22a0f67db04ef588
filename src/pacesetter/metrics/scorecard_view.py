"""The scorecard as a screen: the one `Scorecard` the page, GET /api/v1/scorecard, its CSV and
XLSX and `pacesetter report scorecard --format json` all render, for the viewer's scope.

The period is named in the fiscal year (default: the month of the organisation's today) and
the as-of date defaults to today clipped to the period, as on every other report screen.
"""

from datetime import date

from sqlalchemy.orm import Session

from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.metrics.quadrant import requested_period
from pacesetter.metrics.scorecard import Scorecard, build_scorecard, default_as_of
from pacesetter.metrics.scorecard_export import IDENTITY_COLUMNS, flat_header
from pacesetter.store.scope import Scope

# A goal's target, actual and projection are in its metric's unit; the rest are shares.
_IN_METRIC_UNIT = frozenset({"target", "actual", "projection"})


def requested_scorecard(
    session: Session,
    scope: Scope,
    today: date,
    period_name: str | None = None,
    as_of: date | None = None,
) -> Scorecard:
    """The scorecard of everyone the viewer may see, as a page or the API asks for it."""
    period = requested_period(session, today, period_name)
    return build_scorecard(session, scope, period, as_of or default_as_of(period, today))


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
