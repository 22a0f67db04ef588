"""What may be written on a goal, and the goal as the lint reads it.

Scope, metric and period are a goal's identity; the `EDITABLE` values may change. They are
checked and normalised here, the same for a new goal as for a change; the lint then judges the
goal as it would stand (`draft`).
"""

from collections.abc import Mapping
from math import isfinite
from typing import Any

from pacesetter.domain.errors import Invalid
from pacesetter.domain.goal_lint import PERSON, GoalDraft, ScopeKey
from pacesetter.domain.periods import Distribution, Period, PeriodError
from pacesetter.domain.vocab import GoalKind
from pacesetter.goals.catalogue import default_kind
from pacesetter.goals.queries import key_of
from pacesetter.store.models import Goal

EDITABLE = ("target", "kind", "individual_weight", "distribution", "rationale")
KINDS = frozenset(kind.value for kind in GoalKind)
Values = dict[str, Any]
# A stored goal's columns that `draft_of` reads: a row of them stands in for the goal where
# thousands are read at once (an import), without the cost of an ORM object each.
DRAFT_COLUMNS = (
    Goal.id,
    Goal.scope_type,
    Goal.person_id,
    Goal.metric,
    Goal.period,
    Goal.period_start,
    Goal.period_end,
    Goal.status,
    *(Goal.__table__.c[name] for name in EDITABLE),
)


def editable_values(source: object) -> Values:
    """The editable values of a stored goal, or of a new goal as a surface hands it in."""
    return {name: getattr(source, name) for name in EDITABLE}


def validated(key: ScopeKey, values: Values) -> Values:
    """Checked and normalised editable values (the lint judges metric, target and period)."""
    _check_weight(key, values.get("individual_weight"))
    kind = values.get("kind")
    if kind is not None and kind not in KINDS:
        raise Invalid(f"A goal's kind is activity or outcome, not {kind!r}.")
    rationale = (values.get("rationale") or "").strip() or None
    return values | {"rationale": rationale}


def distribution_fits(distribution: dict[str, Any] | None, period: Period) -> None:
    """Milestone weights must name the period's sub-periods (or list one weight for each)."""
    if distribution is None:
        return
    try:
        Distribution(distribution["kind"], distribution["weights"]).segments(period)
    except (KeyError, TypeError) as error:
        raise Invalid(
            'Milestones are given as {"kind": "month" or "week", "weights": ...}: '
            f"missing {error}."
        ) from None
    except PeriodError as error:
        raise Invalid(f"The milestone distribution does not fit {period.name}: {error}") from None


def draft(
    key: ScopeKey,
    metric: str | None,
    period: str | None,
    values: Mapping[str, Any],
    status: str,
    goal_id: int | None = None,
) -> GoalDraft:
    """The goal as the lint reads it; a kind left out is the metric's."""
    return GoalDraft(
        scope=key,
        metric=metric,
        period=period,
        target=values.get("target"),
        kind=values.get("kind") or default_kind(metric),
        individual_weight=values.get("individual_weight"),
        status=str(status),
        goal_id=goal_id,
    )


def draft_of(goal: Goal, values: Mapping[str, Any] | None = None) -> GoalDraft:
    """The stored goal as the lint reads it, or with `values` in place of its own."""
    wanted = editable_values(goal) if values is None else values
    return draft(key_of(goal), goal.metric, goal.period, wanted, goal.status, goal.id)


def _check_weight(key: ScopeKey, weight: float | None) -> None:
    if weight is None:
        return
    if key.scope_type != PERSON:
        raise Invalid("An individual weight is for a person's hybrid goal, not a team goal.")
    if not isfinite(weight) or not 0 <= weight <= 1:
        raise Invalid(f"The individual weight must lie between 0 and 1, got {weight}.")
