"""The business assumptions of the synthetic org: segments, team focus and rep archetypes.

Targets are derived from the same numbers that drive deal generation, so an average rep lands
near 100% and strong or weak reps land visibly above or below it.
"""

import math
from dataclasses import dataclass

from pacesetter.domain.vocab import ActivityType


@dataclass(frozen=True, slots=True)
class Segment:
    name: str
    amount_range: tuple[int, int]  # deal amounts are log-uniform in this range
    win_rate: float  # for an average rep
    cycle_days: tuple[int, int]
    margin_share: tuple[float, float]

    def mean_amount(self) -> float:
        low, high = self.amount_range
        return (high - low) / math.log(high / low)


SMB = Segment("SMB", (4_000, 20_000), 0.36, (10, 45), (0.55, 0.75))
MID_MARKET = Segment("Mid-market", (20_000, 90_000), 0.29, (25, 90), (0.45, 0.65))
ENTERPRISE = Segment("Enterprise", (90_000, 400_000), 0.22, (45, 150), (0.30, 0.55))
SEGMENTS = (SMB, MID_MARKET, ENTERPRISE)

ACTIVITY_TYPES = tuple(ActivityType)


COACH_SEGMENT_UP = 0.6


def _revenue_per_deal(segment_weights: tuple[float, ...]) -> float:
    pairs = zip(segment_weights, SEGMENTS, strict=True)
    return sum(w * s.win_rate * s.mean_amount() for w, s in pairs)


@dataclass(frozen=True, slots=True)
class Focus:
    """What a team sells to and how: its segment mix, deal flow and activity mix."""

    name: str
    segment_weights: tuple[float, float, float]  # SMB, Mid-market, Enterprise
    deals_per_month: float
    type_weights: tuple[float, ...]  # in ACTIVITY_TYPES order
    field_sales: bool  # field teams get ride-alongs, inside teams get shadowing

    def expected_monthly_revenue(self) -> float:
        return self.deals_per_month * _revenue_per_deal(self.segment_weights)

    def coach_segment_weights(self) -> tuple[float, ...]:
        """A player-coach keeps the bigger accounts: part of each segment moves one up."""
        kept = [w * (1 - COACH_SEGMENT_UP) for w in self.segment_weights]
        moved = [0.0, *(w * COACH_SEGMENT_UP for w in self.segment_weights[:-1])]
        moved[-1] += self.segment_weights[-1] * COACH_SEGMENT_UP
        return tuple(k + m for k, m in zip(kept, moved, strict=True))

    def coach_deal_ratio(self) -> float:
        """Deals a player-coach needs per rep-sized target, given their bigger accounts."""
        return _revenue_per_deal(self.segment_weights) / _revenue_per_deal(
            self.coach_segment_weights()
        )

    def expected_monthly_wins(self) -> float:
        pairs = zip(self.segment_weights, SEGMENTS, strict=True)
        return self.deals_per_month * sum(w * s.win_rate for w, s in pairs)


INSIDE_SMB = Focus("SMB", (0.8, 0.2, 0.0), 8.0, (0.48, 0.30, 0.08, 0.07, 0.03, 0.04), False)
FIELD_MID = Focus("Mid-market", (0.2, 0.7, 0.1), 5.0, (0.32, 0.30, 0.18, 0.09, 0.05, 0.06), True)
FIELD_ENT = Focus("Enterprise", (0.0, 0.35, 0.65), 2.5, (0.26, 0.32, 0.22, 0.09, 0.05, 0.06), True)
FOCUSES = (INSIDE_SMB, FIELD_MID, FIELD_ENT)
FOCUS_WEIGHTS = (0.45, 0.35, 0.20)


@dataclass(frozen=True, slots=True)
class Archetype:
    """A rep's effort (activity volume) and skill (win rate, ratings) relative to average."""

    name: str
    effort: float
    skill: float


STEADY = Archetype("steady", 1.0, 1.0)
# Dealt in decks of ten so even a small org has every quadrant of activity vs results.
ARCHETYPE_DECK = (
    STEADY, STEADY, STEADY, STEADY,
    Archetype("star", 1.3, 1.3),
    Archetype("grinder", 1.3, 0.7),
    Archetype("natural", 0.72, 1.35),
    Archetype("struggler", 0.68, 0.68),
    Archetype("star", 1.22, 1.2),
    Archetype("struggler", 0.75, 0.75),
)  # fmt: skip
