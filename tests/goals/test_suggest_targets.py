"""Suggested targets: hand-worked spreads, the ramp, exact sums, and a property over any input."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pacesetter.domain.errors import Invalid
from pacesetter.domain.periods import parse_period
from pacesetter.domain.suggest import (
    Member,
    Ramp,
    Trailing,
    apportion,
    auto_unit,
    suggest_targets,
    tenure_month,
)

Q1 = parse_period("2026-Q1")
PAST = [parse_period(name) for name in ("2025-Q4", "2025-Q3", "2025-Q2")]
VETERAN = date(2020, 1, 1)


def member(
    person_id: int,
    values: tuple[float | None, ...],
    *,
    start: date | None = VETERAN,
    personal: bool = False,
) -> Member:
    trailing = tuple(Trailing(p.name, p.start, v) for p, v in zip(PAST, values, strict=False))
    return Member(person_id, f"P{person_id}", start, trailing, personal)


def amounts(members: list[Member], team: str, pct: str = "0") -> list[Decimal]:
    suggestion = suggest_targets(members, Q1, Decimal(team), over_assign_pct=Decimal(pct))
    return [part.amount for part in suggestion.parts]


def test_a_team_target_is_spread_by_trailing_averages() -> None:
    # averages 120k, 60k, 20k -> weights 6 : 3 : 1 of 300k = 180k, 90k, 30k
    members = [member(1, (120e3,) * 3), member(2, (60e3,) * 3), member(3, (20e3,) * 3)]
    assert amounts(members, "300000") == [180_000, 90_000, 30_000]


def test_over_assignment_raises_the_sum_to_team_times_one_plus_pct() -> None:
    # 300k x 1.10 = 330k, split 6 : 3 : 1 -> 198k, 99k, 33k
    members = [member(1, (120e3,) * 3), member(2, (60e3,) * 3), member(3, (20e3,) * 3)]
    parts = amounts(members, "300000", pct="10")
    assert parts == [198_000, 99_000, 33_000]
    assert sum(parts) == Decimal(330_000)


def test_parts_are_rounded_to_whole_hundreds_and_still_add_up() -> None:
    # 100k over weights 1 : 1 : 1 = 33,333.33 each; unit 100 (per part 33k has 5 digits);
    # 333 units each + 1 unit to the first largest remainder: 33,400 + 33,300 + 33,300
    members = [member(i, (50e3,) * 3) for i in (1, 2, 3)]
    parts = amounts(members, "100000")
    assert parts == [33_400, 33_300, 33_300]
    assert sum(parts) == 100_000


def test_what_lies_below_one_unit_goes_to_the_heaviest_part() -> None:
    # 1,000.50 in units of 10 over 3 : 1 -> 100 whole units -> 75 and 25 units, + 0.50
    assert apportion(Decimal("1000.50"), [3.0, 1.0], Decimal(10)) == [
        Decimal("750.50"),
        Decimal("250"),
    ]


@pytest.mark.parametrize(
    ("total", "count", "unit"),
    [("1000000", 5, 1000), ("90000", 2, 100), ("1200", 1, 10), ("300", 3, 1), ("0.5", 2, 1)],
)
def test_the_rounding_unit_keeps_about_three_significant_figures(
    total: str, count: int, unit: int
) -> None:
    assert auto_unit(Decimal(total), count) == unit


def test_the_ramp_gives_25_50_75_then_100_percent() -> None:
    ramp = Ramp()
    assert [ramp.factor(m) for m in (0, 1, 2, 3, 4, 12)] == [0, 0.25, 0.5, 0.75, 1, 1]


def test_the_start_month_is_tenure_month_one() -> None:
    assert tenure_month(date(2026, 2, 20), parse_period("2026-02")) == 1
    assert tenure_month(date(2025, 11, 3), parse_period("2026-01")) == 3


def test_a_new_hire_takes_the_team_benchmark_times_the_ramp() -> None:
    # Veterans average 100k and 100k: benchmark 100k. The new hire starts 2026-01-10:
    # Jan/Feb/Mar are months 1/2/3 -> (25 + 50 + 75) / 3 = 50% capacity -> weight 50k.
    # 250k over 100 : 100 : 50 -> 100k, 100k, 50k.
    new_hire = member(3, (None, None, None), start=date(2026, 1, 10))
    suggestion = suggest_targets(
        [member(1, (100e3,) * 3), member(2, (100e3,) * 3), new_hire], Q1, Decimal(250_000)
    )
    assert [p.amount for p in suggestion.parts] == [100_000, 100_000, 50_000]
    assert suggestion.parts[2].reason == (
        "no fully ramped history yet: team benchmark 100k → 20% of the team target; "
        "ramp months 1, 2, 3 → 50% of a full period"
    )


def test_quarters_inside_the_ramp_do_not_count_as_history() -> None:
    # Started 2025-08-01, fully ramped from 2025-11-01: no trailing quarter starts after it,
    # so the benchmark (90k) is used, not the 10k earned while ramping. In Q1 2026 the tenure
    # months are 6, 7, 8: full capacity. Weights 90 : 90 -> 50/50 of 180k.
    ramping = member(2, (10e3, None, None), start=date(2025, 8, 1))
    assert amounts([member(1, (90e3,) * 3), ramping], "180000") == [90_000, 90_000]


def test_the_player_coach_part_is_marked_and_shown_as_a_share_of_the_team() -> None:
    # rep 150k, manager 50k: 3 : 1 of 200k -> 150k and 50k; the personal share is 25%
    coach = member(9, (50e3,) * 3, personal=True)
    suggestion = suggest_targets([member(1, (150e3,) * 3), coach], Q1, Decimal(200_000))
    assert suggestion.personal_share == 0.25
    assert suggestion.parts[1].reason == (
        "personal part (player-coach): trailing 3 quarters avg 50k → 25% of the team target"
    )


def test_a_reason_names_the_trailing_average_and_the_share() -> None:
    suggestion = suggest_targets(
        [member(1, (120e3, 110e3, 130e3)), member(2, (40e3,) * 3)], Q1, Decimal(160_000)
    )
    # averages 120k and 40k: 3 : 1 -> 120k = 75% of 160k
    assert suggestion.parts[0].reason == "trailing 3 quarters avg 120k → 75% of the team target"
    assert suggestion.personal_share is None


def test_with_no_history_anywhere_the_split_follows_capacity() -> None:
    # capacities 100% and 50% (months 1-3 of a new hire) -> 2 : 1 of 90k
    members = [member(1, (None,) * 3), member(2, (None,) * 3, start=date(2026, 1, 1))]
    assert amounts(members, "90000") == [60_000, 30_000]


@pytest.mark.parametrize(
    ("team", "pct", "message"),
    [("0", "0", "above zero"), ("1000", "-5", "0 or more")],
)
def test_bad_inputs_are_refused(team: str, pct: str, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        suggest_targets([member(1, (1.0,))], Q1, Decimal(team), over_assign_pct=Decimal(pct))


def test_nobody_to_spread_over_is_refused() -> None:
    with pytest.raises(Invalid, match="nobody"):
        suggest_targets([], Q1, Decimal(1000))


values = st.one_of(st.none(), st.floats(min_value=0, max_value=5e6, allow_nan=False))
starts = st.one_of(st.none(), st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 3, 31)))
members_strategy = st.lists(
    st.tuples(st.tuples(values, values, values), starts, st.booleans()), min_size=1, max_size=12
)


@given(
    team=st.decimals(min_value="0.01", max_value="1e10", places=2),
    pct=st.decimals(min_value=0, max_value=100, places=2),
    people=members_strategy,
)
def test_any_suggestion_adds_up_exactly_and_no_part_is_negative(
    team: Decimal, pct: Decimal, people: list[tuple[tuple[float | None, ...], date | None, bool]]
) -> None:
    members = [
        member(i, history, start=start, personal=personal)
        for i, (history, start, personal) in enumerate(people)
    ]
    suggestion = suggest_targets(members, Q1, team, over_assign_pct=pct)
    parts = [part.amount for part in suggestion.parts]
    assert sum(parts) == team * (1 + pct / 100)
    assert all(part >= 0 for part in parts)
