"""Monthly QDQ activity plans per rep: planned counts, a direction share and a quality rating.

Planned counts are the team standard for an average rep in that month (season, working days,
holidays, ramp), so strong reps beat their plan and weak reps fall behind it.
"""

from collections.abc import Iterator
from datetime import date

from pacesetter.domain.vocab import PLAN_LINE_DIRECTION, PLAN_LINE_QUALITY, ActivityType, Role
from pacesetter.synth.activities import DAILY_ACTIVITIES
from pacesetter.synth.calendar import MONTH_FACTOR, month_key
from pacesetter.synth.people import Org, Person
from pacesetter.synth.profiles import ACTIVITY_TYPES
from pacesetter.synth.targets import employed_share, month_working_days, ramp
from pacesetter.synth.writer import Row

AVAILABILITY = 0.93  # holidays and sick days
# Follow-ups after meetings come on top of the daily mix as calls and emails.
FOLLOW_UP_ALLOWANCE = {ActivityType.CALL: 1.08, ActivityType.EMAIL: 1.08}
ACTIVITY_RAMP = (0.45, 0.8)  # share of the standard in a new hire's first months
DIRECTION_STANDARD = {"SMB": 0.3, "Mid-market": 0.35, "Enterprise": 0.45}
QUALITY_STANDARD = 3.5
NEW_HIRE_QUALITY = 3.0


def planned_counts(person: Person, month: date) -> dict[ActivityType, int]:
    """The plan's Quantity lines; `other` is not planned."""
    assert person.focus is not None
    volume = (
        DAILY_ACTIVITIES
        * len(month_working_days(month))
        * MONTH_FACTOR[month.month]
        * AVAILABILITY
        * _activity_ramp(person, month)
        * employed_share(person, month)
    )
    weights = zip(ACTIVITY_TYPES, person.focus.type_weights, strict=True)
    return {
        kind: round(volume * weight * FOLLOW_UP_ALLOWANCE.get(kind, 1.0))
        for kind, weight in weights
        if kind != ActivityType.OTHER
    }


def _activity_ramp(person: Person, month: date) -> float:
    return ramp(person, month, ACTIVITY_RAMP)


def plan_rows(org: Org) -> Iterator[Row]:
    for rep in (p for p in org.people if p.role == Role.REP):
        for month in org.window.months():
            if employed_share(rep, month) > 0:
                yield from _month_plan(rep, month)


def _month_plan(rep: Person, month: date) -> Iterator[Row]:
    assert rep.focus is not None
    key = month_key(month)
    for kind, planned in planned_counts(rep, month).items():
        yield rep.email, key, kind.value, planned
    yield rep.email, key, PLAN_LINE_DIRECTION, DIRECTION_STANDARD[rep.focus.name]
    new_hire = _activity_ramp(rep, month) < 1.0
    yield rep.email, key, PLAN_LINE_QUALITY, NEW_HIRE_QUALITY if new_hire else QUALITY_STANDARD
