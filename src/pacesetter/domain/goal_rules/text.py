"""How numbers read in lint messages and suggestion reasons: as a manager would write them."""

import math
from decimal import Decimal


def show(value: float | Decimal, unit: str = "count") -> str:
    """A value in its unit: 0.35 as a share reads "35%", 120000 as money "120,000"."""
    number = float(value)
    if unit == "share":
        return percent(number)
    if unit == "days":
        return f"{number:,.0f} days"
    if not number.is_integer():
        return f"{number:,.2f}"
    return f"{number:,.0f}"


def compact(value: float | Decimal) -> str:
    """A short amount for reasons, three significant figures: 120000 reads "120k", 1250000
    "1.25M", 56170 "56.2k", 950 "950"."""
    rounded = float(f"{float(value):.3g}")
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if abs(rounded) >= size:
            return f"{rounded / size:g}{suffix}"
    return f"{rounded:g}"


def percent(share: float | Decimal) -> str:
    """Whole percent, rounded down: 99.6% reads "99%", so "100%" always means the goal is met.
    (The epsilon keeps 0.29 * 100 = 28.999... from reading "28%".)"""
    return f"{math.floor(float(share) * 100 + 1e-9)}%"


def names(items: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
