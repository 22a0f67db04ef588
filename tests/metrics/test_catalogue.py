"""The catalogue's shape: what it promises every consumer, whatever the data."""

import pytest
from sqlalchemy import column
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.exc import CompileError

from pacesetter.domain.errors import Invalid
from pacesetter.domain.pacing import Direction, MetricKind
from pacesetter.metrics.catalogue import (
    REGISTRY,
    SCORECARD_METRICS,
    Aggregate,
    GoalTarget,
    resolve,
)
from pacesetter.store.dates import days_between


def test_every_sql_aggregate_is_a_sum_or_count_so_teams_can_add_them_up() -> None:
    sql = [m for m in REGISTRY.values() if isinstance(m.source, Aggregate)]
    assert sql and all(m.kind is MetricKind.ADDITIVE and not m.depends_on for m in sql)


def test_every_metric_has_exactly_one_way_to_be_computed() -> None:
    for entry in REGISTRY.values():
        ways = [entry.source is not None, entry.formula is not None]
        assert ways.count(True) == 1, entry.slug
        assert all(name in REGISTRY for name in entry.depends_on), entry.slug


def test_ratios_and_means_are_the_ratio_kind() -> None:
    ratios = {slug for slug in SCORECARD_METRICS if REGISTRY[slug].kind is MetricKind.RATIO}
    assert ratios == {
        "win_rate",
        "avg_deal_size",
        "sales_cycle_days",
        "pipeline_coverage",
        "direction_share",
        "follow_up_rate",
    }


def test_only_the_sales_cycle_is_lower_is_better() -> None:
    lower = [slug for slug, entry in REGISTRY.items() if entry.direction is Direction.LOWER]
    assert lower == ["sales_cycle_days"]


def test_resolve_puts_dependencies_first_and_names_each_once() -> None:
    order = [m.slug for m in resolve(["pipeline_coverage", "revenue_won"])]
    assert order == ["open_pipeline", "revenue_won", "revenue_target", "pipeline_coverage"]
    assert isinstance(REGISTRY["revenue_target"].source, GoalTarget)


def test_an_unknown_metric_is_invalid() -> None:
    with pytest.raises(Invalid, match="no_such_metric"):
        resolve(["no_such_metric"])


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        (sqlite.dialect(), "CAST(julianday(close_date) - julianday(created_date) AS INTEGER)"),
        (postgresql.dialect(), "(close_date - created_date)"),
    ],
)
def test_days_between_compiles_for_both_databases(dialect: object, expected: str) -> None:
    expression = days_between(column("close_date"), column("created_date"))
    assert str(expression.compile(dialect=dialect)) == expected


def test_days_between_refuses_a_database_it_does_not_know() -> None:
    with pytest.raises(CompileError):
        days_between(column("a"), column("b")).compile(dialect=mysql.dialect())
