"""The reward-rule form as typed on the page, and the terms it stands for.

The form is kept as the text typed, so a refused one comes back exactly as it was. Reading it
turns the lines of tiers and bands into the terms the rules service takes (numbers stay text,
"90%" is read as 0.9, "5,000" as 5000) and leaves every rule about terms to the service
(`incentives.rules`, through `domain.incentive_terms`). Only what the edge checks for every
typed value is checked here: numbers within `MAX_AMOUNT`, days within the periods' window, a
team that is an id.
"""

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from pacesetter.domain.errors import Invalid
from pacesetter.domain.periods import EARLIEST_DAY, LATEST_DAY
from pacesetter.http.validation import MAX_AMOUNT, MAX_ID

RULE_FIELDS = ("name", "kind", "metric", "period_kind", "team_manager_id", "effective_from")
TERMS_OF_KIND: dict[str, tuple[str, ...]] = {
    "bonus": ("target_bonus", "tiers", "bands", "cap"),
    "team": ("pool", "split", "tiers", "bands", "cap"),
    "spiff": (
        "per_deal",
        "window_start",
        "window_end",
        "first_n",
        "min_amount",
        "product",
        "segment",
    ),
}
TERM_FIELDS = tuple(dict.fromkeys(name for names in TERMS_OF_KIND.values() for name in names))
NUMBERS = frozenset({"target_bonus", "pool", "cap", "per_deal", "first_n", "min_amount"})
# A line of tiers or bands: two numbers, by these keys.
PAIRS = {"tiers": ("floor", "share"), "bands": ("start", "rate")}
SEPARATORS = re.compile(r"\s*(?:->|→|=|:|;|\s)\s*")

Typed = dict[str, str]  # field -> text as typed


def typed_from(fields: Mapping[str, Any], names: tuple[str, ...]) -> Typed:
    """The named fields of a posted form, as text (absent: empty)."""
    return {name: str(fields.get(name) or "") for name in names}


def params_of(kind: str, typed: Mapping[str, str]) -> dict[str, Any]:
    """The terms the form states for a rule of `kind`; a field left empty is left out."""
    params: dict[str, Any] = {}
    for name in TERMS_OF_KIND.get(kind, ()):
        text = typed.get(name, "").strip()
        if not text:
            continue
        if name in PAIRS:
            params[name] = _pairs(name, text)
        else:
            params[name] = _number(text) if name in NUMBERS else text
    return params


def typed_terms(params: Mapping[str, Any]) -> Typed:
    """Stored terms as the form shows them (to start a change from the current terms)."""
    typed = {name: "" for name in TERM_FIELDS}
    for name, value in params.items():
        if name in PAIRS:
            keys = PAIRS[name]
            typed[name] = "\n".join(f"{item[keys[0]]} {item[keys[1]]}" for item in value)
        elif name in typed and value is not None:
            typed[name] = str(value)
    return typed


def team_of(text: str) -> int | None:
    """The team's manager chosen (empty: everyone)."""
    if not text.strip():
        return None
    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_ID:
        raise Invalid("Choose the team from the list.")
    return int(text)


def day_of(text: str, what: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid(f"{what} is a date, like 2026-07-01.") from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise Invalid(f"{what} falls between {EARLIEST_DAY} and {LATEST_DAY}.")
    return day


def _pairs(name: str, text: str) -> list[dict[str, str]]:
    keys = PAIRS[name]
    found = []
    for line in text.splitlines():
        parts = [part for part in SEPARATORS.split(line.strip()) if part]
        if not parts:
            continue
        if len(parts) != 2:
            raise Invalid(
                f"Each line of {name} is two numbers, the {keys[0]} then the {keys[1]} "
                f"(like “90% 0.5”), not “{line.strip()}”."
            )
        found.append({key: _number(part) for key, part in zip(keys, parts, strict=True)})
    return found


def _number(text: str) -> str:
    """A typed number as the terms hold it: "90%" is 0.9 and "5,000" is 5000. Text that is no
    finite number is handed on as typed, for the service to say why it is refused."""
    percent = text.endswith("%")
    bare = text.removesuffix("%").replace(",", "").strip()
    try:
        number = Decimal(bare)
    except InvalidOperation:
        return text
    if not number.is_finite():
        return text
    if abs(number) > MAX_AMOUNT:
        raise Invalid(f"{text} is out of range: at most {MAX_AMOUNT:,} either way.")
    return f"{(number / 100 if percent else number).normalize():f}"
