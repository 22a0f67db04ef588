"""A reward rule's terms as stored (JSON with numbers as text, so no float creeps in) read into
the Decimal terms of domain/incentives.py, and checked: a bad rule is refused when it is saved,
with a message that says what is allowed."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from pacesetter.domain.errors import Invalid
from pacesetter.domain.incentives import (
    KINDS,
    ONE,
    SPLITS,
    Band,
    BonusTerms,
    SpiffTerms,
    TeamTerms,
    Tier,
    dec,
)

Terms = BonusTerms | SpiffTerms | TeamTerms


def terms_of(kind: str, params: Mapping[str, Any]) -> Terms:
    """The terms a rule of `kind` states in `params`; `Invalid` when they do not hold."""
    if kind == "bonus":
        return bonus_terms(params, "target_bonus")
    if kind == "team":
        split = str(params.get("split") or "contribution")
        if split not in SPLITS:
            raise Invalid(f"A team reward is split by {' or '.join(SPLITS)}, not {split!r}.")
        return TeamTerms(bonus_terms(params, "pool"), split)
    if kind == "spiff":
        return spiff_terms(params)
    raise Invalid(f"A reward rule is one of {', '.join(KINDS)}, not {kind!r}.")


def bonus_terms(params: Mapping[str, Any], amount_key: str) -> BonusTerms:
    amount = _at_least(params.get(amount_key), Decimal(0), amount_key)
    tiers = tuple(
        Tier(_fraction(t, "floor", below_one=True), _fraction(t, "share"))
        for t in _list(params, "tiers")
    )
    bands = tuple(
        Band(
            _at_least(b.get("start"), ONE, "band start"),
            _at_least(b.get("rate"), Decimal(0), "band rate"),
        )
        for b in _list(params, "bands")
    )
    cap = params.get("cap")
    return BonusTerms(
        amount, tiers, bands, None if cap in (None, "") else _at_least(cap, ONE, "cap")
    )


def spiff_terms(params: Mapping[str, Any]) -> SpiffTerms:
    start, end = _day(params, "window_start"), _day(params, "window_end")
    if end < start:
        raise Invalid("A SPIFF's window ends on or after the day it starts.")
    first_n = params.get("first_n")
    if first_n not in (None, "") and (not str(first_n).isdigit() or int(first_n) < 1):
        raise Invalid("first_n is a whole number of deals, 1 or more (or empty for every deal).")
    return SpiffTerms(
        per_deal=_at_least(params.get("per_deal"), Decimal(0), "per_deal"),
        window_start=start,
        window_end=end,
        first_n=None if first_n in (None, "") else int(first_n),
        min_amount=_at_least(params.get("min_amount") or 0, Decimal(0), "min_amount"),
        product=_text(params.get("product")),
        segment=_text(params.get("segment")),
    )


def _list(params: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = params.get(key) or []
    if not isinstance(items, list) or not all(isinstance(item, Mapping) for item in items):
        raise Invalid(f"{key} is a list of objects.")
    return items


def _at_least(value: Any, floor: Decimal, what: str) -> Decimal:
    if value is None or value == "":
        raise Invalid(f"The {what} is missing.")
    number = dec(value, what)
    if number < floor:
        raise Invalid(f"The {what} is at least {floor}, not {number}.")
    return number


def _fraction(item: Mapping[str, Any], key: str, *, below_one: bool = False) -> Decimal:
    number = _at_least(item.get(key), Decimal(0), f"tier {key}")
    if number > ONE or (below_one and number >= ONE):
        raise Invalid(
            f"A tier {key} is a fraction {'below' if below_one else 'up to'} 1 (0.9 = 90%)."
        )
    return number


def _day(params: Mapping[str, Any], key: str) -> date:
    try:
        return date.fromisoformat(str(params.get(key)))
    except ValueError:
        raise Invalid(f"{key} is a date (YYYY-MM-DD).") from None


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None
