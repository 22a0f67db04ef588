"""Metric values at many report points from a fixed number of statements: pacing charts and
milestone tables.

A `Point` is a report over [start, end] taken at `as_of`, what `metrics_for` computes from one
set of statements. A chart asks for its period at every chart day and a milestone table for
every sub-period at one date; instead of a set of statements per point, each family of the
catalogue is read once over the span of all the points:

- a flow family (closed and created deals, activities, direction, follow-ups) with one GROUP BY
  key and day: the same rows, filters and aggregates as `metrics_for`, only summed per day (and
  per day due, for follow-ups) before they are summed per point. A row counts at a point when it
  is dated in the point's to-date window and due by its date. Every SQL aggregate is a sum or a
  count, so the days of a window add up to the window's value;
- a stock family (the open pipeline, counted at d rather than dated) joined once to a VALUES
  table of the points' (as_of, end);
- a goal target (pipeline coverage's revenue target) once, for every period asked.

The formulas (ratios, means, coverage) are then applied per point to the summed parts, exactly
as `metrics_for` applies them. Statements: the keys, one per family and one per goal target the
metrics need (and the calendar, for follow-ups, unless given), however many points and keys.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, Protocol

from sqlalchemy import CTE, Date, Subquery, column, values
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.metrics.catalogue import Aggregate, GoalTarget, Metric, in_family, resolve
from pacesetter.metrics.families import POINT_COLUMNS, Family, Owners, ReportContext
from pacesetter.metrics.grouping import Grouping
from pacesetter.metrics.values import MetricValues, aggregate_statement, evaluate, goal_targets
from pacesetter.store.models import Goal

Parts = dict[str, Any]


class Point(NamedTuple):
    """A report over [start, end] taken at `as_of`."""

    start: date
    end: date
    as_of: date


class _Source(Protocol):
    def at(self, key: int, point: Point) -> Parts: ...


def values_at(
    session: Session,
    grouping: Grouping,
    slugs: Sequence[str],
    points: Iterable[Point],
    *,
    calendar: WorkCalendar | None = None,
) -> dict[Point, MetricValues]:
    """At every point, what `metrics_for` gives for that report: each key's values of `slugs`."""
    wanted = sorted(set(points))
    if not wanted:
        return {}
    plan = resolve(slugs)
    span = ReportContext(
        session,
        min(point.start for point in wanted),
        max(point.end for point in wanted),
        max(point.as_of for point in wanted),
        calendar,
    )
    keys = list(session.scalars(grouping.keys))
    sources = list(_sources(span, grouping, plan, wanted))
    return {
        point: {key: evaluate(plan, _parts(sources, key, point), slugs) for key in keys}
        for point in wanted
    }


def _sources(
    span: ReportContext, grouping: Grouping, plan: list[Metric], points: list[Point]
) -> Iterable[_Source]:
    families = dict.fromkeys(m.source.family for m in plan if isinstance(m.source, Aggregate))
    for family in families:
        metrics = in_family(plan, family)
        if family.at_points is None:
            yield _read_flow(span, grouping, family, metrics)
        else:
            yield _read_stock(span.session, grouping, family.at_points, metrics, points)
    for entry in plan:
        if isinstance(entry.source, GoalTarget):
            yield _read_targets(span.session, grouping, entry.slug, entry.source, points)


def _parts(sources: list[_Source], key: int, point: Point) -> Parts:
    parts: Parts = {}
    for source in sources:
        parts.update(source.at(key, point))
    return parts


@dataclass(frozen=True)
class _Flow:
    """A flow family's parts per key, as (day, day due, parts) rows."""

    slugs: list[str]
    rows: dict[int, list[tuple[date, date, Parts]]]

    def at(self, key: int, point: Point) -> Parts:
        last = min(point.end, point.as_of)
        counted = [
            parts
            for day, due, parts in self.rows.get(key, [])
            if point.start <= day <= last and due <= point.as_of
        ]
        # A sum over no row is NULL in SQL, and 0 here: both read as 0 afterwards.
        return {slug: sum(parts[slug] or 0 for parts in counted) for slug in self.slugs}


def _read_flow(
    span: ReportContext, grouping: Grouping, family: Family, metrics: list[Metric]
) -> _Flow:
    """One GROUP BY key and day (and day due) over the span's to-date window."""
    rows = family.rows(span, grouping.owners())
    found: dict[int, list[tuple[date, date, Parts]]] = defaultdict(list)
    if rows is not None:
        statement = aggregate_statement(rows, grouping, metrics, family.dated_by)
        for row in span.session.execute(statement).mappings():
            day, due = row[family.dated_by[0]], row[family.dated_by[-1]]
            found[row["key"]].append((day, due, dict(row)))
    return _Flow([m.slug for m in metrics], found)


@dataclass(frozen=True)
class _AtPoints:
    """Parts found per key and pair of a point's dates (`dates` picks them)."""

    slugs: list[str]
    found: dict[tuple[int, date, date], Parts]
    dates: Callable[[Point], tuple[date, date]]

    def at(self, key: int, point: Point) -> Parts:
        parts = self.found.get((key, *self.dates(point)), {})
        return {slug: parts.get(slug) for slug in self.slugs}


def _read_stock(
    session: Session,
    grouping: Grouping,
    at_points: Callable[[CTE, Owners], Subquery],
    metrics: list[Metric],
    points: list[Point],
) -> _AtPoints:
    """One statement joining the family to a VALUES table of the points' (as_of, end)."""
    pairs = sorted({(point.as_of, point.end) for point in points})
    table = values(*(column(name, Date) for name in POINT_COLUMNS), name="points").data(pairs)
    rows = at_points(table.cte("points"), grouping.owners())
    statement = aggregate_statement(rows, grouping, metrics, POINT_COLUMNS)
    found = {
        (row["key"], *(row[name] for name in POINT_COLUMNS)): dict(row)
        for row in session.execute(statement).mappings()
    }
    return _AtPoints([m.slug for m in metrics], found, lambda point: (point.as_of, point.end))


def _read_targets(
    session: Session, grouping: Grouping, slug: str, source: GoalTarget, points: list[Point]
) -> _AtPoints:
    """The approved goals of the keys for every (start, end) of a point, in one statement."""
    statement = (
        goal_targets(grouping, slug, source)
        .add_columns(Goal.period_start, Goal.period_end)
        .where(
            Goal.period_start.in_(sorted({point.start for point in points})),
            Goal.period_end.in_(sorted({point.end for point in points})),
        )
    )
    found = {
        (row["key"], row["period_start"], row["period_end"]): dict(row)
        for row in session.execute(statement).mappings()
    }
    return _AtPoints([slug], found, lambda point: (point.start, point.end))
