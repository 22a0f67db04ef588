"""Suggested targets: a team target spread over a manager's people by what each has shown they
can do (their trailing results) and how far into their ramp they are.

Method (docs/goals.md tells it in a manager's words):
1. Basis: a person's average over the trailing periods in which they were fully ramped. Someone
   without such a period takes the team benchmark: the median basis of the reps who have one.
2. Capacity: the mean, over the target period's months, of the ramp factor of the person's
   tenure month in it (month 1 is the start month; 25/50/75% by default, then 100%).
3. Weight = basis x capacity; the parts are the weights' shares of team target x (1 + pct).
4. Rounding: every part is a whole number of `unit` (about three significant figures), the
   units left over go to the largest remainders, and what is below one unit to the largest
   part, so the parts add up to the total exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import floor
from statistics import fmean, median

from pacesetter.domain.errors import Invalid
from pacesetter.domain.goal_rules.text import compact, percent
from pacesetter.domain.periods import Period, parse_period

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Ramp:
    """The share of a full target a new hire carries in each of their first months."""

    steps: tuple[float, ...] = (0.25, 0.5, 0.75)

    def factor(self, tenure_month: int) -> float:
        """Month 1 is the start month; before it nothing, after the steps a full target."""
        if tenure_month < 1:
            return 0.0
        return self.steps[tenure_month - 1] if tenure_month <= len(self.steps) else 1.0

    def ramped_from(self, start: date) -> date:
        """The first day of the first month carried in full."""
        months = start.year * 12 + start.month - 1 + len(self.steps)
        return date(months // 12, months % 12 + 1, 1)


def tenure_month(start: date, month: Period) -> int:
    """Which month of their tenure `month` is for someone who started on `start`."""
    return (month.year - start.year) * 12 + month.number - start.month + 1


@dataclass(frozen=True)
class Trailing:
    """One trailing period's result (None when the person has none to show)."""

    period: str
    start: date
    value: float | None


@dataclass(frozen=True)
class Member:
    """Someone who gets a part: a rep, or the player-coach manager (`personal`)."""

    person_id: int
    name: str
    start_date: date | None
    trailing: tuple[Trailing, ...]
    personal: bool = False


@dataclass(frozen=True)
class Part:
    member: Member
    amount: Decimal
    share_of_team: float
    reason: str


@dataclass(frozen=True)
class Suggestion:
    period: Period
    team_target: Decimal
    over_assign_pct: Decimal
    total: Decimal
    unit: Decimal
    parts: tuple[Part, ...]

    @property
    def personal_share(self) -> float | None:
        """The player-coach's personal part as a share of the team target (None: no part)."""
        return next((part.share_of_team for part in self.parts if part.member.personal), None)


@dataclass(frozen=True)
class _Sizing:
    """Why a member weighs what they weigh."""

    basis: float | None
    periods: int
    capacity: float
    tenure: tuple[int, ...]


def suggest_targets(
    members: Sequence[Member],
    period: Period,
    team_target: Decimal,
    *,
    over_assign_pct: Decimal = Decimal(0),
    ramp: Ramp | None = None,
    unit: Decimal | None = None,
) -> Suggestion:
    """Parts of `team_target x (1 + over_assign_pct / 100)` for `members`, adding up exactly."""
    _check(members, team_target, over_assign_pct, unit)
    ramp = ramp or Ramp()
    sizings = [_sizing(member, period, ramp) for member in members]
    benchmark = _benchmark(members, sizings)
    weights = _weights(sizings, benchmark)
    total = team_target * (1 + over_assign_pct / HUNDRED)
    unit = unit or auto_unit(total, len(members))
    amounts = apportion(total, weights, unit)
    parts = tuple(
        Part(member, amount, share, _reason(member, sizing, benchmark, share))
        for member, sizing, amount in zip(members, sizings, amounts, strict=True)
        for share in [float(amount / team_target)]
    )
    return Suggestion(period, team_target, over_assign_pct, total, unit, parts)


def auto_unit(total: Decimal, count: int) -> Decimal:
    """A rounding unit giving each part about three significant figures, never below 1."""
    per_part = total / max(count, 1)
    exponent = per_part.adjusted() - 2 if per_part > 0 else 0
    return Decimal(10) ** max(0, exponent)


def apportion(total: Decimal, weights: Sequence[float], unit: Decimal) -> list[Decimal]:
    """`total` split by `weights` into whole `unit`s (largest remainders), plus what is below
    one unit on the heaviest part: the result adds up to `total` exactly."""
    whole = int(total // unit)
    scale = Fraction(whole) / sum(Fraction(weight) for weight in weights)
    exact = [Fraction(weight) * scale for weight in weights]
    units = [floor(share) for share in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (units[i] - exact[i], -weights[i], i))
    for i in by_remainder[: whole - sum(units)]:
        units[i] += 1
    amounts = [unit * count for count in units]
    heaviest = max(range(len(weights)), key=lambda i: (weights[i], -i))
    amounts[heaviest] += total - unit * whole
    return amounts


def _check(
    members: Sequence[Member], team_target: Decimal, pct: Decimal, unit: Decimal | None
) -> None:
    if not members:
        raise Invalid("There is nobody to spread the team target over.")
    if not team_target > 0:
        raise Invalid(f"The team target must be above zero, got {team_target}.")
    if pct < 0:
        raise Invalid(f"Over-assignment is a percentage of 0 or more, got {pct}.")
    if unit is not None and not unit > 0:
        raise Invalid(f"The rounding unit must be above zero, got {unit}.")


def _sizing(member: Member, period: Period, ramp: Ramp) -> _Sizing:
    if member.start_date is None:
        values = [t.value for t in member.trailing if t.value is not None]
        return _Sizing(fmean(values) if values else None, len(values), 1.0, ())
    ramped = ramp.ramped_from(member.start_date)
    values = [t.value for t in member.trailing if t.value is not None and t.start >= ramped]
    tenure = tuple(tenure_month(member.start_date, month) for month in period.months())
    capacity = fmean(ramp.factor(month) for month in tenure)
    return _Sizing(fmean(values) if values else None, len(values), capacity, tenure)


def _benchmark(members: Sequence[Member], sizings: Sequence[_Sizing]) -> float | None:
    """What a fully ramped rep of this team delivers: the median basis of the reps."""
    bases = [s.basis for m, s in zip(members, sizings, strict=True) if not m.personal]
    known = [basis for basis in bases if basis is not None]
    return median(known) if known else None


def _weights(sizings: Sequence[_Sizing], benchmark: float | None) -> list[float]:
    """Basis x capacity; by capacity alone when nobody has history; evenly as a last resort."""
    weights = [max(0.0, _basis(s, benchmark)) * s.capacity for s in sizings]
    if sum(weights) > 0:
        return weights
    capacities = [s.capacity for s in sizings]
    return capacities if sum(capacities) > 0 else [1.0] * len(sizings)


def _basis(sizing: _Sizing, benchmark: float | None) -> float:
    if sizing.basis is not None:
        return sizing.basis
    return benchmark or 0.0


def _reason(member: Member, sizing: _Sizing, benchmark: float | None, share: float) -> str:
    """Why this number, e.g. "trailing 3 quarters avg 120k → 18% of the team target; ramp
    month 2 → 50% of a full period"."""
    history = f"{_history_words(member, sizing, benchmark)} → {percent(share)} of the team target"
    pieces = [history, _ramp_words(sizing)]
    text = "; ".join(piece for piece in pieces if piece)
    return f"personal part (player-coach): {text}" if member.personal else text


def _history_words(member: Member, sizing: _Sizing, benchmark: float | None) -> str:
    if sizing.basis is not None:
        kind = parse_period(member.trailing[0].period).kind if member.trailing else "period"
        return f"trailing {sizing.periods} {kind}s avg {compact(sizing.basis)}"
    if benchmark is not None:
        return f"no fully ramped history yet: team benchmark {compact(benchmark)}"
    return "no history on the team: split by capacity"


def _ramp_words(sizing: _Sizing) -> str:
    if sizing.capacity >= 1:
        return ""
    months = [month for month in sizing.tenure if month >= 1]
    if not months:
        return "not started yet in this period"
    listed = ", ".join(str(month) for month in months)
    label = "month" if len(months) == 1 else "months"
    return f"ramp {label} {listed} → {percent(sizing.capacity)} of a full period"


def seed_from_review(target: float | None, actual: float | None) -> float | None:
    """The team target a closed period's review proposes for the next period: the higher of the
    target and what the team actually reached. A team that beat its number has shown it can do
    that much; a team that missed keeps the bar (the review's coaching findings, not a lower
    target, are the answer to a miss). The split over people then comes from each one's history,
    ramp and share (`suggest_targets`), and the manager edits it before anything is approved."""
    known = [value for value in (target, actual) if value is not None]
    return max(known) if known else None
