"""The role-design recommendation, first match wins, with its reasons; and the what-if.

metrics.md: `leadership_only` (>= 8 direct reports, or stage established, or >= 3 overload
signals); `limit_personal_target` (4-7 direct reports, or stage growing, or any conflict);
otherwise `player_coach_ok`.
"""

import pytest

from pacesetter.domain.overload import ManagerFacts, SignalThresholds
from pacesetter.domain.role_design import (
    Recommendation,
    RoleDesignThresholds,
    WhatIf,
    recommend,
    what_if,
)

DEFAULTS = RoleDesignThresholds()
LEADERSHIP, LIMIT, OK = (
    Recommendation.LEADERSHIP_ONLY,
    Recommendation.LIMIT_PERSONAL_TARGET,
    Recommendation.PLAYER_COACH_OK,
)
THREE_OVERLOADS = ["lapsed_one_on_ones", "unclear_expectations", "single_closer_dependency"]
LIMIT_ADVICE = "keep the personal target at most 25% of the team's, on strategic accounts only"


@pytest.mark.parametrize(
    ("reports", "stage", "fired", "expected"),
    [
        (8, "small", [], LEADERSHIP),  # exactly 8 direct reports
        (7, "small", [], LIMIT),  # 4 to 7
        (4, "small", [], LIMIT),  # exactly 4
        (3, "small", [], OK),
        (0, "small", [], OK),  # a manager with nobody left to lead
        (3, "established", [], LEADERSHIP),
        (3, "growing", [], LIMIT),  # the default stage alone limits the personal target
        (3, "small", THREE_OVERLOADS, LEADERSHIP),  # exactly 3 overload signals
        (3, "small", THREE_OVERLOADS[:2], OK),  # 2 are not enough
        (3, "small", ["territory_conflict"], LIMIT),  # any conflict
        # conflicts are not overload signals: 2 overloads + 2 conflicts is still not 3
        (3, "small", [*THREE_OVERLOADS[:2], "top_account_share", "territory_conflict"], LIMIT),
        (8, "growing", ["territory_conflict"], LEADERSHIP),  # first match wins
    ],
)
def test_recommendation(reports: int, stage: str, fired: list[str], expected: str) -> None:
    assert recommend(reports, stage, fired, DEFAULTS).value == expected


def test_every_matching_reason_is_given() -> None:
    advice = recommend(9, "established", THREE_OVERLOADS, DEFAULTS)
    assert advice.reasons == [
        "9 direct reports (8 or more)",
        "the business stage is established",
        "3 overload signals (3 or more): "
        "lapsed_one_on_ones, unclear_expectations, single_closer_dependency",
    ]


def test_limiting_the_target_says_how_far() -> None:
    advice = recommend(5, "growing", ["top_account_share"], DEFAULTS)
    assert advice.reasons == [
        "5 direct reports (4 to 7)",
        "the business stage is growing",
        "conflict with the reps: top_account_share",
        LIMIT_ADVICE,
    ]


def test_player_coach_ok_says_why_nothing_else_matched() -> None:
    advice = recommend(2, "small", ["lapsed_one_on_ones"], DEFAULTS)
    assert advice.reasons == [
        "2 direct reports (fewer than 4)",
        "the business stage is small",
        "1 overload signal (fewer than 3): lapsed_one_on_ones",
        "no conflict with the reps",
    ]


def test_thresholds_come_from_the_settings_given() -> None:
    tight = RoleDesignThresholds(leadership_only_reports=6, limit_target_reports=2)
    assert recommend(6, "small", [], tight).value == LEADERSHIP
    assert recommend(2, "small", [], tight).value == LIMIT


# Milo: 3 direct reports, a small business, a personal target of 60% of the team's (does not
# fire with fewer than 4 reports) and 6 of the team's 10 top accounts.
MILO = ManagerFacts(
    3,
    personal_target=6000,
    team_target=10000,
    personal_target_share=0.6,
    top_accounts=10,
    top_accounts_owned=[{"external_id": f"A{i}"} for i in range(6)],
)
SIGNALS = SignalThresholds()


@pytest.mark.parametrize(
    ("change", "expected", "reason"),
    [
        # As is: 6 / 10 = 0.6 > 2 x 1/4 -> a conflict.
        (WhatIf(), LIMIT, "conflict with the reps: top_account_share"),
        # 2 reports: fair share 1/3, threshold 2/3 = 0.667 > 0.6: no conflict left.
        (WhatIf(direct_reports=2), OK, "2 direct reports (fewer than 4)"),
        (WhatIf(direct_reports=8), LEADERSHIP, "8 direct reports (8 or more)"),
        (WhatIf(stage="established"), LEADERSHIP, "the business stage is established"),
        # 5 reports: the 60% personal target now fires (an overload signal), the team size
        # limits the target.
        (WhatIf(direct_reports=5), LIMIT, "5 direct reports (4 to 7)"),
    ],
)
def test_what_if(change: WhatIf, expected: str, reason: str) -> None:
    advice = what_if(MILO, "small", change, SIGNALS, DEFAULTS)
    assert advice.value == expected
    assert reason in advice.reasons


def test_what_if_the_personal_target_were_a_smaller_share() -> None:
    # 5 reports, two other overload signals: with 60% the personal target makes it 3.
    tired = ManagerFacts(
        5,
        personal_target_share=0.6,
        team_target=10000,
        kpis={"one_on_one_cadence": 0.5, "improvement_plan_rate": 0.5},
    )
    assert what_if(tired, "small", WhatIf(), SIGNALS, DEFAULTS).value == LEADERSHIP
    smaller = what_if(tired, "small", WhatIf(personal_target_share=0.25), SIGNALS, DEFAULTS)
    assert smaller.value == LIMIT
