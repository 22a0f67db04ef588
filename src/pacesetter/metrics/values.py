"""Metric values at an as-of date, for people (their own numbers) or teams (summed over members).

The entry point of the catalogue. However many people or managers are asked about, the work is
one query for the keys, one per family of SQL aggregates the requested metrics need (closed
deals, created deals, open pipeline, activities, follow-ups) and one per goal target: never one
per person. Formulas (ratios, means, coverage) are then applied in Python to the summed parts,
so a team's ratio is over its pooled rows.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import Select, Subquery, func, select, union_all
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import GoalStatus
from pacesetter.metrics.catalogue import (
    Aggregate,
    GoalTarget,
    Metric,
    Unit,
    Value,
    in_family,
    resolve,
)
from pacesetter.metrics.families import Family, ReportContext
from pacesetter.metrics.grouping import ByOwner, ByTeam, Grouping
from pacesetter.metrics.rollups import FollowUpSource, around, rollup_for, whole_months
from pacesetter.store.models import Goal

MetricValues = dict[int, dict[str, Value]]


def person_metrics(
    session: Session,
    people: Select[tuple[int]],
    period: Period,
    as_of: date,
    metrics: Sequence[str],
    *,
    calendar: WorkCalendar | None = None,
) -> MetricValues:
    """Each selected person's own numbers for `period` to date at `as_of`, by metric slug.

    Every id `people` selects is a key; sums and counts over nothing are 0, ratios and means
    null. The working calendar is read from the organisation settings unless given.
    """
    context = ReportContext(session, period.start, period.end, as_of, calendar)
    return metrics_for(context, ByOwner(people), metrics)


def team_metrics(
    session: Session,
    managers: Select[tuple[int]],
    period: Period,
    as_of: date,
    metrics: Sequence[str],
    *,
    calendar: WorkCalendar | None = None,
) -> MetricValues:
    """Each selected manager's team numbers: the manager and everyone below them, pooled."""
    context = ReportContext(session, period.start, period.end, as_of, calendar)
    return metrics_for(context, ByTeam(managers), metrics)


def metrics_for(context: ReportContext, grouping: Grouping, slugs: Sequence[str]) -> MetricValues:
    """The values of `slugs` for every key of `grouping` in `context`."""
    plan = resolve(slugs)
    session = context.session
    found: dict[int, dict[str, Any]] = {key: {} for key in session.scalars(grouping.keys)}
    for statement in _statements(context, grouping, plan):
        result = session.execute(statement)
        names = tuple(result.keys())
        key = names.index("key")
        for row in result:  # plain tuples: thousands of rows, no mapping built per row
            found[row[key]].update(zip(names, row, strict=True))
    steps = _steps(plan)
    return {key: _evaluated(steps, parts, slugs) for key, parts in found.items()}


def _statements(
    context: ReportContext, grouping: Grouping, plan: list[Metric]
) -> Iterator[Select[Any]]:
    families = dict.fromkeys(m.source.family for m in plan if isinstance(m.source, Aggregate))
    for family in families:
        statement = _family_statement(context, grouping, family, in_family(plan, family))
        if statement is not None:
            yield statement
    for entry in plan:
        if isinstance(entry.source, GoalTarget):
            yield _goal_target_statement(context, grouping, entry.slug, entry.source)


def _family_statement(
    context: ReportContext, grouping: Grouping, family: Family, metrics: list[Metric]
) -> Select[Any] | None:
    """One family's aggregates per owner, then grouped; None when no row can count."""
    per_owner = _per_owner_sums(context, family, grouping.owners(), metrics)
    return None if per_owner is None else grouping.group(per_owner, [m.slug for m in metrics])


def _per_owner_sums(
    context: ReportContext, family: Family, owners: Select[tuple[int]], metrics: list[Metric]
) -> Select[Any] | None:
    """A family's aggregates per owner over the to-date window: its whole months from the
    family's rollup when it has one (metrics/rollups.py), the days around them from the raw
    rows; every day due from the follow-up rollup, which is by day; all of it from the raw rows
    otherwise."""
    window, rollup = context.window, rollup_for(family, metrics)
    if isinstance(rollup, FollowUpSource):
        due = rollup.due_days(context)
        if due is not None:
            return rollup.per_owner(owners, due, metrics) if due else None
        rollup = None
    months = None if window is None or rollup is None else whole_months(window)
    if window is None or rollup is None or months is None:
        rows = family.rows(context, owners)
        return None if rows is None else per_owner_statement(rows, metrics)
    parts = [rollup.per_owner(owners, months, metrics)]
    for start, end in around(window, months):
        rows = family.rows(replace(context, start=start, end=end, as_of=end), owners)
        if rows is not None:
            parts.append(per_owner_statement(rows, metrics))
    both = union_all(*parts).subquery("rolled_up")
    sums = [func.sum(both.c[m.slug]).label(m.slug) for m in metrics]
    return select(both.c.key, *sums).group_by(both.c.key)


def per_owner_statement(
    rows: Subquery, metrics: list[Metric], by: Sequence[str] = ()
) -> Select[Any]:
    """The SQL aggregates of `metrics` over a family's `rows` per owner, as `key` (and per
    `by` column of the rows, such as their day)."""
    kept = [rows.c[name] for name in by]
    aggregates = [
        m.source.expression(rows.c).label(m.slug)
        for m in metrics
        if isinstance(m.source, Aggregate)
    ]
    per_owner = select(rows.c.owner_id.label("key"), *kept, *aggregates)
    return per_owner.group_by(rows.c.owner_id, *kept)


def aggregate_statement(
    rows: Subquery, grouping: Grouping, metrics: list[Metric], by: Sequence[str] = ()
) -> Select[Any]:
    """The SQL aggregates of `metrics` over a family's `rows` per owner (and per `by` column
    of the rows, such as their day), then grouped per key."""
    per_owner = per_owner_statement(rows, metrics, by)
    return grouping.group(per_owner, [m.slug for m in metrics], by)


def _goal_target_statement(
    context: ReportContext, grouping: Grouping, slug: str, source: GoalTarget
) -> Select[Any]:
    """The approved goal of each key's own scope on `source.metric` for exactly this period."""
    targets = goal_targets(grouping, slug, source)
    return targets.where(Goal.period_start == context.start, Goal.period_end == context.end)


def goal_targets(grouping: Grouping, slug: str, source: GoalTarget) -> Select[Any]:
    """The approved goals of each key's own scope on `source.metric`, whatever their period."""
    return select(Goal.person_id.label("key"), Goal.target.label(slug)).where(
        Goal.scope_type == grouping.scope_type,
        Goal.metric == source.metric,
        Goal.status == GoalStatus.APPROVED,
        Goal.person_id.in_(grouping.keys),
    )


def evaluate(plan: list[Metric], parts: dict[str, Any], slugs: Sequence[str]) -> dict[str, Value]:
    """The values of `slugs` from the raw SQL parts of `plan` (by slug; a missing one is 0)."""
    return _evaluated(_steps(plan), parts, slugs)


# A metric's slug and how its value comes from its raw SQL part and the values before it.
Step = tuple[str, Callable[[Any, dict[str, Value]], Value]]


def _steps(plan: list[Metric]) -> list[Step]:
    """The plan's metrics, each decided once (formula, goal target or sum) rather than per key:
    a report evaluates the same plan for thousands of keys."""
    return [(entry.slug, _value_of(entry)) for entry in plan]


def _evaluated(steps: list[Step], parts: dict[str, Any], slugs: Sequence[str]) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for slug, value in steps:  # dependencies come first
        values[slug] = value(parts.get(slug), values)
    return {slug: values[slug] for slug in slugs}


def _value_of(entry: Metric) -> Callable[[Any, dict[str, Value]], Value]:
    formula, depends_on = entry.formula, entry.depends_on
    if formula is not None:
        return lambda raw, values: formula(*[values[name] for name in depends_on])
    if isinstance(entry.source, GoalTarget):
        return lambda raw, values: None if raw is None else float(raw)
    # A sum over nothing is NULL in SQL and 0 here; PostgreSQL may return Decimals for sums.
    number = int if entry.unit is Unit.COUNT else float
    return lambda raw, values: number(raw or 0)
