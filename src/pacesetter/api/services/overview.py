"""The numbers of the home page (and of a person's page): a tree of people, each with their own
won revenue this quarter and activities this month, team totals for everyone with reports, and
two small charts. Every number comes from the metrics layer; this module only arranges them.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pacesetter.api.schemas.org import Bar, Numbers, Overview, PeriodOut, TreeNode, TrendPoint
from pacesetter.api.schemas.people import PersonOut
from pacesetter.api.services.people import Branch, employed_on, grow, has_left, people_among
from pacesetter.domain.periods import Period, PeriodKind, period_of
from pacesetter.metrics.values import person_metrics, team_metrics
from pacesetter.store.models import OrgSettings, Person

QUARTER_METRICS = ("revenue_won", "deals_won")
MONTH_METRICS = ("activities",)
TREND_MONTHS = 6

Values = dict[int, dict[str, float | int | None]]
MetricsFunction = Callable[[Session, Select[tuple[int]], Period, date, Sequence[str]], Values]


@dataclass(frozen=True)
class Window:
    """The periods a home page reports on: the fiscal quarter and the month of the as-of date."""

    as_of: date
    quarter: Period
    month: Period

    @classmethod
    def at(cls, org: OrgSettings, as_of: date) -> "Window":
        quarter = period_of(as_of, PeriodKind.QUARTER, org.fiscal_year_start_month)
        return cls(as_of, quarter, period_of(as_of, PeriodKind.MONTH))


def build_overview(
    db: Session, people: Select[tuple[int]], org: OrgSettings, as_of: date
) -> Overview:
    """The overview of the given people (already limited to what the viewer may see)."""
    window = Window.at(org, as_of)
    own = _numbers(db, person_metrics, people, window)
    team = _numbers(db, team_metrics, _leaders_among(people), window)
    roots = [_node(branch, own, team, as_of) for branch in grow(people_among(db, people))]
    return Overview(
        as_of=as_of,
        quarter=_period_out(window.quarter),
        month=_period_out(window.month),
        currency=org.currency,
        people=_employed_count(db, people, as_of),
        totals=_sum(list(own.values())),
        roots=roots,
        bars=_bars(roots),
        trend=_trend(db, people, window),
    )


def _numbers(
    db: Session, compute: MetricsFunction, ids: Select[tuple[int]], window: Window
) -> dict[int, Numbers]:
    """`compute` (person_metrics or team_metrics) for the quarter and the month, per id."""
    quarter: Values = compute(db, ids, window.quarter, window.as_of, QUARTER_METRICS)
    month: Values = compute(db, ids, window.month, window.as_of, MONTH_METRICS)
    return {key: Numbers.model_validate(quarter[key] | month[key]) for key in quarter}


def _leaders_among(people: Select[tuple[int]]) -> Select[tuple[int]]:
    """Those of `people` who manage someone: the people with a team number."""
    managers = select(Person.manager_id).where(Person.manager_id.is_not(None))
    return select(Person.id).where(Person.id.in_(people), Person.id.in_(managers))


def _node(
    branch: Branch, own: dict[int, Numbers], team: dict[int, Numbers], as_of: date
) -> TreeNode:
    person = branch.person
    return TreeNode(
        person=PersonOut.model_validate(person),
        left=has_left(person, as_of),
        own=own[person.id],
        team=team.get(person.id),
        reports=[_node(report, own, team, as_of) for report in branch.reports],
    )


def _sum(numbers: Sequence[Numbers]) -> Numbers:
    return Numbers(
        revenue_won=sum(n.revenue_won for n in numbers),
        deals_won=sum(n.deals_won for n in numbers),
        activities=sum(n.activities for n in numbers),
    )


def _bars(roots: list[TreeNode]) -> list[Bar]:
    """One root: a bar per direct report (their team's revenue if they lead one); several
    roots (an admin's view): a bar per root. Highest first: the chart reads as a ranking."""
    shown = roots[0].reports if len(roots) == 1 else roots
    bars = [
        Bar(person_id=n.person.id, label=n.person.name, revenue_won=(n.team or n.own).revenue_won)
        for n in shown
    ]
    return sorted(bars, key=lambda bar: -bar.revenue_won)


def _trend(db: Session, people: Select[tuple[int]], window: Window) -> list[TrendPoint]:
    months = [window.month]
    while len(months) < TREND_MONTHS:
        months.insert(0, months[0].previous())
    return [TrendPoint(month=m.name, revenue_won=_won(db, people, m, window.as_of)) for m in months]


def _won(db: Session, people: Select[tuple[int]], month: Period, as_of: date) -> float:
    values = person_metrics(db, people, month, as_of, ("revenue_won",))
    return sum(float(v["revenue_won"] or 0) for v in values.values())


def _employed_count(db: Session, people: Select[tuple[int]], as_of: date) -> int:
    statement = select(func.count()).where(Person.id.in_(people), *employed_on(as_of))
    return db.scalar(statement) or 0


def _period_out(period: Period) -> PeriodOut:
    return PeriodOut(name=period.name, start=period.start, end=period.end)
