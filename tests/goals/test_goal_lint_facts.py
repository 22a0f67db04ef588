"""The lint over stored data: history through the metrics layer, peers, and data arrival.

Ann, Ben (reps) and Max (player-coach) form Max's team; see goal_helpers for the organisation.
A 2026-Q1 goal is weighed against 2025-Q4, 2025-Q3 and 2025-Q2.
"""

from datetime import date

import pytest
from goal_helpers import TODAY, Org, person_goal, team_goal, won
from sqlalchemy.orm import Session

from factories import make_activity, make_coaching, make_deal, make_goal, make_person
from pacesetter.goals.linting import lint_drafts
from pacesetter.goals.service import GoalInput, draft_for
from pacesetter.store.models import Deal


@pytest.fixture(autouse=True)
def deals_on_record_since_2024(db: Session, org: Org) -> None:
    """The CRM export starts in 2024: every trailing quarter below is covered by the data."""
    make_deal(db, org.zed, status="lost", created=date(2024, 11, 4), closed=date(2024, 12, 2))


def rules(db: Session, data: GoalInput) -> dict[str, dict]:
    findings = lint_drafts(db, [draft_for(data)], today=TODAY)
    return {finding.rule: finding.evidence for finding in findings}


def test_a_target_beyond_one_and_a_half_times_the_best_quarter_is_unrealistic(
    db: Session, org: Org
) -> None:
    # Ann won 60k in Q4, 80k in Q3 (two deals of 40k), 40k in Q2: best 80k, limit 120k
    won(db, org.ann, 60_000, date(2025, 11, 3))
    won(db, org.ann, 40_000, date(2025, 8, 1))
    won(db, org.ann, 40_000, date(2025, 9, 30))
    won(db, org.ann, 40_000, date(2025, 5, 5))
    found = rules(db, person_goal(org.ann, 150_000))
    assert found["unrealistic"]["trailing"] == {
        "2025-Q4": 60_000,
        "2025-Q3": 80_000,
        "2025-Q2": 40_000,
    }
    assert found["unrealistic"]["limit"] == 120_000
    assert "unrealistic" not in rules(db, person_goal(org.ann, 120_000))


def test_a_target_under_the_trailing_average_is_too_easy(db: Session, org: Org) -> None:
    # 30k in each quarter: average 30k
    for closed in (date(2025, 11, 3), date(2025, 8, 4), date(2025, 5, 5)):
        won(db, org.ann, 30_000, closed)
    assert "too_easy" in rules(db, person_goal(org.ann, 25_000))
    assert "too_easy" not in rules(db, person_goal(org.ann, 30_000))


def test_a_new_hire_is_weighed_against_peers_not_their_part_quarter(db: Session, org: Org) -> None:
    # Cy started on 2025-12-01: Q4 is not a whole quarter of his, so he has no history.
    # Ben's best quarter is 100k: limit 150k.
    cy = make_person(db, "Cy", manager=org.max, start_date=date(2025, 12, 1))
    won(db, org.ben, 100_000, date(2025, 10, 15))
    assert "unrealistic" not in rules(db, person_goal(cy, 150_000))
    found = rules(db, person_goal(cy, 160_000))
    assert found["unrealistic"]["trailing"] == {}
    assert found["unrealistic"]["peer_best"] == {"2025-Q4 (Ben)": 100_000}


def test_a_team_goal_is_weighed_against_the_teams_history(db: Session, org: Org) -> None:
    # Max's team (Max, Ann, Ben) won 100k + 50k + 50k = 200k in Q4 and nothing before
    won(db, org.ann, 100_000, date(2025, 12, 1))
    won(db, org.ben, 50_000, date(2025, 12, 2))
    won(db, org.max, 50_000, date(2025, 12, 3))
    found = rules(db, team_goal(org.max, 350_000))
    assert found["unrealistic"]["trailing"]["2025-Q4"] == 200_000
    assert "unrealistic" not in rules(db, team_goal(org.max, 300_000))


def test_the_same_target_as_a_peer_with_double_the_results_is_one_size_fits_all(
    db: Session, org: Org
) -> None:
    # Ann averages 60k over the three quarters, Ben 120k; Ben already has a 100k goal
    for closed in (date(2025, 11, 3), date(2025, 8, 4), date(2025, 5, 5)):
        won(db, org.ann, 60_000, closed)
        won(db, org.ben, 120_000, closed)
    make_goal(db, org.ben, "2026-Q1", 100_000)
    found = rules(db, person_goal(org.ann, 100_000))
    assert found["one_size_fits_all"]["same_target_as"] == [
        {"scope": "Ben", "difference": "averages 120,000 vs 60,000 over the last 3 quarters"}
    ]


def test_calls_that_stopped_arriving_flag_a_call_goal(db: Session, org: Org) -> None:
    # as of 2026-01-12 the 30-day window starts 2025-12-13; Ann's last call was 2025-12-12
    make_activity(db, org.ann, date(2025, 12, 12), type="call")
    make_activity(db, org.ann, date(2026, 1, 9), type="email")
    found = rules(db, person_goal(org.ann, 300, metric="activities_call"))
    assert found["data_no_longer_flows"]["last_data_on"] == "2025-12-12"
    make_activity(db, org.ann, date(2025, 12, 13), type="call")
    assert "data_no_longer_flows" not in rules(
        db, person_goal(org.ann, 300, metric="activities_call")
    )


def test_a_team_goal_sees_data_arriving_from_any_member(db: Session, org: Org) -> None:
    make_deal(db, org.ben, created=date(2026, 1, 5), closed=date(2026, 3, 1))
    assert "data_no_longer_flows" not in rules(db, team_goal(org.max))
    assert "data_no_longer_flows" in rules(db, person_goal(org.ann))


def test_a_deal_closed_after_the_as_of_date_counts_by_its_creation_only(
    db: Session, org: Org
) -> None:
    # created 2025-10-01 (before the 60-day window from 2025-11-13), closes after today
    make_deal(db, org.ann, status="won", created=date(2025, 10, 1), closed=date(2026, 2, 1))
    assert rules(db, person_goal(org.ann))["data_no_longer_flows"]["last_data_on"] == "2025-10-01"


def test_a_ride_along_goal_reads_the_managers_coaching_records(db: Session, org: Org) -> None:
    make_coaching(db, org.max, "shadowing", date(2026, 1, 5), person=org.ann)
    assert "data_no_longer_flows" not in rules(db, person_goal(org.max, 8, metric="ride_alongs"))
    assert "data_no_longer_flows" in rules(db, person_goal(org.max, 8, metric="debriefs"))


def test_quarters_before_the_data_begins_are_not_history(db: Session, org: Org) -> None:
    # Max's team's export only begins with a deal closed on 2025-08-15: Q2 and Q3 2025 were
    # not loaded, so only Q4 (100k) is history and 200k is beyond 1.5 x 100k
    db.query(Deal).delete()
    won(db, org.ben, 10_000, date(2025, 8, 15))
    won(db, org.ann, 100_000, date(2025, 11, 3))
    found = rules(db, team_goal(org.max, 200_000))
    assert found["unrealistic"]["trailing"] == {"2025-Q4": 100_000}
