"""Rules on the goal as written: is it specific (a known metric), measurable (a target above
zero, a share no more than 100%) and time-bound (a period)?"""

from difflib import get_close_matches
from functools import lru_cache
from math import isfinite

from pacesetter.domain.goal_rules.model import Flag, GoalDraft, LintConfig, LintContext
from pacesetter.domain.goal_rules.text import show
from pacesetter.domain.periods import PeriodError, parse_period


def not_specific(goal: GoalDraft, context: LintContext, _config: LintConfig) -> Flag | None:
    """The metric is missing or not one Pacesetter measures, so progress cannot be tracked."""
    if goal.metric in context.metrics:
        return None
    if not goal.metric:
        return Flag(
            "The goal names no metric. Pick what is counted from the metric catalogue "
            "(for example revenue_won or activities_call).",
            {"metric": None},
        )
    close = get_close_matches(goal.metric, list(context.metrics), n=3)
    hint = f" Did you mean {' or '.join(close)}?" if close else ""
    return Flag(
        f"'{goal.metric}' is not a metric Pacesetter measures, so progress on it cannot be "
        f"tracked.{hint}",
        {"metric": goal.metric, "closest": close},
    )


def not_measurable(goal: GoalDraft, context: LintContext, _config: LintConfig) -> Flag | None:
    """No target, a target of zero or less, or a share above 100%."""
    target = goal.target
    if target is None or not isfinite(target):
        return Flag(
            "The goal has no target number. Say how much is expected by the end of the period.",
            {"target": None},
        )
    if target <= 0:
        return Flag(
            f"A target of {show(target)} cannot be attained or paced. Set a number above zero.",
            {"target": target},
        )
    facts = context.metrics.get(goal.metric or "")
    if facts is not None and facts.unit == "share" and target > 1:
        return Flag(
            f"{facts.name} is a share between 0 and 1, so {show(target)} cannot be reached. "
            f"Did you mean {show(target / 100, 'share')} (enter {target / 100:g})?",
            {"target": target, "unit": "share"},
        )
    return None


def no_period(goal: GoalDraft, context: LintContext, _config: LintConfig) -> Flag | None:
    """The goal says no period it is due in (or names one that does not exist)."""
    if not goal.period:
        return Flag(
            "The goal has no period. Say by when: a month (2026-03), a quarter (2026-Q1) or a "
            "year (2026).",
            {"period": None},
        )
    error = _period_error(goal.period, context.fiscal_year_start_month)
    if error is not None:
        return Flag(f"The period cannot be read: {error}.", {"period": goal.period})
    return None


@lru_cache(maxsize=1024)
def _period_error(name: str, fiscal_year_start_month: int) -> str | None:
    """Why the period name cannot be read, or None (each name parsed once: an import lints
    tens of thousands of goals over a few dozen periods)."""
    try:
        parse_period(name, fiscal_year_start_month)
    except PeriodError as error:
        return str(error)
    return None
