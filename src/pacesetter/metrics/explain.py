"""A figure that explains itself: one catalogue metric for a person (or a manager's team) for P
at d, the catalogue's formula in words with the values put in, the pace against the approved
goal in the same words, and a page of the rows behind it (metrics/drilldown.py).

`build_explain` is the one builder: the page /explain, GET /api/v1/explain and the CSV/XLSX
downloads render what it returns. The subject must be in the viewer's scope (`NotFound` if
not); the rows are then the subject's own (or their team's), all inside that scope.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.formatting import in_unit, share
from pacesetter.domain.pacing import GoalPace, MetricKind
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import GoalStatus
from pacesetter.metrics.catalogue import REGISTRY, GoalTarget, Metric, Unit, Value, metric, resolve
from pacesetter.metrics.drilldown import DrillRow, drill_rows
from pacesetter.metrics.families import ReportContext
from pacesetter.metrics.goals import goal_pace
from pacesetter.metrics.grouping import PERSON_SCOPE, TEAM_SCOPE, ByOwner, ByTeam, Grouping
from pacesetter.metrics.quadrant import requested_period
from pacesetter.metrics.scorecard import default_as_of
from pacesetter.metrics.values import metrics_for
from pacesetter.store.models import Goal, Person
from pacesetter.store.scope import Scope

PER_PAGE = 50
# Each formula of the catalogue in words: `{slug}` reads as "label value". A test fails when a
# formula metric is added without its words.
FORMULA_WORDS = {
    "win_rate": "{deals_won} / ({deals_won} + {deals_lost})",
    "avg_deal_size": "{revenue_won} / {deals_won}",
    "sales_cycle_days": "{cycle_days_total} / {deals_won}",
    "pipeline_coverage": "{open_pipeline} / ({revenue_target} - {revenue_won})",
    "direction_share": "{directed_activities} / {activities}",
    "follow_up_rate": "{follow_ups_done} / {follow_ups_due}",
}


@dataclass(frozen=True)
class ExplainRequest:
    """What the page or the API asks for: ids and names as typed, checked by the builder."""

    person_id: int
    metric: str
    period: str | None = None
    as_of: date | None = None
    team: bool = False
    page: int = 1


@dataclass(frozen=True)
class ExplainView:
    person_id: int
    name: str
    team: bool
    metric: Metric
    period: Period
    as_of: date
    value: Value
    values: dict[str, Value]  # the figure's parts and every value between
    formula: str
    pace: str | None
    rows: list[DrillRow]
    total_rows: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total_rows // self.per_page))

    def as_dict(self) -> dict[str, Any]:
        """The JSON twin: values unrounded, the words as the page shows them."""
        return {
            "person_id": self.person_id,
            "name": self.name,
            "scope": TEAM_SCOPE if self.team else PERSON_SCOPE,
            "metric": self.metric.slug,
            "label": self.metric.label,
            "unit": self.metric.unit.value,
            "period": self.period.name,
            "as_of": self.as_of.isoformat(),
            "value": self.value,
            "values": self.values,
            "formula": self.formula,
            "pace": self.pace,
            "total_rows": self.total_rows,
            "page": self.page,
            "pages": self.pages,
            "rows": [vars(row) | {"day": _iso(row.day)} for row in self.rows],
        }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def build_explain(
    session: Session, scope: Scope, today: date, asked: ExplainRequest, *, every_row: bool = False
) -> ExplainView:
    """The figure, its words and one page of its rows (all of them with `every_row`)."""
    entry = metric(asked.metric)
    person = scope.person(session, asked.person_id)
    period = requested_period(session, today, asked.period)
    as_of = asked.as_of or default_as_of(period, today)
    context = ReportContext(session, period.start, period.end, as_of)
    keys = select(Person.id).where(Person.id == person.id)
    grouping: Grouping = ByTeam(keys) if asked.team else ByOwner(keys)
    slugs = [m.slug for m in resolve([entry.slug])]
    values = metrics_for(context, grouping, slugs)[person.id]
    offset = 0 if every_row else (max(asked.page, 1) - 1) * PER_PAGE
    rows, total = drill_rows(context, grouping, entry.slug, offset, None if every_row else PER_PAGE)
    words = formula_words(entry, values, total)
    pace = _pace_words(session, context, grouping, entry, values[entry.slug], period)
    return ExplainView(
        person.id,
        person.name,
        asked.team,
        entry,
        period,
        as_of,
        values[entry.slug],
        values,
        words,
        pace,
        rows,
        total,
        max(asked.page, 1),
        PER_PAGE,
    )


def formula_words(entry: Metric, values: dict[str, Value], rows: int) -> str:
    """The catalogue's formula with the values put in: "Win rate = deals won 5 / (deals won 5
    + deals lost 3) = 62%"; a sum or count says how many rows below it adds up."""
    result = _shown(entry, values[entry.slug])
    if entry.formula is not None:
        template = FORMULA_WORDS[entry.slug]
        named = {
            slug: f"{REGISTRY[slug].label.lower()} {_shown(REGISTRY[slug], values[slug])}"
            for slug in entry.depends_on
        }
        return f"{entry.label} = {template.format(**named)} = {result}"
    if isinstance(entry.source, GoalTarget):
        return f"{entry.label} = the approved goal's target = {result}"
    how = "counted over" if entry.unit is Unit.COUNT else "summed over"
    return f"{entry.label} = {how} the {rows:,} rows below = {result}"


def _shown(entry: Metric, value: Value) -> str:
    return in_unit(value, entry.unit.value)


def _pace_words(
    session: Session,
    context: ReportContext,
    grouping: Grouping,
    entry: Metric,
    actual: Value,
    period: Period,
) -> str | None:
    """Against the approved goal of this scope, metric and period, if there is one:
    "Revenue won 269,500 / (target 134,000 x 71% of the quarter elapsed) = 282%"."""
    goal = session.scalars(
        select(Goal).where(
            Goal.scope_type == grouping.scope_type,
            Goal.person_id.in_(grouping.keys),
            Goal.metric == entry.slug,
            Goal.status == GoalStatus.APPROVED,
            Goal.period_start == period.start,
            Goal.period_end == period.end,
        )
    ).first()
    if goal is None:
        return None
    paced = goal_pace(goal, actual, period, context.as_of, context.calendar)
    return _paced_words(entry, paced, period)


def _paced_words(entry: Metric, paced: GoalPace, period: Period) -> str:
    actual, target = _shown(entry, paced.actual), _shown(entry, paced.target)
    if entry.kind is MetricKind.ADDITIVE:
        elapsed = f"{share(paced.fraction)} of the {period.kind.value} elapsed"
        return f"{entry.label} {actual} / (target {target} x {elapsed}) = {share(paced.pace)}"
    return f"{entry.label} {actual} against target {target}: pace {share(paced.pace)}"
