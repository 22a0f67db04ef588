"""A manager's review of a closed period (by default the last month that closed) as a PDF with
its charts: the download of the review page, the API and `pacesetter report review --pdf FILE`.

Nothing is computed here. Every figure is one the screens already show, read from their own
builders: the review (`build_review`: goals hit and missed, coaching held, forecast against
actual), the activity-against-results quadrant of the manager's team (`requested_quadrant`,
the quadrant page's data, with QDQ's dimensions) and the manager's own row of the manager
report (`build_manager_report`, the managers page's builder: cadences and the other KPIs).
This module only formats them with the one formatter (`domain.formatting`) and hands them to
the PDF writer (`exports.pdf`), which lays them out.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session

from pacesetter.domain.formatting import (
    EN_DASH,
    MISSING,
    day,
    in_unit,
    money,
    number,
    share,
    span,
)
from pacesetter.domain.periods import Period, PeriodKind
from pacesetter.domain.quadrant import ADVICE, Quadrant
from pacesetter.exports.pdf import (
    Bar,
    BarChart,
    Block,
    Figure,
    Figures,
    Grid,
    Heading,
    Point,
    Report,
    Scatter,
    Text,
    pdf_bytes,
)
from pacesetter.incentives.review import GoalOutcome, PersonReview, ReviewView, build_review
from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.metrics.manager_report import KPI_GROUPS, ManagerRow, build_manager_report
from pacesetter.metrics.quadrant import SHARE_FIELDS, QuadrantView, requested_quadrant
from pacesetter.store.context import Context

# How the manager report's KPI kinds read (months and ratings are read as counts are).
KIND_UNITS = {"share": "share", "count": "count", "months": "count", "rating": "count"}
# A chart is one drawing, which a PDF page cannot split: a large team's charts show the people
# furthest from target (the ones a review is about) and the tables beneath list everyone.
CHART_ROWS = 30
# The quadrants' names in the scatter's corners: top left, top right, bottom left, bottom right.
CORNERS = (
    ADVICE[Quadrant.RESULTS_ONLY].short,
    ADVICE[Quadrant.ON_TRACK].short,
    ADVICE[Quadrant.OFF_TRACK].short,
    ADVICE[Quadrant.ACTIVITY_ONLY].short,
)


T = TypeVar("T")


@dataclass(frozen=True)
class ReviewPdf:
    file_name: str
    body: bytes


def monthly_review_period(ctx: Context, name: str | None) -> Period:
    """The period named, or by default the last month that has closed."""
    if name:
        return ctx.period(name)
    return ctx.period(None, PeriodKind.MONTH).previous()


def requested_review_pdf(
    session: Session, ctx: Context, manager_id: int, period_name: str | None
) -> ReviewPdf:
    """The review of the manager's team as a PDF: `NotFound` outside the viewer's scope,
    `Invalid` while the period is open."""
    lead = ctx.scope.person(session, manager_id)
    period = monthly_review_period(ctx, period_name)
    review = build_review(session, ctx.scope, lead, period, today=ctx.today)
    quadrant = requested_quadrant(session, ctx.scope, ctx.today, period.name, None, lead.id)
    # The KPIs alone, as `pacesetter report manager` builds them: the page's forecast history
    # and changes since the previous period would double the time for nothing shown here.
    report = build_manager_report(session, ctx.scope, period, ctx.as_of(period), lead.id)
    own = next((row for row in report.rows if row.person_id == lead.id), None)
    body = pdf_bytes(review_report(review, quadrant, own, made_on=ctx.today))
    return ReviewPdf(f"review-{period.name}-team-{lead.id}.pdf", body)


def review_report(
    review: ReviewView, quadrant: QuadrantView, manager: ManagerRow | None, *, made_on: date
) -> Report:
    """The review laid out as the PDF shows it, every value formatted for reading."""
    period = review.period
    kind = "Monthly review" if period.kind == PeriodKind.MONTH else "Review"
    title = f"{kind} {period.name}: {review.manager}'s team"
    subtitle = (
        f"{span(period.start, period.end)} · figures at {day(review.as_of)} · made {day(made_on)}"
    )
    blocks: list[Block] = [
        _headline(review, manager),
        *_goals(review),
        *_activity(quadrant),
        *_coaching(review),
        *_forecast(review),
        *_kpis(manager),
    ]
    return Report(title, subtitle, f"Pacesetter · {title}", blocks)


def _headline(review: ReviewView, manager: ManagerRow | None) -> Figures:
    items = [Figure("Goals hit", number(review.hit), f"{number(review.missed)} missed")]
    items += [
        Figure(
            f"Team {_metric(goal.metric).lower()}",
            share(goal.attainment),
            f"{_value(goal.metric, goal.actual)} of {_value(goal.metric, goal.target)}",
        )
        for goal in review.team_goals
    ]
    items.append(Figure("Forecast", money(review.forecast), _forecast_hint(review)))
    if manager is not None:
        cadence = manager.kpis["one_on_one_cadence"]
        items.append(Figure("1:1 cadence", share(cadence), "1:1s held of those due"))
    return Figures(items)


def _goals(review: ReviewView) -> list[Block]:
    lines = [(person, goal) for person in review.people for goal in person.goals]
    heading = Heading(
        "Goals hit and missed",
        f"Each person's goals at {day(review.as_of)}: attainment is actual / target "
        "(green: hit, red: missed); the lint's warnings as on the period's first day.",
    )
    if not lines:
        return [heading, Text("Nobody in the team had a goal for this period.")]
    attained = sorted(
        ((person, goal) for person, goal in lines if goal.attainment is not None),
        key=lambda line: line[1].attainment or 0,
    )
    bars = [
        Bar(
            f"{person.name} · {_metric(goal.metric).lower()}",
            goal.attainment or 0,
            share(goal.attainment),
            goal.hit,
        )
        for person, goal in _chart_rows(attained)
    ]
    grid = Grid(
        ["Person", "Goal", "Target", "Actual", "Attainment", "By", "Lint"],
        [_goal_cells(person, goal) for person, goal in lines],
        numeric=frozenset({2, 3, 4, 5}),
        widths=[0.2, 0.17, 0.12, 0.12, 0.11, 0.11, 0.17],
    )
    chart = BarChart(bars, share, reference=1, reference_label="target")
    return [heading, chart, *_cut_note(len(attained), "goals, the lowest attainment"), grid]


def _goal_cells(person: PersonReview, goal: GoalOutcome) -> list[str]:
    outcome = {True: "hit", False: "missed", None: ""}[goal.hit]
    return [
        person.name,
        _metric(goal.metric),
        _value(goal.metric, goal.target),
        _value(goal.metric, goal.actual),
        f"{share(goal.attainment)} {outcome}".strip(),
        _value(goal.metric, goal.by),
        ", ".join(goal.lint) or EN_DASH,
    ]


def _activity(quadrant: QuadrantView) -> list[Block]:
    heading = Heading(
        "Activity against results",
        f"Each rep at {day(quadrant.as_of)}: results pace (revenue won against the goal at "
        "pace) over activity pace (activities against the plan); 100% is on plan. QDQ scores "
        "the plan kept: quantity, direction and quality.",
    )
    placed = [
        Point(row.name, row.placement.activity_pace, row.placement.results_pace)
        for row in quadrant.rows
        if row.placement.activity_pace is not None and row.placement.results_pace is not None
    ]
    if not placed:
        unplaced = Text("No rep is placed: placing one takes both a revenue goal and a plan.")
        return [heading, unplaced, _quadrant_grid(quadrant)]
    placed.sort(key=lambda point: min(point.x, point.y))
    cut = _cut_note(len(placed), "reps, the lower of their two paces")
    return [heading, _quadrant_scatter(_chart_rows(placed)), *cut, _quadrant_grid(quadrant)]


def _chart_rows(rows: Sequence[T]) -> Sequence[T]:
    """What a chart can hold: the first `CHART_ROWS` of rows ordered furthest from target first."""
    return rows[:CHART_ROWS]


def _cut_note(count: int, order: str) -> list[Block]:
    """A line saying the chart shows only part of the rows, when it does."""
    if count <= CHART_ROWS:
        return []
    shown = f"The chart shows {CHART_ROWS} of {number(count)} {order} first"
    return [Text(f"{shown}; the table lists all.")]


def _quadrant_scatter(placed: Sequence[Point]) -> Scatter:
    return Scatter(
        placed,
        "Activity pace (activities against plan)",
        "Results pace (revenue against goal)",
        share,
        x_reference=1,
        y_reference=1,
        corners=CORNERS,
        legend_title="activity / results pace",
    )


def _quadrant_grid(quadrant: QuadrantView) -> Grid:
    """Each rep's quadrant, both paces and QDQ, as the quadrant page's table shows them."""
    rows = [
        [
            row.name,
            _quadrant(row.placement.quadrant),
            *(share(getattr(row.placement, name)) for name in SHARE_FIELDS),
            row.placement.qdq_binding or MISSING,
        ]
        for row in quadrant.rows
    ]
    header = ["Rep", "Quadrant", "Results", "Activity", "Quantity", "Direction", "Quality", "QDQ"]
    return Grid(
        [*header, "Weakest"],
        rows,
        numeric=frozenset(range(2, 8)),
        widths=[0.19, 0.15, 0.09, 0.09, 0.09, 0.1, 0.08, 0.08, 0.13],
    )


def _coaching(review: ReviewView) -> list[Block]:
    heading = Heading(
        "Coaching held",
        "1:1s and ride-alongs (with shadowing) about each person dated in the period, the 1:1 "
        "commitments for its months that the month's activities reached, and their quadrant "
        "at its end. The manager's cadences are in the scorecard below.",
    )
    rows = [
        [
            person.name,
            number(person.one_on_ones),
            number(person.ride_alongs),
            _kept_of_made(person),
            _quadrant(person.quadrant),
        ]
        for person in review.people
    ]
    grid = Grid(
        ["Person", "1:1s", "Ride-alongs", "Commitments kept", "Quadrant"],
        rows,
        numeric=frozenset({1, 2, 3}),
        widths=[0.28, 0.1, 0.14, 0.2, 0.28],
    )
    return [heading, grid]


def _kept_of_made(person: PersonReview) -> str:
    """The 1:1 commitments kept as the review page reads them ("1 of 3"); none made: nothing."""
    if not person.commitments_made:
        return MISSING
    return f"{number(person.commitments_kept)} of {number(person.commitments_made)}"


def _forecast(review: ReviewView) -> list[Block]:
    heading = Heading(
        "Forecast against actual",
        "The manager's forecast that counted (the latest by the period's midpoint) against the "
        "team's revenue won.",
    )
    if review.forecast is None:
        return [heading, Text(f"No forecast counted. Won {money(review.team_revenue_won)}.")]
    bars = [
        Bar("Forecast", review.forecast, money(review.forecast)),
        Bar("Won", review.team_revenue_won, money(review.team_revenue_won)),
    ]
    return [heading, BarChart(bars, money), Text(_forecast_hint(review))]


def _forecast_hint(review: ReviewView) -> str:
    submitted = f"submitted {day(review.forecast_on)}; " if review.forecast_on else ""
    off = "" if review.forecast_error is None else f" ({money(review.forecast_error)} off)"
    return f"{submitted}won {money(review.team_revenue_won)}{off}"


def _kpis(manager: ManagerRow | None) -> list[Block]:
    if manager is None:
        return []
    heading = Heading(
        "The manager's scorecard",
        "The manager report's KPIs for the period (docs/managers.md says how each is counted).",
    )
    rows = [
        [group, *cells]
        for group, columns in KPI_GROUPS.items()
        for cells in _kpi_rows(manager, columns)
    ]
    return [heading, Grid(["Group", "KPI", "Value"], rows, frozenset({2}), [0.3, 0.45, 0.25])]


def _kpi_rows(manager: ManagerRow, columns: Sequence) -> list[list[str]]:
    return [
        [column.label, in_unit(manager.kpis[column.key], KIND_UNITS[column.kind])]
        for column in columns
    ]


def _metric(slug: str) -> str:
    return REGISTRY[slug].label if slug in REGISTRY else slug.replace("_", " ")


def _value(slug: str, value: float | None) -> str:
    """A goal's number in its metric's unit, as the CLI's review table reads it."""
    unit = REGISTRY[slug].unit.value if slug in REGISTRY else "count"
    return in_unit(value, unit)


def _quadrant(name: str | None) -> str:
    return ADVICE[Quadrant(name)].short if name else "not placed"
