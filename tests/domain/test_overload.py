"""Each overload signal's rule, by hand (metrics.md "Player-coach and overload signals").

Ties sit at every threshold: "fires when > 0.5" does not fire at exactly 0.5, "< 0.7" does not
fire at exactly 0.7. A null value never fires.
"""

from datetime import date
from typing import Any

import pytest

from pacesetter.domain.overload import (
    SIGNALS,
    ManagerFacts,
    MemberRevenue,
    SignalThresholds,
    TeamMeetings,
    fired_signals,
    meeting_gaps,
    missed_months,
    personal_revenue_share,
    selling_time_share,
    signal_changes,
    top_account_share,
    top_accounts,
)
from pacesetter.domain.periods import parse_period

DEFAULTS = SignalThresholds()
MILO = {"external_id": "P1", "email": "milo@example.com", "name": "Milo"}
ROSA = {"external_id": "P2", "email": "rosa@example.com", "name": "Rosa"}
RAJ = {"external_id": "P3", "email": "raj@example.com", "name": "Raj"}
Q1_TO_2_MARCH = (date(2026, 1, 1), date(2026, 3, 2))


def _evidence(facts: ManagerFacts, name: str) -> dict[str, Any] | None:
    """The evidence of signal `name` if it fired, else None."""
    found = {signal.name: signal.evidence for signal in fired_signals(facts, DEFAULTS)}
    return found.get(name)


def _accounts(owned: int) -> list[dict[str, Any]]:
    return [
        {"external_id": f"A{i}", "name": f"Account {i}", "revenue_won": 1.0} for i in range(owned)
    ]


@pytest.mark.parametrize(
    ("share", "reports", "fires"),
    [
        (0.6, 4, True),  # above half, 4 direct reports
        (0.5, 4, False),  # exactly half: "> 0.5" does not fire
        (0.6, 3, False),  # fewer than 4 direct reports
        (0.51, 8, True),
        (None, 10, False),  # no personal or team target: not known, does not fire
    ],
)
def test_personal_target_share(share: float | None, reports: int, fires: bool) -> None:
    facts = ManagerFacts(reports, personal_target_share=share)
    assert (_evidence(facts, "personal_target_share") is not None) is fires


def test_personal_target_share_evidence_names_both_targets() -> None:
    facts = ManagerFacts(5, personal_target=6000, team_target=10000, personal_target_share=0.6)
    assert _evidence(facts, "personal_target_share") == {
        "share": 0.6,
        "personal_target": 6000,
        "team_target": 10000,
        "direct_reports": 5,
        "threshold": 0.5,
        "min_direct_reports": 4,
    }


@pytest.mark.parametrize(
    ("top", "owned", "reports", "share", "fires"),
    [
        # 3 reports: fair share 1 / 4 = 0.25, fires above 2 x 0.25 = 0.5
        (10, 5, 3, 0.5, False),  # exactly 0.5
        (10, 6, 3, 0.6, True),
        # 9 reports: fair share 0.1, fires above 0.2; 3 of 10 = 0.3
        (10, 3, 9, 0.3, True),
        (10, 2, 9, 0.2, False),
        # no direct report: fair share 1, threshold 2, never reached
        (1, 1, 0, 1.0, False),
        # no account with won revenue: share null
        (0, 0, 3, None, False),
    ],
)
def test_top_account_share(
    top: int, owned: int, reports: int, share: float | None, fires: bool
) -> None:
    facts = ManagerFacts(reports, top_accounts=top, top_accounts_owned=_accounts(owned))
    assert top_account_share(facts) == share
    assert (_evidence(facts, "top_account_share") is not None) is fires


def test_top_account_share_evidence_lists_the_managers_accounts() -> None:
    facts = ManagerFacts(3, top_accounts=4, top_accounts_owned=_accounts(3))
    assert _evidence(facts, "top_account_share") == {
        "share": 0.75,
        "fair_share": 0.25,
        "threshold": 0.5,
        "direct_reports": 3,
        "top_accounts": 4,
        "owned_accounts": _accounts(3),
    }


def test_territory_conflict_fires_with_the_deals_involved() -> None:
    deal = {"external_id": "D1", "amount": 5000.0, "account": {"external_id": "A1"}, "reps": [ROSA]}
    assert _evidence(ManagerFacts(3, territory_deals=[deal]), "territory_conflict") == {
        "deals": [deal]
    }
    assert _evidence(ManagerFacts(3), "territory_conflict") is None


@pytest.mark.parametrize(
    ("activities", "coaching", "share", "fires"),
    [
        (5, 5, 0.5, False),  # exactly half
        (6, 4, 0.6, True),
        (3, 0, 1.0, True),  # selling only
        (0, 3, 0.0, False),  # coaching only
        (0, 0, None, False),  # nothing at all: null
    ],
)
def test_selling_time_share(
    activities: int, coaching: int, share: float | None, fires: bool
) -> None:
    facts = ManagerFacts(3, own_activities=activities, coaching_records=coaching)
    assert selling_time_share(facts) == share
    assert (_evidence(facts, "selling_time_share") is not None) is fires


@pytest.mark.parametrize(
    ("signal", "kpi", "value", "fires"),
    [
        ("lapsed_one_on_ones", "one_on_one_cadence", 0.69, True),
        ("lapsed_one_on_ones", "one_on_one_cadence", 0.7, False),  # "< 0.7" is not met by 0.7
        ("lapsed_one_on_ones", "one_on_one_cadence", None, False),  # nothing due yet
        ("avoided_performance_talks", "improvement_plan_rate", 0.5, True),
        ("avoided_performance_talks", "improvement_plan_rate", 1.0, False),
        ("avoided_performance_talks", "improvement_plan_rate", None, False),  # nobody off track
    ],
)
def test_kpi_signals(signal: str, kpi: str, value: float | None, fires: bool) -> None:
    evidence = _evidence(ManagerFacts(3, kpis={kpi: value}), signal)
    assert (evidence is not None) is fires
    if evidence:
        assert (evidence[kpi], evidence["threshold"]) == (value, getattr(DEFAULTS, kpi))


def test_lapsed_one_on_ones_lists_the_months_each_report_missed() -> None:
    missed = [{**ROSA, "months": ["2026-01", "2026-02"]}]
    facts = ManagerFacts(3, kpis={"one_on_one_cadence": 0.5}, missed_one_on_ones=missed)
    assert _evidence(facts, "lapsed_one_on_ones") == {
        "one_on_one_cadence": 0.5,
        "threshold": 0.7,
        "missed": missed,
    }


Q1 = parse_period("2026-Q1")
JAN, FEB, MAR = (date(2026, month, 1) for month in (1, 2, 3))


@pytest.mark.parametrize(
    ("employed", "held", "as_of", "missed"),
    [
        ((None, None), set(), date(2026, 3, 2), ["2026-01", "2026-02"]),  # March has not ended
        ((None, None), {JAN}, date(2026, 3, 2), ["2026-02"]),
        ((None, None), {FEB}, date(2026, 2, 27), ["2026-01"]),  # February not ended on the 27th
        ((None, None), set(), date(2026, 2, 28), ["2026-01", "2026-02"]),  # ...on the 28th it has
        ((None, None), {MAR}, date(2026, 3, 31), ["2026-01", "2026-02"]),
        ((None, date(2026, 1, 31)), set(), date(2026, 3, 2), ["2026-01"]),  # left in January
        ((date(2026, 2, 27), None), set(), date(2026, 3, 2), ["2026-02"]),  # joined late February
        ((date(2026, 3, 10), None), set(), date(2026, 3, 31), ["2026-03"]),
    ],
)
def test_missed_one_on_one_months(
    employed: tuple[date | None, date | None], held: set[date], as_of: date, missed: list[str]
) -> None:
    assert missed_months(employed, Q1.months(), held, as_of) == missed


@pytest.mark.parametrize(
    ("now", "before", "fires"),
    [
        (0.7, 0.6, True),  # both periods below 0.8
        (0.79, 0.79, True),
        (0.8, 0.5, False),  # exactly 0.8 now
        (0.5, 0.8, False),  # exactly 0.8 before: one bad period is not a pattern
        (0.5, None, False),  # no forecast (or not yet known) before
        (None, 0.5, False),  # the period has not ended yet
    ],
)
def test_unreliable_forecast_needs_two_periods_in_a_row(
    now: float | None, before: float | None, fires: bool
) -> None:
    facts = ManagerFacts(3, kpis={"forecast_accuracy": now}, previous_forecast_accuracy=before)
    assert (_evidence(facts, "unreliable_forecast") is not None) is fires


@pytest.mark.parametrize(
    ("before", "dates", "gaps"),
    [
        # every 14 days from 30 Dec: 14, 14, 14, 14, then 6 to 2 Mar; 14 is not > 2 x 7
        (
            date(2025, 12, 30),
            [date(2026, 1, 13), date(2026, 1, 27), date(2026, 2, 10), date(2026, 2, 24)],
            [],
        ),
        # never held one: from the window's start to its end, 60 days
        (None, [], [("2026-01-01", "2026-03-02", 60)]),
        # the last one before the window counts: 20 Dec to 5 Jan is 16 days
        (
            date(2025, 12, 20),
            [
                date(2026, 1, 5),
                date(2026, 1, 19),
                date(2026, 2, 2),
                date(2026, 2, 16),
                date(2026, 3, 1),
            ],
            [("2025-12-20", "2026-01-05", 16)],
        ),
        # the window's end counts: 15 Feb to 2 Mar is 15 days
        (
            None,
            [
                date(2026, 1, 1),
                date(2026, 1, 15),
                date(2026, 1, 29),
                date(2026, 2, 12),
                date(2026, 2, 15),
            ],
            [("2026-02-15", "2026-03-02", 15)],
        ),
        # a meeting on the window's first day is also the last one on or before it: a gap of 0
        (
            date(2026, 1, 1),
            [
                date(2026, 1, 1),
                date(2026, 1, 15),
                date(2026, 1, 29),
                date(2026, 2, 12),
                date(2026, 2, 26),
            ],
            [],
        ),
    ],
)
def test_team_meeting_gaps(
    before: date | None, dates: list[date], gaps: list[tuple[str, str, int]]
) -> None:
    meetings = TeamMeetings(Q1_TO_2_MARCH, dates, before)
    found = meeting_gaps(meetings, 2 * 7)
    assert [(gap["from"], gap["to"], gap["days"]) for gap in found] == gaps


def test_irregular_team_meetings_evidence() -> None:
    meetings = TeamMeetings(Q1_TO_2_MARCH, [date(2026, 2, 20)], date(2025, 12, 31))
    assert _evidence(ManagerFacts(3, meetings=meetings), "irregular_team_meetings") == {
        "cadence_days": 7,
        "limit_days": 14.0,
        "gaps": [
            {"from": "2025-12-31", "to": "2026-02-20", "days": 51},
        ],
        "meetings": ["2026-02-20"],
        "last_before_window": "2025-12-31",
    }


def test_irregular_team_meetings_waits_for_the_period() -> None:
    assert _evidence(ManagerFacts(3, meetings=None), "irregular_team_meetings") is None


def test_reps_without_goals_and_new_hires_without_a_one_on_one_are_listed() -> None:
    hire = {**RAJ, "start_date": "2026-02-01", "days_in_role": 29}
    facts = ManagerFacts(3, reps_without_goals=[ROSA], new_hires_without_one_on_one=[hire])
    assert _evidence(facts, "unclear_expectations") == {"people": [ROSA]}
    assert _evidence(facts, "new_hires_unsupported") == {
        "people": [hire],
        "new_hire_days": 90,
        "one_on_one_days": 30,
    }
    assert _evidence(ManagerFacts(3), "unclear_expectations") is None
    assert _evidence(ManagerFacts(3), "new_hires_unsupported") is None


@pytest.mark.parametrize(
    ("revenue", "closers"),
    [
        ((40, 30, 30), []),  # 40 of 100 is exactly 0.4
        ((50, 30, 20), [("P1", 0.5)]),  # the manager counts as a team member
        ((10, 45, 45), [("P2", 0.45), ("P3", 0.45)]),  # two closers over 40% each
        ((0, 0, 0), []),  # no team revenue: nobody's share
    ],
)
def test_single_closer_dependency(
    revenue: tuple[float, ...], closers: list[tuple[str, float]]
) -> None:
    rows = [
        MemberRevenue(person, amount, person is MILO)
        for person, amount in zip((MILO, ROSA, RAJ), revenue, strict=True)
    ]
    evidence = _evidence(ManagerFacts(2, member_revenue=rows), "single_closer_dependency")
    found = [(c["external_id"], c["share"]) for c in evidence["closers"]] if evidence else []
    assert found == closers


def test_personal_revenue_share_is_the_managers_own_over_the_teams() -> None:
    rows = [MemberRevenue(MILO, 1000, True), MemberRevenue(ROSA, 3000)]
    assert personal_revenue_share(ManagerFacts(1, member_revenue=rows)) == 0.25
    assert personal_revenue_share(ManagerFacts(1)) is None  # the team won nothing


def test_fired_signals_come_in_metrics_md_order() -> None:
    facts = ManagerFacts(
        5,
        personal_target_share=0.9,
        reps_without_goals=[ROSA],
        kpis={"one_on_one_cadence": 0.5, "improvement_plan_rate": 0.0},
        own_activities=9,
        coaching_records=1,
    )
    names = [signal.name for signal in fired_signals(facts, DEFAULTS)]
    assert names == [
        "personal_target_share",
        "selling_time_share",
        "lapsed_one_on_ones",
        "unclear_expectations",
        "avoided_performance_talks",
    ]
    assert names == [name for name in SIGNALS if name in names]


def test_thresholds_come_from_the_settings_given() -> None:
    facts = ManagerFacts(2, personal_target_share=0.3)
    strict = SignalThresholds(personal_target_share=0.25, personal_target_min_reports=2)
    assert [s.name for s in fired_signals(facts, strict)] == ["personal_target_share"]


@pytest.mark.parametrize(
    ("revenue", "top"),
    [
        ({"A1": 100.0}, ["A1"]),
        # 11 accounts: 10% of 11 is 1.1, rounded up to 2
        ({f"A{n:02d}": 100.0 * n for n in range(1, 12)}, ["A11", "A10"]),
        # 30 accounts: 0.1 x 30 is 3.0000000000000004 in binary, still 3
        ({f"A{n:02d}": float(n) for n in range(1, 31)}, ["A30", "A29", "A28"]),
        # a tie at the cut goes to the lower external id
        ({"B": 500.0, "A": 500.0, "C": 100.0}, ["A"]),
        # accounts without won revenue are not ranked
        ({"A": 0.0, "B": 0.0}, []),
    ],
)
def test_top_accounts_rank_by_revenue_and_round_up(
    revenue: dict[str, float], top: list[str]
) -> None:
    assert top_accounts(revenue, 0.1) == top


def test_signal_changes_since_the_previous_period() -> None:
    now = ["unclear_expectations", "lapsed_one_on_ones"]
    before = ["single_closer_dependency", "lapsed_one_on_ones"]
    assert signal_changes(now, before) == {
        "lapsed_one_on_ones": "persisting",
        "unclear_expectations": "new",
        "single_closer_dependency": "cleared",
    }
    assert list(signal_changes(now, before)) == [  # metrics.md's order
        "lapsed_one_on_ones",
        "unclear_expectations",
        "single_closer_dependency",
    ]
    assert signal_changes([], []) == {}
