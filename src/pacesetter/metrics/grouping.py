"""Whose numbers a query adds up: each person's own, or each manager's whole team.

A family's rows are first aggregated per owner. For people that is the answer; for teams the
per-owner sums are joined to a closure of (ancestor, member) pairs built in SQL by a recursive
CTE (each requested manager paired with themselves and everyone below them, by current manager)
and summed per ancestor. Aggregating per owner first keeps the join small however deep the
hierarchy: an owner's thousands of activities become one row before they meet the closure.
Rows aggregated per owner and per day (metrics/series.py) stay per day: `by` names those columns.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import CTE, Select, func, select

from pacesetter.store.models import Person

Ids = Select[tuple[int]]
PERSON_SCOPE = "person"
TEAM_SCOPE = "team"


def team_closure(managers: Ids) -> CTE:
    """(ancestor, member) for each manager in `managers` and each person in their subtree.

    UNION (not UNION ALL) stops the recursion even if bad data ever formed a cycle.
    """
    roots = select(Person.id.label("ancestor"), Person.id.label("member"))
    closure = roots.where(Person.id.in_(managers)).cte("team_closure", recursive=True)
    below = select(closure.c.ancestor, Person.id).join(
        closure, Person.manager_id == closure.c.member
    )
    return closure.union(below)


@dataclass(frozen=True)
class ByOwner:
    """Each selected person's own numbers."""

    keys: Ids
    scope_type: str = PERSON_SCOPE

    def owners(self) -> Ids:
        return self.keys

    def group(
        self, per_owner: Select[Any], columns: Sequence[str], by: Sequence[str] = ()
    ) -> Select[Any]:
        return per_owner


@dataclass(frozen=True)
class ByTeam:
    """Each selected manager's team: the manager and everyone below them."""

    keys: Ids
    scope_type: str = TEAM_SCOPE
    closure: CTE = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "closure", team_closure(self.keys))

    def owners(self) -> Ids:
        return select(self.closure.c.member)

    def group(
        self, per_owner: Select[Any], columns: Sequence[str], by: Sequence[str] = ()
    ) -> Select[Any]:
        rows = per_owner.subquery("per_owner")
        kept = [rows.c[name] for name in by]
        sums = [func.sum(rows.c[name]).label(name) for name in columns]
        return (
            select(self.closure.c.ancestor.label("key"), *kept, *sums)
            .join(self.closure, self.closure.c.member == rows.c.key)
            .group_by(self.closure.c.ancestor, *kept)
        )


Grouping = ByOwner | ByTeam


def grouping_of(scope_type: str, keys: Ids) -> Grouping:
    """Whose numbers a goal of `scope_type` (person or team) is measured on."""
    return ByTeam(keys) if scope_type == TEAM_SCOPE else ByOwner(keys)
