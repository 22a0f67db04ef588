"""Each goal-lint rule on hand-made facts: a case where it fires and one where it stays quiet.

History is listed latest first for the trailing quarters 2025-Q4, 2025-Q3, 2025-Q2 of a
2026-Q1 goal. Ann, Ben and Cat report to manager Max (id 10); Max reports to director Dee (1).
"""

from datetime import date

import pytest

from pacesetter.domain.goal_lint import (
    PERSON,
    RULES,
    TEAM,
    Finding,
    GoalDraft,
    LintConfig,
    LintContext,
    MetricFacts,
    ScopeFacts,
    ScopeKey,
    Severity,
    blocking,
    lint,
)
from pacesetter.domain.vocab import GoalKind

ANN, BEN, CAT = ScopeKey(PERSON, 11), ScopeKey(PERSON, 12), ScopeKey(PERSON, 13)
MAX_TEAM = ScopeKey(TEAM, 10)
METRICS = {
    "revenue_won": MetricFacts("revenue_won", GoalKind.OUTCOME, "money", data_label="deals"),
    "activities_call": MetricFacts("activities_call", GoalKind.ACTIVITY, data_label="calls"),
    "win_rate": MetricFacts("win_rate", GoalKind.OUTCOME, "share"),
    "sales_cycle_days": MetricFacts(
        "sales_cycle_days", GoalKind.OUTCOME, "days", lower_is_better=True
    ),
}
SCOPES = {
    ANN: ScopeFacts(ANN, "Ann", 10, "North", date(2020, 1, 1)),
    BEN: ScopeFacts(BEN, "Ben", 10, "North", date(2020, 1, 1)),
    CAT: ScopeFacts(CAT, "Cat", 10, "South", date(2020, 1, 1)),
    MAX_TEAM: ScopeFacts(MAX_TEAM, "Max", 1),
}
TRAILING = ("2025-Q4", "2025-Q3", "2025-Q2")


def goal(scope: ScopeKey = ANN, target: float | None = 100_000, **fields: object) -> GoalDraft:
    values: dict[str, object] = {"metric": "revenue_won", "period": "2026-Q1"} | fields
    return GoalDraft(scope=scope, target=target, **values)  # type: ignore[arg-type]


def context(**facts: object) -> LintContext:
    values: dict[str, object] = {
        "as_of": date(2026, 1, 15),
        "metrics": METRICS,
        "scopes": SCOPES,
        "history_periods": TRAILING,
    } | facts
    return LintContext(**values)  # type: ignore[arg-type]


def fired(draft: GoalDraft, facts: LintContext, config: LintConfig | None = None) -> set[str]:
    return {finding.rule for finding in lint([draft], facts, config)}


def only(rule: str, draft: GoalDraft, facts: LintContext) -> Finding:
    found = [f for f in lint([draft], facts) if f.rule == rule]
    assert len(found) == 1
    return found[0]


def test_every_rule_has_an_id_a_severity_and_a_summary() -> None:
    assert len({rule.id for rule in RULES}) == len(RULES) == 9
    assert all(rule.summary and isinstance(rule.severity, Severity) for rule in RULES)


# --- not specific, not measurable, no period ---------------------------------------------------


def test_an_unknown_metric_is_not_specific_and_suggests_the_closest() -> None:
    finding = only("not_specific", goal(metric="revenu_won"), context())
    assert "Did you mean revenue_won" in finding.message


def test_a_goal_without_a_metric_is_not_specific() -> None:
    assert "not_specific" in fired(goal(metric=None), context())


def test_a_catalogue_metric_is_specific() -> None:
    assert "not_specific" not in fired(goal(), context())


@pytest.mark.parametrize("target", [None, 0, -5, float("nan")])
def test_a_missing_zero_or_negative_target_is_not_measurable(target: float | None) -> None:
    assert "not_measurable" in fired(goal(target=target), context())


def test_a_share_target_above_one_is_not_measurable_and_reads_as_a_percentage() -> None:
    # win_rate 60 was surely meant as 60% = 0.6
    finding = only("not_measurable", goal(metric="win_rate", target=60), context())
    assert "enter 0.6" in finding.message


def test_a_positive_target_is_measurable() -> None:
    assert "not_measurable" not in fired(goal(metric="win_rate", target=0.6), context())


@pytest.mark.parametrize("period", [None, "", "2026-Q5", "next quarter"])
def test_a_missing_or_unreadable_period_is_flagged(period: str | None) -> None:
    assert "no_period" in fired(goal(period=period), context())


def test_definition_errors_block_and_the_rest_do_not() -> None:
    findings = lint([goal(metric="nope", target=0, period=None)], context())
    assert [f.rule for f in blocking(findings)] == ["not_specific", "not_measurable", "no_period"]
    assert all(f.severity is Severity.ERROR for f in blocking(findings))


# --- unrealistic ---------------------------------------------------------------------------------


def test_a_target_above_one_and_a_half_times_the_best_quarter_is_unrealistic() -> None:
    # best of 80k, 120k, 100k is 120k; 1.5 x 120k = 180k < 200k
    facts = context(history={(ANN, "revenue_won"): [80_000, 120_000, 100_000]})
    finding = only("unrealistic", goal(target=200_000), facts)
    assert finding.evidence["best"] == 120_000
    assert finding.evidence["limit"] == 180_000
    assert "2025-Q3" in finding.message


def test_a_target_at_one_and_a_half_times_the_best_quarter_is_not_unrealistic() -> None:
    # exactly 180k = 1.5 x 120k is still supported
    facts = context(history={(ANN, "revenue_won"): [80_000, 120_000, 100_000]})
    assert "unrealistic" not in fired(goal(target=180_000), facts)


def test_the_unrealistic_factor_is_configurable() -> None:
    # 1.2 x 120k = 144k < 150k
    facts = context(history={(ANN, "revenue_won"): [80_000, 120_000, 100_000]})
    assert "unrealistic" in fired(goal(target=150_000), facts, LintConfig(unrealistic_factor=1.2))


def test_a_target_after_quarters_with_nothing_won_is_unrealistic() -> None:
    facts = context(history={(ANN, "revenue_won"): [0, 0, 0]})
    assert (
        "result was 0 in each of the last 3 quarters"
        in only("unrealistic", goal(target=10_000), facts).message
    )


def test_without_own_history_the_target_is_weighed_against_the_peers_best() -> None:
    # Ann has no quarter; Ben's best is 100k, Cat's 90k: 1.5 x 100k = 150k < 160k
    facts = context(
        history={
            (ANN, "revenue_won"): [None, None, None],
            (BEN, "revenue_won"): [100_000, 70_000, 60_000],
            (CAT, "revenue_won"): [90_000, 80_000, None],
        }
    )
    finding = only("unrealistic", goal(target=160_000), facts)
    assert "any peer's best" in finding.message
    assert "unrealistic" not in fired(goal(target=150_000), facts)


def test_for_a_lower_is_better_metric_an_unrealistic_target_is_too_low() -> None:
    # best (shortest) cycle 30 days; 30 / 1.5 = 20 days > 15 days asked
    facts = context(history={(ANN, "sales_cycle_days"): [40, 30, 45]})
    assert "unrealistic" in fired(goal(metric="sales_cycle_days", target=15), facts)
    assert "unrealistic" not in fired(goal(metric="sales_cycle_days", target=25), facts)


# --- too easy ------------------------------------------------------------------------------------


def test_a_target_below_the_trailing_average_is_too_easy() -> None:
    # average of 90k, 110k, 100k = 100k > 95k
    facts = context(history={(ANN, "revenue_won"): [90_000, 110_000, 100_000]})
    finding = only("too_easy", goal(target=95_000), facts)
    assert finding.evidence["average"] == 100_000


def test_a_target_at_the_trailing_average_is_not_too_easy() -> None:
    facts = context(history={(ANN, "revenue_won"): [90_000, 110_000, 100_000]})
    assert "too_easy" not in fired(goal(target=100_000), facts)


def test_a_new_person_without_history_is_never_too_easy() -> None:
    facts = context(
        history={(ANN, "revenue_won"): [None, None, None], (BEN, "revenue_won"): [9e5, 9e5, 9e5]}
    )
    assert "too_easy" not in fired(goal(target=1_000), facts)


def test_a_lower_is_better_target_above_the_average_cycle_is_too_easy() -> None:
    # average cycle (40 + 30 + 50) / 3 = 40 days; asking for 45 days lets it get slower
    facts = context(history={(ANN, "sales_cycle_days"): [40, 30, 50]})
    assert "too_easy" in fired(goal(metric="sales_cycle_days", target=45), facts)
    assert "too_easy" not in fired(goal(metric="sales_cycle_days", target=35), facts)


# --- one size fits all ---------------------------------------------------------------------------


def test_the_same_target_for_peers_with_very_different_results_is_one_size_fits_all() -> None:
    # Ann averages 60k, Ben 120k: 120 / 60 = 2 >= 1.5, both asked 100k
    facts = context(
        goals=[goal(BEN, 100_000)],
        history={(ANN, "revenue_won"): [60_000] * 3, (BEN, "revenue_won"): [120_000] * 3},
    )
    finding = only("one_size_fits_all", goal(ANN, 100_000), facts)
    assert "Ben (averages 120,000 vs 60,000" in finding.message


def test_the_same_target_for_peers_in_different_territories_is_one_size_fits_all() -> None:
    facts = context(goals=[goal(CAT, 100_000)])
    assert "one_size_fits_all" in fired(goal(ANN, 100_000), facts)


def test_the_same_target_for_alike_peers_is_fine() -> None:
    # Ann and Ben: same territory, averages 100k and 110k (ratio 1.1 < 1.5)
    facts = context(
        goals=[goal(BEN, 100_000)],
        history={(ANN, "revenue_won"): [100_000] * 3, (BEN, "revenue_won"): [110_000] * 3},
    )
    assert "one_size_fits_all" not in fired(goal(ANN, 100_000), facts)


def test_different_targets_for_different_peers_are_fine() -> None:
    facts = context(goals=[goal(CAT, 120_000)])
    assert "one_size_fits_all" not in fired(goal(ANN, 100_000), facts)


# --- outcome only --------------------------------------------------------------------------------


def test_a_person_with_only_outcome_goals_gets_an_outcome_only_warning() -> None:
    facts = context(goals=[goal(ANN, 0.3, metric="win_rate")])
    finding = only("outcome_only", goal(ANN), facts)
    assert finding.evidence["outcome_goals"] == ["revenue_won", "win_rate"]


def test_an_activity_goal_beside_the_outcome_goals_settles_it() -> None:
    facts = context(goals=[goal(ANN, 300, metric="activities_call")])
    assert "outcome_only" not in fired(goal(ANN), facts)


def test_a_rejected_activity_goal_does_not_count() -> None:
    facts = context(goals=[goal(ANN, 300, metric="activities_call", status="rejected")])
    assert "outcome_only" in fired(goal(ANN), facts)


def test_a_team_goal_is_not_an_outcome_only_plan() -> None:
    assert "outcome_only" not in fired(goal(MAX_TEAM, 500_000), context())


# --- hybrid without a team goal ------------------------------------------------------------------


def test_a_hybrid_weight_without_the_team_goal_is_flagged() -> None:
    finding = only("hybrid_without_team_goal", goal(individual_weight=0.7), context())
    assert "70%" in finding.message and "Max's team" in finding.message


def test_a_hybrid_weight_with_an_approved_team_goal_is_fine() -> None:
    facts = context(goals=[goal(MAX_TEAM, 500_000)])
    assert "hybrid_without_team_goal" not in fired(goal(individual_weight=0.7), facts)


def test_a_proposed_team_goal_does_not_carry_a_hybrid_weight() -> None:
    facts = context(goals=[goal(MAX_TEAM, 500_000, status="proposed")])
    assert "hybrid_without_team_goal" in fired(goal(individual_weight=0.7), facts)


def test_an_individual_weight_of_one_needs_no_team_goal() -> None:
    assert "hybrid_without_team_goal" not in fired(goal(individual_weight=1.0), context())


# --- data no longer flows ------------------------------------------------------------------------


def test_no_calls_in_the_last_30_days_means_the_data_no_longer_flows() -> None:
    # as of 2026-01-15 the window is [2025-12-16, 2026-01-15]; last call 2025-12-10
    facts = context(last_data_on={(ANN, "activities_call"): date(2025, 12, 10)})
    finding = only("data_no_longer_flows", goal(metric="activities_call", target=300), facts)
    assert "since 2025-12-10" in finding.message


def test_a_call_on_the_first_day_of_the_window_keeps_the_data_flowing() -> None:
    facts = context(last_data_on={(ANN, "activities_call"): date(2025, 12, 16)})
    assert "data_no_longer_flows" not in fired(goal(metric="activities_call", target=300), facts)


def test_deals_have_a_60_day_window() -> None:
    # 2026-01-15 - 60 days = 2025-11-16
    flowing = context(last_data_on={(ANN, "revenue_won"): date(2025, 11, 16)})
    stopped = context(last_data_on={(ANN, "revenue_won"): date(2025, 11, 15)})
    assert "data_no_longer_flows" not in fired(goal(), flowing)
    assert "data_no_longer_flows" in fired(goal(), stopped)


def test_someone_who_never_had_data_since_long_ago_is_flagged() -> None:
    facts = context(last_data_on={(ANN, "revenue_won"): None})
    assert "data_no_longer_flows" in fired(goal(), facts)


def test_a_new_starter_without_data_yet_is_not_flagged() -> None:
    newcomer = ScopeFacts(ANN, "Ann", 10, "North", date(2026, 1, 5))
    facts = context(scopes={**SCOPES, ANN: newcomer}, last_data_on={(ANN, "revenue_won"): None})
    assert "data_no_longer_flows" not in fired(goal(), facts)


def test_without_gathered_data_dates_the_data_rule_stays_silent() -> None:
    assert "data_no_longer_flows" not in fired(goal(), context())
