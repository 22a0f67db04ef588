"""What reward rules pay: pure calculations in Decimal, each with its working written out.

Three kinds of rule (docs/incentives.md):
- bonus: a target bonus paid at 100% attainment; below it, tiers pay a share of it from a
  floor up; above it, accelerator bands pay `rate` x the target bonus per 100 points of
  attainment inside each band; the whole is capped at `cap` x the target bonus.
- spiff: an amount per won deal in a window, either for each deal that matches (a product, a
  segment, a minimum amount) or for the first N of them (a race across the rule's people).
- team: a bonus on a team goal (the same banded terms) split among the team's members by
  their contribution share, or evenly.

Amounts are rounded to the cent once, at the end of each calculation (half up); a split hands
out the rounding cents by largest remainder so the parts add up to the whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from pacesetter.domain.errors import Invalid

CENT = Decimal("0.01")
ONE = Decimal(1)
HUNDRED = Decimal(100)
KINDS = ("bonus", "spiff", "team")
SPLITS = ("contribution", "even")


@dataclass(frozen=True)
class Tier:
    """Below 100%: from `floor` attainment on, `share` of the target bonus is paid."""

    floor: Decimal
    share: Decimal


@dataclass(frozen=True)
class Band:
    """Above 100%: from `start` attainment on (to the next band's start), each 100 points
    pay `rate` x the target bonus."""

    start: Decimal
    rate: Decimal


@dataclass(frozen=True)
class BonusTerms:
    target_bonus: Decimal
    tiers: tuple[Tier, ...] = ()
    bands: tuple[Band, ...] = ()
    cap: Decimal | None = None  # the most paid, as a multiple of the target bonus


@dataclass(frozen=True)
class SpiffTerms:
    per_deal: Decimal
    window_start: date
    window_end: date
    first_n: int | None = None  # None: every matching deal pays
    min_amount: Decimal = Decimal(0)  # a deal pays when its amount is above this
    product: str | None = None  # matched case-insensitively inside the deal's name
    segment: str | None = None  # the deal's account segment, exactly (case-insensitive)


@dataclass(frozen=True)
class TeamTerms:
    bonus: BonusTerms  # its target bonus is the team's pool at 100%
    split: str = "contribution"


@dataclass(frozen=True)
class Payout:
    amount: Decimal
    working: tuple[str, ...]  # the calculation in words, one step a line


@dataclass(frozen=True)
class WonDeal:
    deal_id: int
    owner_id: int
    amount: Decimal
    close_date: date
    name: str
    segment: str | None


def dec(value: Any, what: str = "value") -> Decimal:
    """A finite Decimal from a number or text (floats through their shortest text)."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise Invalid(f"The {what} must be a number, not {value!r}.") from None
    if not number.is_finite():
        raise Invalid(f"The {what} must be a finite number.")
    return number


def money(value: Decimal) -> str:
    return f"{value.quantize(CENT, ROUND_HALF_UP):,.2f}"


def percent(value: Decimal) -> str:
    """A fraction as a percent for the working, to 0.01 (the amounts use the exact value)."""
    return f"{(value * HUNDRED).quantize(CENT, ROUND_HALF_UP).normalize():f}%"


def multiple_text(value: Decimal) -> str:
    """A multiple of the target bonus for the working, to 4 decimals."""
    return f"{value.quantize(Decimal('0.0001'), ROUND_HALF_UP).normalize():f}"


def bonus_multiple(terms: BonusTerms, attainment: Decimal) -> tuple[Decimal, list[str]]:
    """The multiple of the target bonus earned at `attainment`, and how it was reached."""
    if attainment < ONE:
        return _tier_multiple(terms.tiers, attainment)
    multiple, steps = ONE, [f"{percent(attainment)} reaches 100%: 1 x the target bonus"]
    for band, end in _band_spans(terms.bands):
        inside = min(attainment, end) - band.start if end is not None else attainment - band.start
        if inside <= 0:
            continue
        multiple += inside * band.rate
        span = (
            f"{percent(band.start)}-{percent(end)}"
            if end is not None
            else f"{percent(band.start)}+"
        )
        steps.append(f"band {span}: {percent(inside)} x rate {band.rate.normalize():f}")
    if terms.cap is not None and multiple > terms.cap:
        steps.append(f"capped at {terms.cap.normalize():f} x the target bonus")
        multiple = terms.cap
    return multiple, steps


def _tier_multiple(tiers: Sequence[Tier], attainment: Decimal) -> tuple[Decimal, list[str]]:
    reached = [tier for tier in tiers if tier.floor <= attainment]
    if not reached:
        return Decimal(0), [f"{percent(attainment)} is below every tier: nothing"]
    tier = max(reached, key=lambda t: t.floor)
    return tier.share, [
        f"{percent(attainment)} reaches the {percent(tier.floor)} tier: "
        f"{tier.share.normalize():f} x the target bonus"
    ]


def _band_spans(bands: Sequence[Band]) -> list[tuple[Band, Decimal | None]]:
    ordered = sorted(bands, key=lambda b: b.start)
    ends: list[Decimal | None] = [b.start for b in ordered[1:]]
    return list(zip(ordered, [*ends, None], strict=False))


def bonus_payout(terms: BonusTerms, attainment: Decimal | None) -> Payout:
    """What the bonus pays at `attainment` (nothing without one)."""
    if attainment is None:
        return Payout(Decimal(0), ("no attainment yet: nothing",))
    multiple, steps = bonus_multiple(terms, attainment)
    amount = (terms.target_bonus * multiple).quantize(CENT, ROUND_HALF_UP)
    total = (
        f"{multiple_text(multiple)} x target bonus {money(terms.target_bonus)} = {money(amount)}"
    )
    return Payout(amount, (*steps, total))


def spiff_matches(terms: SpiffTerms, deal: WonDeal) -> bool:
    """A won deal inside the window, above the minimum, on the product and segment named."""
    inside = terms.window_start <= deal.close_date <= terms.window_end
    product = terms.product is None or terms.product.casefold() in deal.name.casefold()
    segment = terms.segment is None or (deal.segment or "").casefold() == terms.segment.casefold()
    return inside and deal.amount > terms.min_amount and product and segment


def spiff_awards(terms: SpiffTerms, deals: Sequence[WonDeal]) -> list[WonDeal]:
    """The deals that pay: every match, or the first N by close date (then deal id)."""
    matching = sorted(
        (deal for deal in deals if spiff_matches(terms, deal)),
        key=lambda deal: (deal.close_date, deal.deal_id),
    )
    return matching if terms.first_n is None else matching[: terms.first_n]


def spiff_payout(terms: SpiffTerms, awarded: Sequence[WonDeal]) -> Payout:
    """One person's SPIFF: their awarded deals x the amount per deal."""
    amount = (terms.per_deal * len(awarded)).quantize(CENT, ROUND_HALF_UP)
    step = f"{len(awarded)} deal(s) x {money(terms.per_deal)} = {money(amount)}"
    return Payout(amount, (step,))


def split_pool(pool: Decimal, weights: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """`pool` shared in proportion to `weights` (all equal when none is positive), to the cent,
    the rounding cents going to the largest remainders (then the lowest id)."""
    people = sorted(weights)
    if not people:
        return {}
    total = sum((max(weights[p], Decimal(0)) for p in people), Decimal(0))
    shares = {
        p: (max(weights[p], Decimal(0)) / total if total > 0 else ONE / len(people)) for p in people
    }
    cents = (pool / CENT).to_integral_value(ROUND_HALF_UP)
    exact = {p: cents * shares[p] for p in people}
    base = {p: exact[p].to_integral_value(ROUND_DOWN) for p in people}
    left = int(cents - sum(base.values(), Decimal(0)))
    for person in sorted(people, key=lambda p: (-(exact[p] - base[p]), p))[:left]:
        base[person] += 1
    return {p: base[p] * CENT for p in people}


def team_split(
    terms: TeamTerms, attainment: Decimal | None, revenue: Mapping[int, Decimal]
) -> tuple[Payout, dict[int, Decimal]]:
    """The team's pool at its attainment, and each paid member's part of it (`revenue` holds
    the members who are paid, with their won revenue for the contribution split)."""
    pool = bonus_payout(terms.bonus, attainment)
    weights = revenue if terms.split == "contribution" else {p: ONE for p in revenue}
    return pool, split_pool(pool.amount, weights)


@dataclass(frozen=True)
class Version:
    """One version of a rule: its terms as stored, and the days it is in effect."""

    version_id: int
    effective_from: date
    effective_to: date | None
    params: Mapping[str, Any]


def version_for(versions: Sequence[Version], period_start: date) -> Version | None:
    """The version in effect on a period's first day: the terms a period starts under are the
    terms it is paid under, whatever changes during it."""
    for version in versions:
        ends = version.effective_to
        if version.effective_from <= period_start and (ends is None or period_start <= ends):
            return version
    return None
