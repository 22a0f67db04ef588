"""A form as a browser posts it (flat text fields) into a `CoachingForm`.

Grouped answers arrive as `ratings.<skill>`, `commitments.<line>` and `checklist.<item>`; a
blank one is no answer. A value that is not what its field takes (a rating of "four") is
reported under the field's name, with the form's own problems, so the page shows them all.
"""

from collections.abc import Callable, Mapping
from datetime import date, time
from typing import Any, TypeVar

from pacesetter.coaching.forms import CoachingForm, Problems
from pacesetter.domain.periods import EARLIEST_DAY, LATEST_DAY

T = TypeVar("T")
MAX_ID = 2**31 - 1  # PostgreSQL's integer, as every id the pages and the API take
TEXTS = (
    "notes", "private_notes", "went_well", "to_improve", "review_month", "blockers",
    "candidate", "goals", "outcome", "award",
)  # fmt: skip
GROUPS = {"ratings": int, "commitments": float, "checklist": str}
DAY_MESSAGE = f"Write a date from {EARLIEST_DAY} to {LATEST_DAY} as YYYY-MM-DD."
YES = {"yes": True, "true": True, "on": True, "no": False, "false": False}


def form_from_fields(fields: Mapping[str, str], today: date) -> tuple[CoachingForm, Problems]:
    """The form the fields describe, and the fields that could not be read."""
    problems: Problems = {}

    def read(name: str, parse: Callable[[str], T], message: str) -> T | None:
        value = (fields.get(name) or "").strip()
        if not value:
            return None
        try:
            return parse(value)
        except ValueError:
            problems[name] = message
            return None

    values: dict[str, Any] = {name: fields.get(name) for name in TEXTS}
    values |= {
        "person_id": read("person_id", _id, "Choose a person."),
        "rating": read("rating", int, "A rating is a whole number from 1 to 5."),
        "account_id": read("account_id", _id, "Choose an account."),
        "deal_id": read("deal_id", _id, "Choose a deal."),
        "at": read("at", time.fromisoformat, "Write the time as HH:MM."),
        "review_date": read("review_date", _day, DAY_MESSAGE),
        "on_track": read("on_track", _yes_no, "Answer yes or no."),
    }
    occurred = read("occurred_on", _day, DAY_MESSAGE)
    groups = {group: _group(fields, group, parse, read) for group, parse in GROUPS.items()}
    form = CoachingForm(
        type=fields.get("type", ""), occurred_on=occurred or today, **values, **groups
    )
    return form, problems


def _group(
    fields: Mapping[str, str], group: str, parse: Callable[[str], Any], read: Callable[..., Any]
) -> dict[str, Any]:
    prefix = group + "."
    found = {}
    for name in fields:
        if name.startswith(prefix):
            value = read(name, parse, "Write a number." if parse is not str else "")
            if value is not None:
                found[name[len(prefix) :]] = value
    return found


def _yes_no(value: str) -> bool:
    answer = YES.get(value.lower())
    if answer is None:
        raise ValueError(value)
    return answer


def _id(value: str) -> int:
    number = int(value)
    if not 1 <= number <= MAX_ID:
        raise ValueError(value)
    return number


def _day(value: str) -> date:
    day = date.fromisoformat(value)
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(value)
    return day
