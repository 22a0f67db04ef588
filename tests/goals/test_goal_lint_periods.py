"""The lint across periods: goals inside a quarter, trailing periods counted as used, and where
the data on record begins.

Pure cases use Ann (id 11) of a 2026-Q1 revenue goal; stored cases use the organisation of
goal_helpers (Ann, Ben and Max's team), today 2026-01-12.
"""

from datetime import date
from pathlib import Path

from goal_helpers import TODAY, Org, person_goal, team_goal
from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_goal
from pacesetter.domain.goal_lint import (
    PERSON,
    GoalDraft,
    LintContext,
    MetricFacts,
    ScopeFacts,
    ScopeKey,
    lint,
)
from pacesetter.domain.vocab import GoalKind
from pacesetter.goals.linting import lint_drafts
from pacesetter.goals.service import GoalInput, draft_for
from pacesetter.ingest.service import run_import

ANN = ScopeKey(PERSON, 11)
METRICS = {
    "revenue_won": MetricFacts("revenue_won", GoalKind.OUTCOME, "money", data_label="deals"),
    "activities_call": MetricFacts("activities_call", GoalKind.ACTIVITY, data_label="calls"),
}


def facts(goals: list[GoalDraft], history: list[float | None] | None = None) -> LintContext:
    return LintContext(
        as_of=date(2026, 1, 15),
        metrics=METRICS,
        scopes={ANN: ScopeFacts(ANN, "Ann", 10, "North", date(2020, 1, 1))},
        goals=goals,
        history_periods=("2025-Q4", "2025-Q3", "2025-Q2"),
        history={(ANN, "revenue_won"): history or []},
    )


def quarter_revenue(target: float = 100_000) -> GoalDraft:
    return GoalDraft(ANN, "revenue_won", "2026-Q1", target)


def calls(period: str) -> GoalDraft:
    return GoalDraft(ANN, "activities_call", period, 300)


def rules(draft: GoalDraft, context: LintContext) -> dict[str, str]:
    return {finding.rule: finding.message for finding in lint([draft], context)}


def test_monthly_activity_goals_inside_the_quarter_answer_outcome_only() -> None:
    assert "outcome_only" not in rules(quarter_revenue(), facts([calls("2026-02")]))


def test_an_activity_goal_of_a_month_outside_the_quarter_does_not() -> None:
    assert "outcome_only" in rules(quarter_revenue(), facts([calls("2026-04")]))


def test_the_message_counts_only_the_trailing_quarters_that_had_a_value() -> None:
    # Q2 had no value: the average 60k is over 2 quarters, and 50k is below it
    message = rules(quarter_revenue(50_000), facts([], [60_000, 60_000, None]))["too_easy"]
    assert "averages over the last 2 quarters (60,000)" in message


def test_one_quarter_with_a_value_reads_as_the_last_quarter() -> None:
    # best of one quarter 10k; 1.5 x 10k = 15k < 100k
    message = rules(quarter_revenue(), facts([], [10_000, None, None]))["unrealistic"]
    assert "best of the last quarter (10,000 in 2025-Q4)" in message


def lint_stored(db: Session, data: GoalInput) -> dict[str, dict]:
    findings = lint_drafts(db, [draft_for(data)], today=TODAY)
    return {finding.rule: finding.evidence for finding in findings}


def test_a_quarter_whose_first_deal_closed_on_its_second_working_day_is_history(
    db: Session, org: Org
) -> None:
    # The export's first deal closed on Wed 2025-07-02, Q3's 2nd working day: Q3 counts.
    # Q4 100k, Q3 20k: best 100k, 1.5 x 100k = 150k < 200k
    make_deal(
        db, org.ann, status="won", amount=20_000, created=date(2025, 7, 2), closed=date(2025, 7, 2)
    )
    make_deal(
        db,
        org.ann,
        status="won",
        amount=100_000,
        created=date(2025, 10, 6),
        closed=date(2025, 11, 3),
    )
    found = lint_stored(db, team_goal(org.max, 200_000))
    assert found["unrealistic"]["trailing"] == {"2025-Q4": 100_000, "2025-Q3": 20_000}


def test_a_quarter_whose_data_begins_in_its_second_week_is_not(db: Session, org: Org) -> None:
    make_deal(
        db, org.ann, status="won", amount=20_000, created=date(2025, 7, 8), closed=date(2025, 7, 8)
    )
    make_deal(
        db,
        org.ann,
        status="won",
        amount=100_000,
        created=date(2025, 10, 6),
        closed=date(2025, 11, 3),
    )
    found = lint_stored(db, team_goal(org.max, 200_000))
    assert found["unrealistic"]["trailing"] == {"2025-Q4": 100_000}


def test_stored_monthly_activity_goals_answer_a_quarters_outcome_only(
    db: Session, org: Org
) -> None:
    make_goal(db, org.ann, "2026-01", 300, metric="activities_call", kind="activity")
    assert "outcome_only" not in lint_stored(db, person_goal(org.ann))


def test_an_import_of_a_quarters_revenue_and_its_months_calls_has_no_outcome_only(
    db: Session, org: Org, tmp_path: Path
) -> None:
    path = tmp_path / "goals.csv"
    path.write_text(
        "scope,metric,period,target\n"
        "ann@example.com,revenue_won,2026-Q1,90000\n"
        "ann@example.com,activities_call,2026-01,100\n"
        "ann@example.com,activities_call,2026-02,100\n",
        encoding="utf-8",
    )
    report = run_import(db, "goals", path, file_name=str(path))
    assert report.added == 3
    assert not [w for w in report.warnings.to_list() if "outcome_only" in w["reason"]]


def test_quarters_before_anyones_first_activity_are_not_activity_history(
    db: Session, org: Org
) -> None:
    # The first activity on record is Ben's on 2025-10-02: only Q4 is history for calls.
    # Ann made 2 calls in Q4: 300 is beyond 1.5 x 2
    make_activity(db, org.ben, date(2025, 10, 2))
    make_activity(db, org.ann, date(2025, 11, 3))
    make_activity(db, org.ann, date(2025, 12, 1))
    found = lint_stored(db, person_goal(org.ann, 300, metric="activities_call"))
    assert found["unrealistic"]["trailing"] == {"2025-Q4": 2}
