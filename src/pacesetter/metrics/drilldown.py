"""The rows behind a figure: for one person (or one manager's team) and one catalogue metric at
d, the deals, activities, coaching records and goals its SQL parts add up, each with what it
adds to each part.

The rows are the catalogue's own: each family's row query (metrics/families.py, follow_ups.py)
is taken as it is, with its filters, and only given the row's id; each part's contribution is
the catalogue's own aggregate expression over that one row (an aggregate over a group of one
row is that row's share of the sum or count). So the rows listed add up, by construction, to
the figure's parts, and the formula applied to those sums is the figure. A row that adds
nothing to any part (a lost deal behind "revenue won") is not listed.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Float,
    Label,
    Select,
    String,
    Subquery,
    cast,
    func,
    literal,
    null,
    or_,
    select,
)
from sqlalchemy.orm import aliased

from pacesetter.metrics.catalogue import (
    Aggregate,
    GoalTarget,
    Metric,
    Unit,
    in_family,
    resolve,
)
from pacesetter.metrics.families import Family, ReportContext
from pacesetter.metrics.grouping import Grouping
from pacesetter.metrics.values import goal_targets
from pacesetter.store.models import Account, Activity, CoachingRecord, Deal, Goal, Person

# The table each family's rows come from, and what a manager calls one of them.
SOURCES: dict[str, tuple[type[Deal] | type[Activity] | type[CoachingRecord], str]] = {
    "closed_deals": (Deal, "deal"),
    "created_deals": (Deal, "deal"),
    "open_pipeline": (Deal, "deal"),
    "activities": (Activity, "activity"),
    "direction": (Activity, "activity"),
    "follow_ups": (Activity, "meeting"),
    "coaching": (CoachingRecord, "coaching record"),
}
# The columns that describe a row (its parts follow, one per SQL part or goal target).
ROW_COLUMNS = ("source", "row_id", "day", "owner", "what", "account", "amount")


@dataclass(frozen=True)
class DrillRow:
    """One row behind the figure: `parts` is what it adds to each SQL part, by slug."""

    source: str
    row_id: int
    day: date | None
    owner: str
    what: str
    account: str | None
    amount: float | None
    parts: dict[str, float | int]


def leaves(slug: str) -> list[Metric]:
    """The parts a figure is computed from: its SQL aggregates and goal targets."""
    return [m for m in resolve([slug]) if m.source is not None]


def drill_rows(
    context: ReportContext, grouping: Grouping, slug: str, offset: int = 0, limit: int | None = None
) -> tuple[list[DrillRow], int]:
    """The rows behind `slug` for the one key of `grouping`, newest first, a page of them from
    `offset` (all with no `limit`), and how many there are in all."""
    statements = list(_row_statements(context, grouping, leaves(slug)))
    if not statements:
        return [], 0
    parts = leaves(slug)
    merged = _merged(statements, parts)
    total = context.session.scalar(select(func.count()).select_from(merged)) or 0
    ordered = select(merged).order_by(
        merged.c.day.desc().nulls_last(), merged.c.source, merged.c.row_id
    )
    page = ordered.offset(offset).limit(limit)
    return [_row(row, parts) for row in context.session.execute(page).mappings()], total


def _merged(statements: list[Select[Any]], parts: list[Metric]) -> Subquery:
    """One line per row: an activity read by two families (direction share's activities and
    directed activities) is one line with both its parts."""
    union = statements[0].union_all(*statements[1:]).subquery("drill_rows")
    keys = [union.c[name] for name in ROW_COLUMNS]
    sums = [func.sum(union.c[m.slug]).label(m.slug) for m in parts]
    return select(*keys, *sums).group_by(*keys).subquery("drill_lines")


def _row(row: Any, parts: list[Metric]) -> DrillRow:
    adds = {m.slug: _number(row[m.slug], m.unit) for m in parts if row[m.slug] is not None}
    return DrillRow(
        row["source"],
        row["row_id"],
        row["day"],
        row["owner"],
        row["what"] or "",
        row["account"],
        None if row["amount"] is None else float(row["amount"]),
        adds,
    )


def _number(value: Any, unit: Unit) -> float | int:
    return int(value) if unit is Unit.COUNT else float(value)


def _row_statements(
    context: ReportContext, grouping: Grouping, plan: list[Metric]
) -> Iterator[Select[Any]]:
    families = dict.fromkeys(m.source.family for m in plan if isinstance(m.source, Aggregate))
    for family in families:
        statement = _family_rows(context, grouping, family, in_family(plan, family), plan)
        if statement is not None:
            yield statement
    for entry in plan:
        if isinstance(entry.source, GoalTarget):
            yield _goal_rows(context, grouping, entry, plan)


def _family_rows(
    context: ReportContext,
    grouping: Grouping,
    family: Family,
    metrics: list[Metric],
    plan: list[Metric],
) -> Select[Any] | None:
    """The family's rows with each metric's contribution, joined to what they describe."""
    rows = family.rows(context, grouping.owners())
    if rows is None:
        return None
    model, noun = SOURCES[family.name]
    per_row = _contributions(rows, metrics)
    shown = aliased(model, name=f"{family.name}_row")
    owner = aliased(Person, name=f"{family.name}_owner")
    account = aliased(Account, name=f"{family.name}_account")
    columns = _part_columns(plan, {m.slug: per_row.c[m.slug] for m in metrics})
    return (
        select(
            _text(noun).label("source"),
            per_row.c.row_id,
            _day(shown).label("day"),
            owner.name.label("owner"),
            _what(shown).label("what"),
            account.name.label("account"),
            _amount(shown).label("amount"),
            *columns,
        )
        .join(shown, shown.id == per_row.c.row_id)
        .join(owner, owner.id == per_row.c.owner_id)
        .outerjoin(account, account.id == shown.account_id)
        .where(_adds_something(per_row, metrics))
    )


def _contributions(rows: Subquery, metrics: list[Metric]) -> Subquery:
    """Each row of a family's query (given its id) with each metric's aggregate over that row."""
    statement: Select[Any] = rows.element  # type: ignore[assignment]
    table = _row_table(statement.selected_columns.owner_id)
    with_id = statement.add_columns(table.c.id.label("row_id")).subquery(f"{rows.name}_ids")
    aggregates = [
        m.source.expression(with_id.c).label(m.slug)
        for m in metrics
        if isinstance(m.source, Aggregate)
    ]
    per_row = select(with_id.c.row_id, with_id.c.owner_id, *aggregates)
    return per_row.group_by(with_id.c.row_id, with_id.c.owner_id).subquery(f"{rows.name}_parts")


def _row_table(owner_column: Any) -> Any:
    """The table (or alias) a family's rows are read from: the one its owner column is from."""
    column = owner_column.element if isinstance(owner_column, Label) else owner_column
    return column.table


def _adds_something(per_row: Subquery, metrics: list[Metric]) -> ColumnElement[bool]:
    """A count part adds a row when it is not 0; a sum part when it is not null."""
    added = [
        per_row.c[m.slug] != 0 if m.unit is Unit.COUNT else per_row.c[m.slug].is_not(None)
        for m in metrics
    ]
    return or_(*added)


def _part_columns(plan: list[Metric], found: dict[str, Any]) -> list[Label[Any]]:
    """One column per part of the figure, in the plan's order: null where this row has none."""
    return [
        cast(found.get(m.slug, null()), Float).label(m.slug) for m in plan if m.source is not None
    ]


def _day(shown: Any) -> ColumnElement[Any]:
    if hasattr(shown, "close_date"):
        return shown.close_date
    return shown.occurred_on


def _what(shown: Any) -> ColumnElement[Any]:
    if hasattr(shown, "close_date"):
        name = func.coalesce(shown.name, shown.external_id)
        return cast(name + _text(" (") + shown.status + _text(")"), String)
    return cast(shown.type, String)


def _amount(shown: Any) -> ColumnElement[Any]:
    return cast(shown.amount if hasattr(shown, "amount") else null(), Float)


def _text(words: str) -> ColumnElement[str]:
    """A constant text column (typed, so PostgreSQL can union it)."""
    return cast(literal(words), String)


def _goal_rows(
    context: ReportContext, grouping: Grouping, entry: Metric, plan: list[Metric]
) -> Select[Any]:
    """The approved goal whose target is a part (a coverage's revenue target)."""
    assert isinstance(entry.source, GoalTarget)
    targets = goal_targets(grouping, entry.slug, entry.source)
    targets = targets.where(Goal.period_start == context.start, Goal.period_end == context.end)
    found = targets.add_columns(Goal.id.label("goal_id")).subquery("goal_parts")
    owner = aliased(Person, name="goal_owner")
    return select(
        _text("goal").label("source"),
        found.c.goal_id.label("row_id"),
        literal(context.end, Date).label("day"),
        owner.name.label("owner"),
        _text(f"approved target for {entry.source.metric.replace('_', ' ')}").label("what"),
        cast(null(), String).label("account"),
        cast(found.c[entry.slug], Float).label("amount"),
        *_part_columns(plan, {entry.slug: found.c[entry.slug]}),
    ).join(owner, owner.id == found.c.key)
