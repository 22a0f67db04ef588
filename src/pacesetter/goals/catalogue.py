"""The metrics a goal may be set on, as the lint and the workflow see them.

Goals are set on the metrics metrics.md names: the outcome and activity metrics of the
catalogue, and the manager's own coaching counts ("Manager KPIs": ride-alongs, pre-briefs, ...),
which a manager's activity goals are compared with. The catalogue's building blocks
(`deals_lost`, ...) are not goals anyone sets.
"""

from functools import cache

from pacesetter.domain.goal_lint import MetricFacts
from pacesetter.domain.pacing import Direction
from pacesetter.domain.vocab import GoalKind
from pacesetter.metrics.catalogue import (
    ACTIVITY_METRICS,
    COACHING_COUNTS,
    OUTCOME_METRICS,
    Metric,
)

# Which activity types a metric counts (None: all of them), for "is data still arriving?".
FOLLOWED_TYPES = ("meeting", "demo")
SOURCES = ("activities", "coaching", "deals")
# Coaching counts a manager may set activity goals on, with the coaching records they count:
# the catalogue's, so each has an actual like any other metric.
COACHING_GOALS: dict[str, tuple[str, ...]] = {
    slug: tuple(kind.value for kind in types) for slug, (_, types) in COACHING_COUNTS.items()
}


@cache
def goal_metrics() -> dict[str, MetricFacts]:
    """Every metric a goal may be set on, by slug, in catalogue order."""
    outcome = {m.slug: _facts(m, GoalKind.OUTCOME) for m in OUTCOME_METRICS}
    activity = {m.slug: _facts(m, GoalKind.ACTIVITY) for m in ACTIVITY_METRICS}
    coaching = {
        slug: MetricFacts(slug, GoalKind.ACTIVITY, data_label=slug.replace("_", "-"))
        for slug in COACHING_GOALS
    }
    return outcome | activity | coaching


def default_kind(metric: str | None) -> str | None:
    """The kind of a goal that names none: its metric's (None for a metric outside the list)."""
    facts = goal_metrics().get(metric or "")
    return facts.kind.value if facts else None


def activity_types_of(slug: str) -> tuple[str, ...] | None:
    """The activity types an activity metric counts; None for all types."""
    if slug.startswith("activities_"):
        return (slug.removeprefix("activities_"),)
    return FOLLOWED_TYPES if slug == "follow_up_rate" else None


def source_of(slug: str) -> str:
    """Which rows feed a goal metric: deals, coaching records or activities."""
    if goal_metrics()[slug].kind is GoalKind.OUTCOME:
        return "deals"
    return "coaching" if slug in COACHING_GOALS else "activities"


def _facts(entry: Metric, kind: GoalKind) -> MetricFacts:
    return MetricFacts(
        name=entry.slug,
        kind=kind,
        unit=entry.unit.value,
        lower_is_better=entry.direction is Direction.LOWER,
        data_label=_data_label(entry.slug, kind),
    )


def _data_label(slug: str, kind: GoalKind) -> str:
    if kind is GoalKind.OUTCOME:
        return "deals"
    types = activity_types_of(slug)
    return " or ".join(f"{t}s" for t in types) if types else "activities"
