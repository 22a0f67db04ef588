"""The numbers of the home page (and of a person's page): a tree of people, each with their own
won revenue this quarter and activities this month, team totals for everyone with reports, and
two small charts. Every number comes from the metrics layer; this module only arranges them.

The bar chart compares what is worth comparing at the viewer's level (docs/home.md): the teams
for a director or an admin, the direct reports for a manager. The targets shown beside the
numbers are approved `revenue_won` goals, the very ones the scorecard's attainment divides by.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pacesetter.domain.periods import Period, PeriodKind, period_of
from pacesetter.domain.vocab import Role
from pacesetter.metrics.values import person_metrics, team_metrics
from pacesetter.org.people import Branch, employed_on, grow, has_left, people_among
from pacesetter.schemas.org import Bar, Numbers, Overview, PeriodOut, TreeNode, TrendPoint
from pacesetter.schemas.people import PersonOut
from pacesetter.store.models import OrgSettings, Person
from pacesetter.store.screen_cache import cached_screen

TARGET = "revenue_target"  # the approved revenue_won goal of the key's own scope
QUARTER_METRICS = ("revenue_won", "deals_won", TARGET)
MONTH_METRICS = ("activities",)
TREND_MONTHS = 6
# The most people a tree shows: whole levels below the top are added while they fit (the top
# and its direct reports always show); deeper people are one click away on their manager's page.
TREE_ROWS = 150
# The most bars the chart shows, highest first: a ranking of 766 teams is not read past the top.
BARS = 30
# People at the top of a view who compare teams rather than the people reporting to them.
TEAM_VIEWERS = (Role.DIRECTOR, Role.ADMIN)

Values = dict[int, dict[str, float | int | None]]
MetricsFunction = Callable[[Session, Select[tuple[int]], Period, date, Sequence[str]], Values]
BarsBy = Literal["team", "rep", "direct_report"]


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


@dataclass(frozen=True)
class Figures:
    """Per id: the numbers shown, and the quarter's revenue target of the id's own scope."""

    numbers: dict[int, Numbers]
    targets: dict[int, float | None]


@dataclass(frozen=True)
class Targets:
    """The quarter's revenue targets: people's own goals and their teams' goals."""

    own: dict[int, float | None]
    team: dict[int, float | None]

    def of(self, node: TreeNode) -> float | None:
        """The goal on the node's headline number: their team's when they lead one."""
        return (self.own if node.team is None else self.team).get(node.person.id)


@cached_screen("overview")
def build_overview(
    db: Session, people: Select[tuple[int]], org: OrgSettings, as_of: date
) -> Overview:
    """The overview of the given people (already limited to what the viewer may see)."""
    window = Window.at(org, as_of)
    own = _figures(db, person_metrics, people, window)
    team = _figures(db, team_metrics, _leaders_among(people), window)
    targets = Targets(own.targets, team.targets)
    branches = grow(people_among(db, people))
    roots = [_node(branch, own.numbers, team.numbers, as_of) for branch in branches]
    # One person at the top (everyone but an admin): the page is about them and their team.
    top = roots[0] if len(roots) == 1 else None
    bars_by, compared = _bar_level(roots)
    return Overview(
        as_of=as_of,
        quarter=_period_out(window.quarter),
        month=_period_out(window.month),
        currency=org.currency,
        people=_employed_count(db, people, as_of),
        totals=_sum(list(own.numbers.values())),
        target=None if top is None else targets.of(top),
        roots=_pruned(roots, _levels_shown(roots)),
        bars_by=bars_by,
        bars=_bars(compared, targets)[:BARS],
        bars_compared=len(compared),
        trend=_trend(db, people, top, window),
    )


def _figures(
    db: Session, compute: MetricsFunction, ids: Select[tuple[int]], window: Window
) -> Figures:
    """`compute` (person_metrics or team_metrics) for the quarter and the month, per id."""
    quarter: Values = compute(db, ids, window.quarter, window.as_of, QUARTER_METRICS)
    month: Values = compute(db, ids, window.month, window.as_of, MONTH_METRICS)
    numbers = {key: Numbers.model_validate(quarter[key] | month[key]) for key in quarter}
    return Figures(numbers, {key: _float(values[TARGET]) for key, values in quarter.items()})


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


def _levels_shown(roots: list[TreeNode]) -> int:
    """How many levels below the top fit in TREE_ROWS (at least the direct reports)."""
    level, shown, depth = roots, len(roots), 0
    while level:
        level = [report for node in level for report in node.reports]
        shown += len(level)
        if depth >= 1 and shown > TREE_ROWS:
            return depth
        depth += 1
    return depth


def _pruned(nodes: list[TreeNode], levels: int) -> list[TreeNode]:
    """The tree cut `levels` below `nodes`, each cut node counting the people it hides."""
    if levels > 0:
        return [
            node.model_copy(update={"reports": _pruned(node.reports, levels - 1)}) for node in nodes
        ]
    return [
        node.model_copy(update={"reports": [], "not_shown": _count(node.reports)}) for node in nodes
    ]


def _count(nodes: list[TreeNode]) -> int:
    return sum(1 + _count(node.reports) for node in nodes)


def _sum(numbers: Sequence[Numbers]) -> Numbers:
    return Numbers(
        revenue_won=sum(n.revenue_won for n in numbers),
        deals_won=sum(n.deals_won for n in numbers),
        activities=sum(n.activities for n in numbers),
    )


def _bar_level(roots: list[TreeNode]) -> tuple[BarsBy | None, list[TreeNode]]:
    """What the bars compare. A manager (or anyone below a director): their direct reports.
    A director or an admin: the teams, each first-line manager's; with a single team in view,
    its people instead, since one bar compares nothing."""
    if len(roots) == 1 and roots[0].person.role not in TEAM_VIEWERS:
        return _people_level(roots[0].reports)
    below = roots[0].reports if len(roots) == 1 else roots
    teams = [node for node in _walk(below) if _leads_sellers(node)]
    if len(teams) > 1:
        return "team", teams
    return _people_level(teams[0].reports if teams else below)


def _people_level(nodes: list[TreeNode]) -> tuple[BarsBy | None, list[TreeNode]]:
    if not nodes:
        return None, []
    return ("rep" if all(node.team is None for node in nodes) else "direct_report"), nodes


def _walk(nodes: list[TreeNode]) -> Iterator[TreeNode]:
    for node in nodes:
        yield node
        yield from _walk(node.reports)


def _leads_sellers(node: TreeNode) -> bool:
    """A first-line manager: someone with at least one report who leads no one."""
    return any(not report.reports for report in node.reports)


def _bars(nodes: list[TreeNode], targets: Targets) -> list[Bar]:
    """A bar per node, their team's numbers when they lead one (metrics.md: the manager and
    everyone below them). Highest first: the chart reads as a ranking."""
    bars = [
        Bar(
            person_id=node.person.id,
            label=node.person.name,
            revenue_won=(node.team or node.own).revenue_won,
            target=targets.of(node),
        )
        for node in nodes
    ]
    return sorted(bars, key=lambda bar: -bar.revenue_won)


def _trend(
    db: Session, people: Select[tuple[int]], top: TreeNode | None, window: Window
) -> list[TrendPoint]:
    months = [window.month]
    while len(months) < TREND_MONTHS:
        months.insert(0, months[0].previous())
    return [
        TrendPoint(
            month=month.name,
            revenue_won=_won(db, people, month, window.as_of),
            target=_month_target(db, top, month, window.as_of),
        )
        for month in months
    ]


def _won(db: Session, people: Select[tuple[int]], month: Period, as_of: date) -> float:
    values = person_metrics(db, people, month, as_of, ("revenue_won",))
    return sum(float(v["revenue_won"] or 0) for v in values.values())


def _month_target(db: Session, top: TreeNode | None, month: Period, as_of: date) -> float | None:
    """The month's goal of the person at the top: their team's if they lead one (the trend
    then sums exactly that team), else their own."""
    if top is None:
        return None
    compute = person_metrics if top.team is None else team_metrics
    one = select(Person.id).where(Person.id == top.person.id)
    return _float(compute(db, one, month, as_of, (TARGET,))[top.person.id][TARGET])


def _float(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def _employed_count(db: Session, people: Select[tuple[int]], as_of: date) -> int:
    statement = select(func.count()).where(Person.id.in_(people), *employed_on(as_of))
    return db.scalar(statement) or 0


def _period_out(period: Period) -> PeriodOut:
    return PeriodOut(name=period.name, start=period.start, end=period.end)
