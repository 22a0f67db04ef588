"""Revenue targets as a careful manager sets them: from each person's history and tenure.

The team standard is what an average seller of the team would win. A new hire takes the
standard, ramped over their first months (they have no history yet); after the ramp a person's
target follows their own run rate (what their skill and effort have shown) plus a tenth, within
0.6 to 2 times the standard: stars are asked for more, a struggler for what they can reach.
Goals, forecasts and improvement plans all read these numbers, so they agree with each other
and team targets add up from personal ones.
"""

from datetime import date
from functools import lru_cache

from pacesetter.domain.vocab import Role
from pacesetter.synth.calendar import add_months, month_end, months_between, working_days
from pacesetter.synth.people import Org, Person
from pacesetter.synth.randomness import clamp

# Share of a full load in a new hire's first months (month 0 is the start month). Revenue
# lags the deals a new hire opens by a sales cycle, so the target ramps slower than deal flow.
TARGET_RAMP = (0.05, 0.15, 0.35, 0.55, 0.75, 0.9)
DEAL_RAMP = (0.2, 0.5, 0.8)
# Wins bunch up at the end of each quarter, so monthly targets follow the quarter's shape.
QUARTER_SHAPE = (0.85, 0.95, 1.2)
ROUNDING = 500
GROWTH = 1.1  # a tenth above the person's own run rate
SIZED_RANGE = (0.6, 2.0)  # the target's bounds, as multiples of the team standard
ACTIVITY_RANGE = (0.85, 1.2)  # an activity goal's bounds around the plan's standard


def ramp(person: Person, month: date, steps: tuple[float, ...] = TARGET_RAMP) -> float:
    months_in = months_between(person.start, month)
    return steps[months_in] if 0 <= months_in < len(steps) else 1.0


def quarter_shape(month: date) -> float:
    return QUARTER_SHAPE[(month.month - 1) % 3]


def employed_share(person: Person, month: date) -> float:
    """Share of the month's working days the person is employed (leavers, mid-month starts)."""
    days = month_working_days(month)
    employed = [d for d in days if person.start <= d and (person.end is None or d <= person.end)]
    return len(employed) / len(days) if days else 0.0


@lru_cache(maxsize=256)
def month_working_days(month: date) -> tuple[date, ...]:
    return tuple(working_days(month, month_end(month)))


def history_factor(person: Person, month: date) -> float:
    """The person's revenue target as a multiple of the team standard: 1 while they ramp (no
    history to go by), then their run rate plus `GROWTH`, within `SIZED_RANGE`."""
    if _ramping(person, month):
        return 1.0
    return clamp(person.traits.skill * person.traits.effort * GROWTH, *SIZED_RANGE)


def activity_factor(person: Person, month: date) -> float:
    """An activity goal as a multiple of a rep's plan standard: the volume the person has
    shown, within `ACTIVITY_RANGE` (1 while they ramp); a player-coach's selling share."""
    if person.role != Role.REP:
        return person.traits.selling_share
    return 1.0 if _ramping(person, month) else clamp(person.traits.effort, *ACTIVITY_RANGE)


def _ramping(person: Person, month: date) -> bool:
    return 0 <= months_between(person.start, month) < len(TARGET_RAMP)


def personal_month_target(person: Person, month: date, *, sized: bool = True) -> float:
    """The person's own `revenue_won` target for the month; 0 for those who do not sell.
    `sized=False` is the team standard alone (a manager who gives everyone the same number)."""
    if not person.sells or person.focus is None:
        return 0.0
    share = 1.0 if person.role == Role.REP else person.traits.personal_share
    base = person.focus.expected_monthly_revenue() * quarter_shape(month) * share
    factor = history_factor(person, month) if sized else 1.0
    raw = base * factor * ramp(person, month) * employed_share(person, month)
    return round(raw / ROUNDING) * ROUNDING


def team_month_target(org: Org, person: Person, month: date) -> float:
    """A manager's team is the manager and everyone below them (metrics.md)."""
    below = (team_month_target(org, org.people[i], month) for i in person.reports)
    return personal_month_target(person, month) + sum(below)


def quarter_months(quarter_start: date) -> list[date]:
    return [add_months(quarter_start, k) for k in range(3)]
