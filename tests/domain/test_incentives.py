"""Reward rules against hand-worked tables (docs/incentives.md).

The bonus plan of these tables: target bonus 5,000; tiers 90% -> 0.5, 95% -> 0.75; bands
100%-120% at rate 2 and 120%+ at rate 3; cap 1.9 x. So at 110%: 1 + 0.10 x 2 = 1.2 -> 6,000.
"""

from datetime import date
from decimal import Decimal as D

import pytest

from pacesetter.domain.errors import Invalid
from pacesetter.domain.incentive_terms import terms_of
from pacesetter.domain.incentives import (
    BonusTerms,
    SpiffTerms,
    TeamTerms,
    Version,
    WonDeal,
    bonus_payout,
    spiff_awards,
    spiff_payout,
    split_pool,
    team_split,
    version_for,
)
from pacesetter.domain.suggest import seed_from_review

PLAN = {
    "target_bonus": "5000",
    "tiers": [{"floor": "0.9", "share": "0.5"}, {"floor": "0.95", "share": "0.75"}],
    "bands": [{"start": "1", "rate": "2"}, {"start": "1.2", "rate": "3"}],
    "cap": "1.9",
}


def bonus() -> BonusTerms:
    terms = terms_of("bonus", PLAN)
    assert isinstance(terms, BonusTerms)
    return terms


@pytest.mark.parametrize(
    ("attainment", "expected"),
    [
        ("0", "0.00"),  # below every tier
        ("0.8999", "0.00"),  # just below the first tier
        ("0.9", "2500.00"),  # 0.5 x 5000
        ("0.9499", "2500.00"),
        ("0.95", "3750.00"),  # 0.75 x 5000
        ("0.9999", "3750.00"),  # 99.99%: still the 95% tier
        ("1", "5000.00"),  # 100%: the target bonus
        ("1.0001", "5001.00"),  # 100.01%: 1 + 0.0001 x 2 = 1.0002 -> 5001
        ("1.1", "6000.00"),  # 1 + 0.1 x 2 = 1.2
        ("1.2", "7000.00"),  # band edge: 1 + 0.2 x 2 = 1.4
        ("1.2001", "7001.50"),  # 1.4 + 0.0001 x 3 = 1.4003 -> 7001.50
        ("1.3", "8500.00"),  # 1.4 + 0.1 x 3 = 1.7
        ("1.3666", "9499.00"),  # 1.4 + 0.1666 x 3 = 1.8998 -> 9499
        ("1.3667", "9500.00"),  # 1.4 + 0.1667 x 3 = 1.9001 -> capped at 1.9 -> 9500
        ("2.5", "9500.00"),  # far above: the cap
    ],
)
def test_bonus_pays_the_hand_worked_table_at_every_band_edge(
    attainment: str, expected: str
) -> None:
    assert bonus_payout(bonus(), D(attainment)).amount == D(expected)


def test_bonus_working_names_the_bands_and_the_cap() -> None:
    working = bonus_payout(bonus(), D("1.5")).working
    assert working[0] == "150% reaches 100%: 1 x the target bonus"
    assert working[1] == "band 100%-120%: 20% x rate 2"
    assert working[2] == "band 120%+: 30% x rate 3"
    assert working[3] == "capped at 1.9 x the target bonus"
    assert working[-1] == "1.9 x target bonus 5,000.00 = 9,500.00"


def test_bonus_without_an_attainment_pays_nothing() -> None:
    assert bonus_payout(bonus(), None).amount == D(0)


def test_bonus_without_bands_pays_the_target_bonus_at_and_above_100_percent() -> None:
    flat = BonusTerms(D("1000"))
    assert [bonus_payout(flat, D(a)).amount for a in ("0.9999", "1", "1.5")] == [0, 1000, 1000]


def deal(
    deal_id: int,
    owner: int,
    amount: str,
    day: int,
    name: str = "Acme - Platform",
    segment: str | None = "enterprise",
) -> WonDeal:
    return WonDeal(deal_id, owner, D(amount), date(2026, 3, day), name, segment)


def test_spiff_first_n_deals_over_an_amount_in_the_window_is_a_race_by_close_date() -> None:
    terms = SpiffTerms(
        D("250"), date(2026, 3, 2), date(2026, 3, 20), first_n=2, min_amount=D("10000")
    )
    deals = [
        deal(1, 10, "12000", 1),  # before the window
        deal(2, 11, "10000", 3),  # not above 10,000
        deal(3, 11, "15000", 9),  # second
        deal(4, 10, "11000", 5),  # first
        deal(5, 10, "20000", 12),  # third: too late in the race
        deal(6, 11, "50000", 21),  # after the window
    ]
    assert [d.deal_id for d in spiff_awards(terms, deals)] == [4, 3]
    assert spiff_payout(terms, [deals[3]]).amount == D("250.00")


def test_spiff_on_each_deal_of_a_product_or_segment() -> None:
    by_product = SpiffTerms(D("100"), date(2026, 3, 1), date(2026, 3, 31), product="platform")
    by_segment = SpiffTerms(D("100"), date(2026, 3, 1), date(2026, 3, 31), segment="SMB")
    deals = [
        deal(1, 1, "5", 2),
        deal(2, 1, "5", 3, "Acme - Services", "smb"),
        deal(3, 1, "5", 4, "Beta platform", None),
    ]
    assert [d.deal_id for d in spiff_awards(by_product, deals)] == [1, 3]
    assert [d.deal_id for d in spiff_awards(by_segment, deals)] == [2]
    assert spiff_payout(by_product, spiff_awards(by_product, deals)).amount == D("200.00")


def test_team_pool_split_by_contribution_adds_up_to_the_pool_to_the_cent() -> None:
    terms = TeamTerms(BonusTerms(D("10000")), "contribution")
    # Team at 100%: pool 10,000. Revenue 1 : 1 : 1 -> 3,333.33 each and one cent over.
    pool, parts = team_split(terms, D("1"), {7: D("300"), 8: D("300"), 9: D("300")})
    assert pool.amount == D("10000.00")
    assert parts == {7: D("3333.34"), 8: D("3333.33"), 9: D("3333.33")}
    # Revenue 60,000 : 30,000 : 10,000 -> 6,000 / 3,000 / 1,000.
    _, parts = team_split(terms, D("1"), {1: D("60000"), 2: D("30000"), 3: D("10000")})
    assert parts == {1: D("6000.00"), 2: D("3000.00"), 3: D("1000.00")}


def test_team_pool_split_evenly_or_when_nobody_won_anything() -> None:
    even = TeamTerms(BonusTerms(D("900")), "even")
    assert team_split(even, D("1"), {1: D("800"), 2: D("100")})[1] == {
        1: D("450.00"),
        2: D("450.00"),
    }
    assert split_pool(D("100"), {1: D(0), 2: D(0)}) == {1: D("50.00"), 2: D("50.00")}
    below = TeamTerms(BonusTerms(D("900")), "contribution")
    assert team_split(below, D("0.9999"), {1: D("1")})[1] == {1: D("0.00")}


def test_the_version_in_effect_on_a_period_first_day_pays_the_whole_period() -> None:
    # Changed mid-year: the old terms until 30 June, the new from 1 July.
    old = Version(1, date(2026, 1, 1), date(2026, 6, 30), {"target_bonus": "5000"})
    new = Version(2, date(2026, 7, 1), None, {"target_bonus": "8000"})
    assert version_for([old, new], date(2026, 4, 1)) == old  # Q2 under the old terms
    assert version_for([old, new], date(2026, 7, 1)) == new  # Q3 under the new
    assert version_for([old, new], date(2025, 10, 1)) is None  # before the rule existed


@pytest.mark.parametrize(
    ("kind", "params", "message"),
    [
        ("bonus", {}, "target_bonus is missing"),
        ("bonus", {"target_bonus": "-1"}, "at least 0"),
        ("bonus", {"target_bonus": "1", "tiers": [{"floor": "1", "share": "0.5"}]}, "below 1"),
        ("bonus", {"target_bonus": "1", "cap": "0.5"}, "cap is at least 1"),
        ("bonus", {"target_bonus": "nan"}, "finite"),
        ("team", {"pool": "1", "split": "random"}, "contribution or even"),
        (
            "spiff",
            {"per_deal": "1", "window_start": "2026-02-01", "window_end": "2026-01-01"},
            "window",
        ),
        (
            "spiff",
            {
                "per_deal": "1",
                "window_start": "2026-01-01",
                "window_end": "2026-01-31",
                "first_n": "0",
            },
            "first_n",
        ),
        ("prize", {}, "one of bonus, spiff, team"),
    ],
)
def test_bad_terms_are_refused_saying_what_is_allowed(
    kind: str, params: dict, message: str
) -> None:
    with pytest.raises(Invalid, match=message):
        terms_of(kind, params)


@pytest.mark.parametrize(
    ("target", "actual", "seed"),
    [
        (250_000, 269_990, 269_990),
        (250_000, 200_000, 250_000),
        (None, 90_000, 90_000),
        (None, None, None),
    ],
)
def test_the_review_seeds_the_higher_of_target_and_actual(
    target: float | None, actual: float | None, seed: float | None
) -> None:
    assert seed_from_review(target, actual) == seed
