"""How numbers read in lint messages and suggestion reasons: as a manager would write them."""

from decimal import Decimal


def show(value: float | Decimal, unit: str = "count") -> str:
    """A value in its unit: 0.35 as a share reads "35%", 120000 as money "120,000"."""
    number = float(value)
    if unit == "share":
        return f"{number:.0%}"
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


def percent(share: float) -> str:
    return f"{share:.0%}"


def names(items: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
