"""Small random helpers shared by the generators; each takes the caller's own Random."""

import math
import random
from datetime import date

from pacesetter.synth.calendar import working_days

NORMAL_APPROXIMATION_ABOVE = 30.0
QUARTER_HOURS = 4


def poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > NORMAL_APPROXIMATION_ABOVE:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def rating(rng: random.Random, centre: float) -> int:
    """A 1-5 rating scattered around `centre`."""
    return int(clamp(round(rng.gauss(centre, 0.7)), 1, 5))


def working_day_between(rng: random.Random, first: date, last: date) -> date | None:
    days = working_days(first, last)
    return rng.choice(days) if days else None


def timestamp(rng: random.Random, day: date, hours: tuple[int, int] = (8, 17)) -> str:
    """An ISO date-time on `day` at a quarter hour inside `hours` (start inclusive)."""
    hour = rng.randrange(*hours)
    minute = 15 * rng.randrange(QUARTER_HOURS)
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00"
