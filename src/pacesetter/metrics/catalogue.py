"""The metric catalogue: a flat registry of small metric definitions (metrics.md).

Each metric is either a SQL aggregate over one family of rows (see `families.py`), a formula over
other metrics with declared dependencies, or the target of an approved goal of the same scope.
Every SQL aggregate is a sum or a count, so a team's value is the sum of its members' and a
ratio is always computed over pooled rows (e.g. `win_rate` from won and lost counts), never as
an average of ratios. Building blocks that metrics.md does not name (`deals_lost`,
`cycle_days_total`, ...) are in the registry too but in no report.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func
from sqlalchemy.sql.base import ReadOnlyColumnCollection

from pacesetter.domain.errors import Invalid
from pacesetter.domain.pacing import Direction, MetricKind
from pacesetter.domain.vocab import ActivityType, CoachingType, DealStatus
from pacesetter.metrics.families import (
    ACTIVITIES,
    CLOSED_DEALS,
    COACHING,
    CREATED_DEALS,
    DIRECTION,
    OPEN_PIPELINE,
    Family,
)
from pacesetter.metrics.follow_ups import FOLLOW_UPS
from pacesetter.metrics.sql import count_where, sum_where

Value = float | int | None
Rows = ReadOnlyColumnCollection[str, Any]


class Unit(StrEnum):
    MONEY = "money"
    COUNT = "count"
    SHARE = "share"
    DAYS = "days"


@dataclass(frozen=True)
class Aggregate:
    """A sum or count over the rows of `family`, grouped by owner."""

    family: Family
    expression: Callable[[Rows], ColumnElement[Any]]


@dataclass(frozen=True)
class GoalTarget:
    """The target of the approved goal on `metric` whose scope is the one being computed."""

    metric: str


@dataclass(frozen=True)
class Metric:
    slug: str
    label: str
    unit: Unit
    kind: MetricKind
    direction: Direction = Direction.HIGHER
    source: Aggregate | GoalTarget | None = None
    formula: Callable[..., Value] | None = None
    depends_on: tuple[str, ...] = ()


def ratio(numerator: float, denominator: float) -> float | None:
    """A ratio or mean: null over nothing, never 0 (metrics.md)."""
    return None if not denominator else numerator / denominator


def coverage(open_pipeline: float, revenue_won: float, target: float | None) -> float | None:
    """Open pipeline / (target - revenue won); null without a target or when nothing remains."""
    if target is None or target - revenue_won <= 0:
        return None
    return open_pipeline / (target - revenue_won)


def _sql(
    slug: str, label: str, unit: Unit, family: Family, expression: Callable[[Rows], Any]
) -> Metric:
    return Metric(slug, label, unit, MetricKind.ADDITIVE, source=Aggregate(family, expression))


def _ratio(slug: str, label: str, unit: Unit, numerator: str, denominator: str) -> Metric:
    return Metric(
        slug, label, unit, MetricKind.RATIO, formula=ratio, depends_on=(numerator, denominator)
    )


def _won(rows: Rows) -> ColumnElement[bool]:
    return rows.status == DealStatus.WON


def _directed(rows: Rows) -> ColumnElement[bool]:
    # is_target is NULL for an activity without an account: IS TRUE reads that as no.
    return rows.with_decision_maker.is_(True) | rows.is_target.is_(True)


def _activities_of(kind: ActivityType) -> Metric:
    label = f"Activities: {kind.value.replace('_', ' ')}"
    return _sql(
        f"activities_{kind.value}",
        label,
        Unit.COUNT,
        ACTIVITIES,
        lambda rows: count_where(rows.type == kind),
    )


OUTCOME_METRICS: tuple[Metric, ...] = (
    _sql(
        "revenue_won",
        "Revenue won",
        Unit.MONEY,
        CLOSED_DEALS,
        lambda rows: sum_where(_won(rows), rows.amount),
    ),
    _sql(
        "margin_won",
        "Margin won",
        Unit.MONEY,
        CLOSED_DEALS,
        lambda rows: sum_where(_won(rows), rows.margin),
    ),
    _sql("deals_won", "Deals won", Unit.COUNT, CLOSED_DEALS, lambda rows: count_where(_won(rows))),
    Metric(
        "win_rate",
        "Win rate",
        Unit.SHARE,
        MetricKind.RATIO,
        formula=lambda won, lost: ratio(won, won + lost),
        depends_on=("deals_won", "deals_lost"),
    ),
    _ratio("avg_deal_size", "Average deal size", Unit.MONEY, "revenue_won", "deals_won"),
    Metric(
        "sales_cycle_days",
        "Sales cycle (days)",
        Unit.DAYS,
        MetricKind.RATIO,
        Direction.LOWER,
        formula=ratio,
        depends_on=("cycle_days_total", "deals_won"),
    ),
    _sql(
        "new_pipeline",
        "New pipeline",
        Unit.MONEY,
        CREATED_DEALS,
        lambda rows: func.sum(rows.amount),
    ),
    Metric(
        "pipeline_coverage",
        "Pipeline coverage",
        Unit.SHARE,
        MetricKind.RATIO,
        formula=coverage,
        depends_on=("open_pipeline", "revenue_won", "revenue_target"),
    ),
)

ACTIVITY_METRICS: tuple[Metric, ...] = (
    _sql("activities", "Activities", Unit.COUNT, ACTIVITIES, lambda rows: func.count()),
    *(_activities_of(kind) for kind in ActivityType),
    _ratio("direction_share", "Direction share", Unit.SHARE, "directed_activities", "activities"),
    _ratio("follow_up_rate", "Follow-up rate", Unit.SHARE, "follow_ups_done", "follow_ups_due"),
)

# Coaching records counted for their author (metrics.md "Manager KPIs"), with the record types
# each counts: a manager's activity goals are set on these. They are not scorecard columns.
COACHING_COUNTS: dict[str, tuple[str, tuple[CoachingType, ...]]] = {
    "one_on_ones": ("1:1s held", (CoachingType.ONE_ON_ONE,)),
    "check_ins": ("Check-ins held", (CoachingType.CHECK_IN,)),
    "ride_alongs": ("Ride-alongs", (CoachingType.RIDE_ALONG, CoachingType.SHADOWING)),
    "pre_briefs": ("Pre-briefs", (CoachingType.PRE_BRIEF,)),
    "debriefs": ("Debriefs", (CoachingType.DEBRIEF,)),
    "team_meetings": ("Team meetings", (CoachingType.TEAM_MEETING,)),
    "interviews": ("Interviews", (CoachingType.INTERVIEW,)),
    "improvement_plans": ("Improvement plans", (CoachingType.IMPROVEMENT_PLAN,)),
    "recognitions": ("Recognitions", (CoachingType.RECOGNITION,)),
}


def _coaching_count(slug: str, label: str, types: tuple[CoachingType, ...]) -> Metric:
    return _sql(slug, label, Unit.COUNT, COACHING, lambda rows: count_where(rows.type.in_(types)))


COACHING_METRICS: tuple[Metric, ...] = tuple(
    _coaching_count(slug, label, types) for slug, (label, types) in COACHING_COUNTS.items()
)

BUILDING_BLOCKS: tuple[Metric, ...] = (
    _sql(
        "deals_lost",
        "Deals lost",
        Unit.COUNT,
        CLOSED_DEALS,
        lambda rows: count_where(rows.status == DealStatus.LOST),
    ),
    _sql(
        "cycle_days_total",
        "Sales cycle days, summed",
        Unit.DAYS,
        CLOSED_DEALS,
        lambda rows: sum_where(_won(rows), rows.cycle_days),
    ),
    _sql(
        "open_pipeline",
        "Open pipeline closing in the period",
        Unit.MONEY,
        OPEN_PIPELINE,
        lambda rows: func.sum(rows.amount),
    ),
    Metric(
        "revenue_target",
        "Revenue target",
        Unit.MONEY,
        MetricKind.ADDITIVE,
        source=GoalTarget("revenue_won"),
    ),
    _sql(
        "directed_activities",
        "Activities with the right people",
        Unit.COUNT,
        DIRECTION,
        lambda rows: count_where(_directed(rows)),
    ),
    _sql(
        "follow_ups_due",
        "Meetings due a follow-up",
        Unit.COUNT,
        FOLLOW_UPS,
        lambda rows: func.count(),
    ),
    _sql(
        "follow_ups_done",
        "Meetings followed up",
        Unit.COUNT,
        FOLLOW_UPS,
        lambda rows: count_where(rows.followed == 1),
    ),
)

# The metrics of a scorecard row, in the order reports show them.
SCORECARD_METRICS: tuple[str, ...] = tuple(m.slug for m in OUTCOME_METRICS + ACTIVITY_METRICS)

REGISTRY: dict[str, Metric] = {
    m.slug: m for m in OUTCOME_METRICS + ACTIVITY_METRICS + COACHING_METRICS + BUILDING_BLOCKS
}


def metric(slug: str) -> Metric:
    """The catalogue entry for `slug`; `Invalid` for a name the catalogue does not know."""
    try:
        return REGISTRY[slug]
    except KeyError:
        raise Invalid(f"unknown metric {slug!r}") from None


def resolve(slugs: Iterable[str]) -> list[Metric]:
    """The metrics asked for and everything they depend on, each after its dependencies."""
    ordered: dict[str, Metric] = {}
    for slug in slugs:
        _visit(metric(slug), ordered)
    return list(ordered.values())


def _visit(entry: Metric, ordered: dict[str, Metric]) -> None:
    if entry.slug in ordered:
        return
    for dependency in entry.depends_on:
        _visit(metric(dependency), ordered)
    ordered[entry.slug] = entry


def in_family(plan: Sequence[Metric], family: Family) -> list[Metric]:
    return [m for m in plan if isinstance(m.source, Aggregate) and m.source.family is family]
