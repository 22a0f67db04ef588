"""Query parameters that a page and its JSON twin read alike, declared once so both surfaces
accept, refuse and document them the same way.

`ReportQueryDep` is what every report screen is asked (the goals board, the scorecard, the
quadrant, the managers report, the rows behind a figure, the leaderboard): the period by name,
the as-of day and, where the screen can be narrowed to a team, whose; with the request's one
"who and when" (`ContextDep`). Its page, its downloads and its JSON twin take the same
dependency, so a period or a day one of them accepts the others accept too.

`PagingDep` is how a long list is asked for a page at a time (`?page=&per_page=`): every
paged screen, its page and its JSON twin, cuts its sorted rows with the same `Paging`, so
both show the same rows and say the same totals. Downloads take no paging: a download is
the way to get every row.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from math import ceil
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Depends, Query
from pydantic import BeforeValidator

from pacesetter.audit.trail import AuditFilter
from pacesetter.http.context import ContextDep
from pacesetter.http.validation import (
    MAX_ID,
    MONTH_PATTERN,
    PERIOD_PATTERN,
    AsOf,
    Day,
    Id,
    IdQuery,
)
from pacesetter.store.context import Context
from pacesetter.store.scope import Scope

Table = Annotated[str | None, Query(max_length=40, description="A table name: goals, people...")]
DayQuery = Annotated[Day | None, Query()]
PeriodQuery = Annotated[
    str | None,
    Query(
        max_length=32,
        description="A period name: 2026-03, 2026-Q1, 2026-W07 or 2026 (default: the screen's "
        "current one: the month; the quarter for goals and managers)",
        # Blank is the screen's default, as a period picker's first choice sends it.
        json_schema_extra={"pattern": f"^$|{PERIOD_PATTERN}"},
    ),
]
RequiredPeriodQuery = Annotated[
    str,
    Query(
        max_length=32,
        description="A period name: 2026-03, 2026-Q1, 2026-W07 or 2026",
        json_schema_extra={"pattern": PERIOD_PATTERN},
    ),
]
MonthQuery = Annotated[
    str | None,
    Query(
        max_length=7,
        description="A month: 2026-03 (default: the screen's month)",
        json_schema_extra={"pattern": f"^$|{MONTH_PATTERN}"},
    ),
]


def _blank_is_none(value: object) -> object:
    return None if value == "" else value


# A team picker sends `manager=` (or `team=`) for "everyone you can see".
TeamQuery = Annotated[
    Id | None,
    BeforeValidator(_blank_is_none),
    Query(description="Only this manager's team (left out or blank: everyone you may see)"),
]


def audit_filter(
    table: Table = None,
    person_id: Annotated[IdQuery, Query(description="Changes made by this person")] = None,
    since: Annotated[DayQuery, Query(description="From this day (UTC), inclusive")] = None,
    until: Annotated[DayQuery, Query(description="To this day (UTC), inclusive")] = None,
) -> AuditFilter:
    return AuditFilter(table, person_id, since, until)


AuditFilterDep = Annotated[AuditFilter, Depends(audit_filter)]


@dataclass(frozen=True)
class ReportQuery:
    """Who asks and when (`ctx`), the period by name (None: the screen's default), the as-of
    day (None: today clipped to the period) and the team (None: everyone in scope)."""

    ctx: Context
    period: str | None
    as_of: date | None
    team: int | None = None

    @property
    def scope(self) -> Scope:
        return self.ctx.scope

    @property
    def today(self) -> date:
        return self.ctx.today


def _report_query(ctx: ContextDep, period: PeriodQuery = None, as_of: AsOf = None) -> ReportQuery:
    return ReportQuery(ctx, period, as_of)


def _manager_report_query(
    ctx: ContextDep, period: PeriodQuery = None, as_of: AsOf = None, manager: TeamQuery = None
) -> ReportQuery:
    return ReportQuery(ctx, period, as_of, manager)


def _team_report_query(
    ctx: ContextDep, period: PeriodQuery = None, as_of: AsOf = None, team: TeamQuery = None
) -> ReportQuery:
    return ReportQuery(ctx, period, as_of, team)


# A report of everyone in scope: `?period=&as_of=`.
ReportQueryDep = Annotated[ReportQuery, Depends(_report_query)]
# A report that can be narrowed to a manager's team: `?period=&as_of=&manager=`.
ManagerReportQueryDep = Annotated[ReportQuery, Depends(_manager_report_query)]
# The same, where the screen calls the team `team` (the leaderboard): `?period=&as_of=&team=`.
TeamReportQueryDep = Annotated[ReportQuery, Depends(_team_report_query)]


# Rows a page unless asked otherwise: a top director's page 1 stays well under 200 KB.
DEFAULT_PER_PAGE = 50
MANAGERS_PER_PAGE = 20
TEAMS_PER_PAGE = 20
MAX_PER_PAGE = 500
Row = TypeVar("Row")


@dataclass(frozen=True)
class Paged(Generic[Row]):
    """One page of a sorted list: its `rows`, the list's `total`, which `page` (1 is the
    first) and how many rows a page holds (`per_page`)."""

    rows: list[Row]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages the list fills (1 when it is empty)."""
        return max(1, ceil(self.total / self.per_page))

    @property
    def first(self) -> int:
        """The place of the page's first row in the whole list, from 1 (0: no rows)."""
        return (self.page - 1) * self.per_page + 1 if self.rows else 0

    @property
    def last(self) -> int:
        """The place of the page's last row in the whole list (0: no rows)."""
        return self.first + len(self.rows) - 1 if self.rows else 0

    def as_dict(self) -> dict[str, Any]:
        """The page's place in the list, as the API answers it beside the rows."""
        fields = ("total", "page", "per_page", "pages", "first", "last")
        return {name: getattr(self, name) for name in fields}


@dataclass(frozen=True)
class Paging:
    """Which page of a list is asked for, and how many rows a page holds."""

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def of(self, rows: Sequence[Row]) -> Paged[Row]:
        """The asked page of `rows` (already sorted); a page past the end is the last one."""
        pages = max(1, ceil(len(rows) / self.per_page))
        page = min(self.page, pages)
        start = (page - 1) * self.per_page
        return Paged(list(rows[start : start + self.per_page]), len(rows), page, self.per_page)


PageNumber = Annotated[
    int, Query(ge=1, le=MAX_ID, description="Which page of the rows (1, the default: the first)")
]


def _paging_by(default: int) -> Callable[[int, int], Paging]:
    """The dependency of a screen whose pages hold `default` rows unless asked otherwise."""

    def paging(
        page: PageNumber = 1,
        per_page: Annotated[
            int,
            Query(
                ge=1,
                le=MAX_PER_PAGE,
                description=f"Rows a page (default {default}); the CSV and XLSX downloads hold "
                "every row",
            ),
        ] = default,
    ) -> Paging:
        return Paging(page, per_page)

    return paging


# The order of a paged list: who needs attention first (each screen says by what), or by name.
Order = Literal["attention", "name"]
OrderQuery = Annotated[
    Order,
    Query(
        description="attention (the default): the rows that need attention first (the screen "
        "says which: e.g. the lowest pace), then by name; name: by name"
    ),
]

# How far below a manager the managers screen reaches: `?below=direct` drills down a level
# at a time.
Below = Literal["all", "direct"]
BelowQuery = Annotated[
    Below,
    Query(
        description="all (the default): every manager and director below the manager asked for "
        "(or in your scope); direct: only that manager (default: you) and the managers who "
        "report to them directly, to drill down a team at a time"
    ),
]

# A page of a long list: `?page=&per_page=`.
PagingDep = Annotated[Paging, Depends(_paging_by(DEFAULT_PER_PAGE))]
# The managers screen: each row also has a card (signals with their evidence, forecasts, a
# what-if form), about 7 KB of page each, so fewer rows a page.
ManagersPagingDep = Annotated[Paging, Depends(_paging_by(MANAGERS_PER_PAGE))]
# A list of teams (the goals board: each team is its members' rows and a subtotal).
TeamsPagingDep = Annotated[Paging, Depends(_paging_by(TEAMS_PER_PAGE))]
